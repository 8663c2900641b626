import { readFileSync } from "node:fs";
import SwaggerParser from "@apidevtools/swagger-parser";
import { and, count, eq, gte, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/infra/database";
import { apiKeys, auditEvents, contacts, emailOutbox, idempotencyKeys, importJobs, organizations, rateLimits, retailers, users } from "@/db/schema";
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, seedDemo } from "@/lib/infra/demo-seed";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/management-api/keys";
import { openApiDocument } from "@/lib/management-api/document";
import { CLIENT_TYPES_PATH, generateClientTypes } from "@/lib/management-api/client-types";
import { OPERATIONS } from "@/lib/management-api/operations";
import { listActivity } from "@/lib/audit/events";
import { previewImport } from "@/lib/imports/preview";
import { getLicenceUsage } from "@/lib/organizations/licences";
import { signInToApp } from "@/lib/sessions/app-tokens";
import { findUserByUsername } from "@/lib/staff/accounts";
import { digestToken } from "@/lib/credentials/tokens";
import { latestEmailTo, resetSecretsOf } from "../helpers/outbox";
import { ROUTES, allOperations, clientFor, contractErrors, inProcessFetch, seen, type ApiClient } from "../contract/harness";

const meta = () => ({ ip: "203.0.113.9", userAgent: "vitest" });

type Org = { id: string; adminId: string };
let demo: Org;
let other: Org;
let demoWrite: { secret: string; id: string };
let demoRead: { secret: string; id: string };
let otherWrite: { secret: string; id: string };
let api: ApiClient;
let readApi: ApiClient;
let otherApi: ApiClient;

async function orgOf(slug: string, admin: string): Promise<Org> {
  const db = await getDb();
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
  return { id: org!.id, adminId: (await findUserByUsername(admin))!.id };
}

async function newKey(org: Org, access: "read" | "write", name = `${access} key`, expiresOn: Date | null = null) {
  const created = await createApiKey({ id: org.adminId, organizationId: org.id }, { name, access, expiresOn }, meta());
  if (!created.ok) throw new Error("no key");
  return { secret: created.secret, id: created.key.id };
}

/** Every string in an answer, for the "no secret ever leaves" checks. */
function keysOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) (out.push(k), keysOf(v, out));
  return out;
}

const demoIds = {} as { user: string; device: string; retailer: string; contact: string; importJob: string };

/** The typed client's options for a CSV body: sent as it is, as text/csv. */
const csvBody = (lines: string[]) => ({
  body: lines.join("\n") + "\n",
  bodySerializer: (b: string) => b,
  headers: { "Content-Type": "text/csv" },
});

/** Polls an import as a client would, until its run is done. */
async function importDone(client: ApiClient, id: string) {
  for (let i = 0; i < 200; i++) {
    const { data } = await client.GET("/imports/{id}", { params: { path: { id } } });
    if (data?.status === "done") return data;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

const importCount = async () => (await (await getDb()).select({ n: count() }).from(importJobs))[0]!.n;

describe("the management API (/api/v1)", () => {
  beforeAll(async () => {
    const db = await getDb();
    await seedDemo(db, DEMO_ORGANIZATIONS);
    demo = await orgOf("demo", "admin@demo.test");
    other = await orgOf("other", "admin@other.test");
    demoWrite = await newKey(demo, "write", "Sales platform");
    demoRead = await newKey(demo, "read", "SIEM export");
    otherWrite = await newKey(other, "write", "Other's platform");
    api = clientFor(demoWrite.secret);
    readApi = clientFor(demoRead.secret);
    otherApi = clientFor(otherWrite.secret);
    demoIds.user = (await findUserByUsername("scanpack@demo.test"))!.id;
    demoIds.device = (await findUserByUsername("device@demo.test"))!.id;
    const [r] = await db.select({ id: retailers.id }).from(retailers).where(and(eq(retailers.organizationId, demo.id), eq(retailers.name, "Corner Store")));
    demoIds.retailer = r!.id;
    const [c] = await db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.organizationId, demo.id), eq(contacts.username, "cornerbuyer")));
    demoIds.contact = c!.id;
    const preview = await previewImport({ id: demo.adminId, organizationId: demo.id }, "contacts", {
      name: "console.csv",
      bytes: new TextEncoder().encode("Retailer,Contact name,Username,Email\nCorner Store,Preview Only,preview-only,preview-only@demo.test\n"),
    });
    if (!preview.ok) throw new Error("no preview");
    demoIds.importJob = preview.jobId;
  });

  beforeEach(async () => {
    await (await getDb()).delete(rateLimits);
  });

  describe("the contract", () => {
    it("is a valid OpenAPI 3.1 document, served at /api/v1/openapi.json", async () => {
      const { GET } = await import("@/app/api/v1/openapi.json/route");
      const served = (await GET().json()) as { openapi: string };
      expect(served.openapi).toBe("3.1.0");
      expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
      await expect(SwaggerParser.validate(structuredClone(served) as never)).resolves.toBeTruthy();
    });

    it("the validator refuses an answer that breaks it (the checks below can fail)", async () => {
      const wrong = Response.json({ data: [{ id: "x" }], next_cursor: null });
      expect((await contractErrors("GET", "/api/v1/users", wrong)).length).toBeGreaterThan(0);
      expect(await contractErrors("GET", "/api/v1/users", new Response(null, { status: 418 }))).toEqual([
        "GET /users answered 418, which the document does not list",
      ]);
    });

    it("the committed client types are the ones the document generates (run npm run api:types after a change)", async () => {
      expect(readFileSync(CLIENT_TYPES_PATH, "utf8")).toBe(await generateClientTypes());
    });

    it("every operation has its route handler, and every handler its operation", () => {
      const handlers = Object.entries(ROUTES).flatMap(([path, mod]) =>
        Object.keys(mod)
          .filter((k) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(k))
          .map((m) => `${m.toLowerCase()} ${path}`),
      );
      expect(handlers.sort()).toEqual(allOperations().sort());
    });
  });

  describe("keys", () => {
    it("stores only the secret's digest and a visible prefix", async () => {
      expect(demoWrite.secret).toMatch(/^gh_live_[A-Za-z0-9_-]{43}$/);
      const db = await getDb();
      const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, demoWrite.id));
      expect(row!.secretHash).toBe(digestToken(demoWrite.secret));
      expect(row!.prefix).toBe(demoWrite.secret.slice(0, 14));
      expect(JSON.stringify(await listApiKeys(demo.id))).not.toContain(demoWrite.secret);
    });

    it("answers 401 without a key, with an unknown one, and at once after a revoke or past the expiry", async () => {
      for (const client of [clientFor(null), clientFor("gh_live_nope"), clientFor(`gh_live_${"A".repeat(43)}`)]) {
        const { response, error } = await client.GET("/users", {});
        expect(response.status).toBe(401);
        expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
        expect(error).toMatchObject({ type: "https://gatehouse.dev/problems/unauthorized", status: 401 });
      }
      const doomed = await newKey(demo, "write", "Doomed");
      const client = clientFor(doomed.secret);
      expect((await client.GET("/users", {})).response.status).toBe(200);
      await revokeApiKey({ id: demo.adminId, organizationId: demo.id }, doomed.id, meta());
      const revoked = await client.GET("/users", {});
      expect(revoked.response.status).toBe(401);
      expect(revoked.error?.detail).toMatch(/revoked/);

      const expiring = await newKey(demo, "read", "Expiring", new Date(Date.now() + 86_400_000));
      const expiringClient = clientFor(expiring.secret);
      expect((await expiringClient.GET("/users", {})).response.status).toBe(200);
      await (await getDb()).update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, expiring.id));
      const expired = await expiringClient.GET("/users", {});
      expect(expired.response.status).toBe(401);
      expect(expired.error?.detail).toMatch(/expired/);
    });

    it("notes when and from where a key was last used (the connection's address, not a header the client chose)", async () => {
      const key = await newKey(demo, "read", "Watched");
      await clientFor(key.secret, { "x-gatehouse-peer": "192.0.2.77", "x-forwarded-for": "10.9.9.9" }).GET("/retailers", {});
      const [row] = await (await getDb()).select({ at: apiKeys.lastUsedAt, ip: apiKeys.lastUsedIp }).from(apiKeys).where(eq(apiKeys.id, key.id));
      expect(row!.ip).toBe("192.0.2.77");
      expect(row!.at).toBeInstanceOf(Date);
    });

    it("sends the rate-limit headers on every answer", async () => {
      const { response } = await readApi.GET("/retailers", {});
      expect(response.headers.get("ratelimit-policy")).toMatch(/^"per-key";q=\d+;w=\d+$/);
      expect(response.headers.get("ratelimit")).toMatch(/^"per-key";r=\d+;t=\d+$/);
      expect(response.headers.get("cache-control")).toBe("no-store");
    });
  });

  describe("isolation", () => {
    it("Other Co's key gets 404 for every Demo id on every route, and changes nothing", async () => {
      const db = await getDb();
      const before = await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.organizationId, demo.id));
      const sessionId = "00000000-0000-4000-8000-000000000000";
      const results = [
        await otherApi.GET("/users/{id}", { params: { path: { id: demoIds.user } } }),
        await otherApi.PATCH("/users/{id}", { params: { path: { id: demoIds.user } }, body: { display_name: "Stolen" } }),
        await otherApi.POST("/users/{id}/disable", { params: { path: { id: demoIds.user } } }),
        await otherApi.POST("/users/{id}/enable", { params: { path: { id: demoIds.user } } }),
        await otherApi.POST("/users/{id}/password-reset", { params: { path: { id: demoIds.user } } }),
        await otherApi.POST("/users/{id}/sign-out-everywhere", { params: { path: { id: demoIds.user } } }),
        await otherApi.GET("/users/{id}/sessions", { params: { path: { id: demoIds.user } } }),
        await otherApi.DELETE("/users/{id}/sessions/{session_id}", { params: { path: { id: demoIds.user, session_id: sessionId } } }),
        await otherApi.GET("/retailers/{id}", { params: { path: { id: demoIds.retailer } } }),
        await otherApi.PATCH("/retailers/{id}", { params: { path: { id: demoIds.retailer } }, body: { name: "Stolen" } }),
        await otherApi.GET("/contacts/{id}", { params: { path: { id: demoIds.contact } } }),
        await otherApi.PATCH("/contacts/{id}", { params: { path: { id: demoIds.contact } }, body: { name: "Stolen" } }),
        await otherApi.DELETE("/contacts/{id}", { params: { path: { id: demoIds.contact } } }),
        await otherApi.POST("/contacts/{id}/temporary-password", { params: { path: { id: demoIds.contact } } }),
        await otherApi.PUT("/contacts/{id}/website-access", { params: { path: { id: demoIds.contact } }, body: { enabled: false } }),
        await otherApi.POST("/contacts", { body: { retailer_id: demoIds.retailer, name: "Spy", username: "spy", email: "spy@other.test" } }),
        await otherApi.GET("/imports/{id}", { params: { path: { id: demoIds.importJob } } }),
        await otherApi.GET("/imports/{id}/result", { params: { path: { id: demoIds.importJob } } }),
      ];
      const otherImports = await otherApi.GET("/imports", { params: { query: { limit: 100 } } });
      expect(otherImports.data!.data.map((j) => j.id)).not.toContain(demoIds.importJob);
      for (const r of results) {
        expect(r.response.status, r.response.url).toBe(404);
        expect(r.error).toMatchObject({ type: "https://gatehouse.dev/problems/not-found", status: 404 });
      }
      const after = await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.organizationId, demo.id));
      expect(after[0]!.n).toBe(before[0]!.n);

      const lists = [
        await otherApi.GET("/users", { params: { query: { limit: 100 } } }),
        await otherApi.GET("/retailers", { params: { query: { limit: 100 } } }),
        await otherApi.GET("/contacts", { params: { query: { limit: 100 } } }),
        await otherApi.GET("/audit-events", { params: { query: { limit: 100 } } }),
      ];
      const text = JSON.stringify(lists.map((l) => l.data));
      for (const id of Object.values(demoIds)) expect(text).not.toContain(id);
      expect(text).not.toContain("demo.test");
      const filtered = await otherApi.GET("/contacts", { params: { query: { retailer_id: demoIds.retailer } } });
      expect(filtered.data?.data).toEqual([]);
      const trail = await otherApi.GET("/audit-events", { params: { query: { target_id: demoIds.user } } });
      expect(trail.data?.data).toEqual([]);

      // An import names retailers by name or code: Demo's are no retailers of Other Co's.
      const jobsBefore = await importCount();
      const spy = await otherApi.POST("/imports", { params: { query: { kind: "contacts" } }, ...csvBody(["Retailer,Contact name,Username,Email", "Corner Store,Spy,spy,spy@other.test"]) });
      expect(spy.error).toMatchObject({ status: 422, errors: [{ pointer: "#row/2/retailer", detail: expect.stringMatching(/No retailer/) }] });
      expect(await importCount()).toBe(jobsBefore);
    });

    it("a read key cannot write: 403 on every write operation, nothing changes", async () => {
      const db = await getDb();
      const before = await db.select({ n: count() }).from(auditEvents);
      const jobsBefore = await importCount();
      const id = demoIds.user;
      const results = [
        await readApi.POST("/users", { body: { display_name: "No", username: "no@demo.test", type: "device" } }),
        await readApi.PATCH("/users/{id}", { params: { path: { id } }, body: { display_name: "No" } }),
        await readApi.POST("/users/{id}/disable", { params: { path: { id } } }),
        await readApi.POST("/users/{id}/enable", { params: { path: { id } } }),
        await readApi.POST("/users/{id}/password-reset", { params: { path: { id } } }),
        await readApi.POST("/users/{id}/sign-out-everywhere", { params: { path: { id } } }),
        await readApi.DELETE("/users/{id}/sessions/{session_id}", { params: { path: { id, session_id: id } } }),
        await readApi.POST("/retailers", { body: { name: "No" } }),
        await readApi.PATCH("/retailers/{id}", { params: { path: { id: demoIds.retailer } }, body: { name: "No" } }),
        await readApi.POST("/contacts", { body: { retailer_id: demoIds.retailer, name: "No", username: "no", email: "no@demo.test" } }),
        await readApi.PATCH("/contacts/{id}", { params: { path: { id: demoIds.contact } }, body: { name: "No" } }),
        await readApi.DELETE("/contacts/{id}", { params: { path: { id: demoIds.contact } } }),
        await readApi.POST("/contacts/{id}/temporary-password", { params: { path: { id: demoIds.contact } } }),
        await readApi.PUT("/contacts/{id}/website-access", { params: { path: { id: demoIds.contact } }, body: { enabled: false } }),
        await readApi.POST("/imports", { params: { query: { kind: "contacts" } }, ...csvBody(["Retailer,Contact name,Username,Email", "Corner Store,No,no,no@demo.test"]) }),
      ];
      expect(results.length).toBe(OPERATIONS.filter((op) => op.scope === "write").length);
      for (const r of results) expect(r.error).toMatchObject({ type: "https://gatehouse.dev/problems/forbidden", status: 403 });
      expect((await db.select({ n: count() }).from(auditEvents))[0]!.n).toBe(before[0]!.n);
      expect(await importCount()).toBe(jobsBefore);
    });
  });

  describe("users", () => {
    it("lists with search, type filter and cursor pages", async () => {
      const all: string[] = [];
      let cursor: string | undefined;
      do {
        const { data } = await readApi.GET("/users", { params: { query: { limit: 2, cursor } } });
        all.push(...data!.data.map((u) => u.username));
        cursor = data!.next_cursor ?? undefined;
      } while (cursor);
      expect(all).toHaveLength(new Set(all).size);
      expect(all).toEqual(expect.arrayContaining(["admin@demo.test", "dual@demo.test", "device@demo.test", "scanpack@demo.test", "warehouse7"]));
      const devices = await readApi.GET("/users", { params: { query: { type: "device" } } });
      expect(devices.data!.data.every((u) => u.type === "device")).toBe(true);
      const search = await readApi.GET("/users", { params: { query: { q: "devon" } } });
      expect(search.data!.data.map((u) => u.display_name)).toEqual(["Devon Device"]);
      const bad = await readApi.GET("/users", { params: { query: { cursor: "bm90LW91cnM" } } });
      expect(bad.error).toMatchObject({ status: 400, type: "https://gatehouse.dev/problems/invalid-request" });
      const tooMany = await readApi.GET("/users", { params: { query: { limit: 101 } } });
      expect(tooMany.error?.errors).toEqual([{ pointer: "#query/limit", detail: expect.any(String) }]);
    });

    it("creates a user with an invite, audited as the key, and Activity names the key", async () => {
      const created = await api.POST("/users", { body: { display_name: "Iris Invite", username: "iris@demo.test", type: "device" } });
      expect(created.response.status).toBe(201);
      expect(created.data).toMatchObject({ invite_sent: true, user: { username: "iris@demo.test", type: "device", status: "active", has_password: false, email_to: null } });
      const id = created.data!.user.id;
      expect(created.response.headers.get("location")).toBe(`/api/v1/users/${id}`);
      const db = await getDb();
      const [invite] = await db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.toAddress, "iris@demo.test"));
      expect(invite!.n).toBe(1);
      const events = await db
        .select({ action: auditEvents.action, actorType: auditEvents.actorType, actorId: auditEvents.actorId })
        .from(auditEvents)
        .where(eq(auditEvents.targetId, id));
      expect(events).toEqual(
        expect.arrayContaining([
          { action: "user.created", actorType: "api_key", actorId: demoWrite.id },
          { action: "password.invite_created", actorType: "api_key", actorId: demoWrite.id },
        ]),
      );
      const activity = await listActivity(demo.id, { userId: id });
      expect(activity.rows.find((r) => r.action === "user.created")).toMatchObject({ actorType: "api_key", actorName: "Sales platform", targetName: "Iris Invite" });

      const taken = await api.POST("/users", { body: { display_name: "Again", username: "IRIS@demo.test", type: "device" } });
      expect(taken.error).toMatchObject({ status: 409, type: "https://gatehouse.dev/problems/conflict" });
      const invalid = await api.POST("/users", { body: { display_name: "", username: "x", type: "boss" } as never });
      expect(invalid.response.status).toBe(400);
      expect(invalid.error?.errors?.map((e) => e.pointer).sort()).toEqual(["#/display_name", "#/type"]);
    });

    it("gets, updates, disables and enables, sends a reset, signs out everywhere, lists and revokes sessions", async () => {
      const id = demoIds.device;
      const got = await readApi.GET("/users/{id}", { params: { path: { id } } });
      expect(got.data).toMatchObject({ id, username: "device@demo.test", email_to: "devon.personal@demo.test" });
      const renamed = await api.PATCH("/users/{id}", { params: { path: { id } }, body: { display_name: "Devon D." } });
      expect(renamed.data).toMatchObject({ display_name: "Devon D.", email_to: "devon.personal@demo.test", type: "device" });

      const signedIn = await signInToApp({ username: "device@demo.test", password: DEMO_PASSWORD, app: "sales-plus" }, meta());
      expect(signedIn.ok).toBe(true);
      const sessions = await readApi.GET("/users/{id}/sessions", { params: { path: { id } } });
      expect(sessions.data!.data).toEqual([expect.objectContaining({ via: "sales-plus", ip: "203.0.113.9" })]);
      const sessionId = sessions.data!.data[0]!.id;
      const revoked = await api.DELETE("/users/{id}/sessions/{session_id}", { params: { path: { id, session_id: sessionId } } });
      expect(revoked.response.status).toBe(204);
      expect((await readApi.GET("/users/{id}/sessions", { params: { path: { id } } })).data!.data).toEqual([]);
      const again = await api.DELETE("/users/{id}/sessions/{session_id}", { params: { path: { id, session_id: sessionId } } });
      expect(again.response.status).toBe(404);

      const reset = await api.POST("/users/{id}/password-reset", { params: { path: { id } } });
      expect(reset.response.status).toBe(202);
      expect(reset.data).toEqual({ status: "sent", email: "device@demo.test" });
      const notEmail = await api.POST("/users/{id}/password-reset", { params: { path: { id: (await findUserByUsername("warehouse7"))!.id } } });
      expect(notEmail.error).toMatchObject({ status: 409 });

      expect((await api.POST("/users/{id}/sign-out-everywhere", { params: { path: { id } } })).response.status).toBe(204);
      const disabled = await api.POST("/users/{id}/disable", { params: { path: { id } } });
      expect(disabled.data?.status).toBe("disabled");
      const enabled = await api.POST("/users/{id}/enable", { params: { path: { id } } });
      expect(enabled.data?.status).toBe("active");
      const junk = await readApi.GET("/users/{id}", { params: { path: { id: "not-a-uuid" } } });
      expect(junk.response.status).toBe(404);
    });

    it("refuses to enable a user when every licence is taken", async () => {
      const db = await getDb();
      const [row] = await db.select({ n: count() }).from(users).where(and(eq(users.organizationId, demo.id), eq(users.status, "active")));
      const disabled = await api.POST("/users/{id}/disable", { params: { path: { id: demoIds.user } } });
      expect(disabled.response.status).toBe(200);
      await db.update(organizations).set({ licenceCount: row!.n - 1 }).where(eq(organizations.id, demo.id));
      const refused = await api.POST("/users/{id}/enable", { params: { path: { id: demoIds.user } } });
      expect(refused.error).toMatchObject({ status: 409, type: "https://gatehouse.dev/problems/no-licence" });
      await db.update(organizations).set({ licenceCount: 50 }).where(eq(organizations.id, demo.id));
      expect((await api.POST("/users/{id}/enable", { params: { path: { id: demoIds.user } } })).data?.status).toBe("active");
    });
  });

  describe("retailers and contacts", () => {
    it("creates, lists, gets and updates retailers", async () => {
      const created = await api.POST("/retailers", { body: { name: "Api Mart", code: "AM-1" } });
      expect(created.response.status).toBe(201);
      const id = created.data!.id;
      expect(created.data).toMatchObject({ name: "Api Mart", code: "AM-1" });
      const list = await readApi.GET("/retailers", { params: { query: { q: "api mart" } } });
      expect(list.data!.data).toEqual([expect.objectContaining({ id, contact_count: 0 })]);
      const renamed = await api.PATCH("/retailers/{id}", { params: { path: { id } }, body: { name: "Api Market" } });
      expect(renamed.data).toMatchObject({ name: "Api Market", code: "AM-1" });
      const clash = await api.PATCH("/retailers/{id}", { params: { path: { id: demoIds.retailer } }, body: { code: "am-1" } });
      expect(clash.error).toMatchObject({ status: 409, errors: [{ pointer: "#/code", detail: expect.any(String) }] });
      expect((await readApi.GET("/retailers/{id}", { params: { path: { id } } })).data?.name).toBe("Api Market");
    });

    it("creates a contact with website access, updates it, sends a temporary password, turns access off and on, removes it", async () => {
      const created = await api.POST("/contacts", {
        body: { retailer_id: demoIds.retailer, name: "Cleo Contact", username: "cleo", email: "cleo@cornerstore.test", website_access: true },
      });
      expect(created.response.status).toBe(201);
      expect(created.data).toMatchObject({ welcome: "sent", contact: { name: "Cleo Contact", website_access: true, retailer: { id: demoIds.retailer, name: "Corner Store" }, temporary_password: { status: "pending" } } });
      const id = created.data!.contact.id;
      const edited = await api.PATCH("/contacts/{id}", { params: { path: { id } }, body: { name: "Cleo C." } });
      expect(edited.data).toMatchObject({ name: "Cleo C.", username: "cleo" });
      const sent = await api.POST("/contacts/{id}/temporary-password", { params: { path: { id } } });
      expect(sent.response.status).toBe(202);
      expect(sent.data).toMatchObject({ status: "sent", email: "cleo@cornerstore.test" });
      const db = await getDb();
      const [issued] = await db
        .select({ actorType: auditEvents.actorType, actorId: auditEvents.actorId, details: auditEvents.details })
        .from(auditEvents)
        .where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, "contact.admin_reset_requested")));
      expect(issued).toMatchObject({ actorType: "api_key", actorId: demoWrite.id, details: { via: "api" } });

      const off = await api.PUT("/contacts/{id}/website-access", { params: { path: { id } }, body: { enabled: false } });
      expect(off.data).toEqual({ website_access: false, welcome: null });
      const refused = await api.POST("/contacts/{id}/temporary-password", { params: { path: { id } } });
      expect(refused.error).toMatchObject({ status: 409 });
      const on = await api.PUT("/contacts/{id}/website-access", { params: { path: { id } }, body: { enabled: true } });
      expect(on.data?.website_access).toBe(true);

      const listed = await readApi.GET("/contacts", { params: { query: { retailer_id: demoIds.retailer, q: "cleo" } } });
      expect(listed.data!.data.map((c) => c.id)).toEqual([id]);
      expect((await api.DELETE("/contacts/{id}", { params: { path: { id } } })).response.status).toBe(204);
      expect((await readApi.GET("/contacts/{id}", { params: { path: { id } } })).response.status).toBe(404);
      const taken = await api.POST("/contacts", { body: { retailer_id: demoIds.retailer, name: "Bea Again", username: "CornerBuyer", email: "b@c.test" } });
      expect(taken.error).toMatchObject({ status: 409, errors: [{ pointer: "#/username", detail: expect.any(String) }] });
    });
  });

  describe("imports", () => {
    const header = "Retailer,Contact name,Username,Email,Website access";

    it("starts a contacts import from a CSV body, reports its progress to done and each row's outcome in pages, audited as the key", async () => {
      const db = await getDb();
      const lines = [header, "Corner Store,Ima Port,api-imp-1,api-imp-1@demo.test,no", "Corner Store,Ian Port,api-imp-2,api-imp-2@demo.test,no", "corner store,Ida Port,api-imp-3,api-imp-3@demo.test,"];
      const started = await api.POST("/imports", { params: { query: { kind: "contacts", filename: "crm-sync.csv" } }, ...csvBody(lines), headers: { "Content-Type": "text/csv", "Idempotency-Key": "import-1" } });
      expect(started.response.status).toBe(202);
      const job = started.data!;
      expect(started.response.headers.get("location")).toBe(`/api/v1/imports/${job.id}`);
      expect(job).toMatchObject({ kind: "contacts", status: "queued", filename: "crm-sync.csv", send_invites: false, progress: { total: 3, done: 0 }, started_at: null });

      const done = await importDone(api, job.id);
      expect(done.progress).toMatchObject({ total: 3, done: 3, created: 3, updated: 0, unchanged: 0, failed: 0, seconds_left: 0 });
      expect(done.finished_at).not.toBeNull();
      const made = await db.select({ id: contacts.id, name: contacts.name }).from(contacts).where(and(eq(contacts.organizationId, demo.id), sql`${contacts.username} like 'api-imp-%'`));
      expect(made.map((c) => c.name).sort()).toEqual(["Ian Port", "Ida Port", "Ima Port"]);

      // A replay returns the first answer (queued, as it was) and starts nothing.
      const jobs = await importCount();
      const replay = await api.POST("/imports", { params: { query: { kind: "contacts", filename: "crm-sync.csv" } }, ...csvBody(lines), headers: { "Content-Type": "text/csv", "Idempotency-Key": "import-1" } });
      expect(replay.response.headers.get("idempotent-replayed")).toBe("true");
      expect(replay.data).toEqual(job);
      expect(await importCount()).toBe(jobs);

      const first = await readApi.GET("/imports/{id}/result", { params: { path: { id: job.id }, query: { limit: 2 } } });
      expect(first.data!.data).toEqual([
        { row: 2, username: "api-imp-1", outcome: "created", reason: null, detail: null },
        { row: 3, username: "api-imp-2", outcome: "created", reason: null, detail: null },
      ]);
      const second = await readApi.GET("/imports/{id}/result", { params: { path: { id: job.id }, query: { limit: 2, cursor: first.data!.next_cursor! } } });
      expect(second.data).toEqual({ data: [{ row: 4, username: "api-imp-3", outcome: "created", reason: null, detail: null }], next_cursor: null });

      // Audited as the console's import is, with the key as the actor: each account and the import.
      const events = await db
        .select({ action: auditEvents.action, actorType: auditEvents.actorType, actorId: auditEvents.actorId, details: auditEvents.details })
        .from(auditEvents)
        .where(and(eq(auditEvents.organizationId, demo.id), sql`${auditEvents.action} in ('contact.created', 'import.completed')`, gte(auditEvents.createdAt, new Date(job.created_at))));
      expect(events.filter((e) => e.action === "contact.created").length).toBe(3);
      for (const e of events) expect(e).toMatchObject({ actorType: "api_key", actorId: demoWrite.id });
      expect(events.find((e) => e.action === "import.completed")?.details).toMatchObject({ importId: job.id, kind: "contacts", rows: 3, created: 3 });

      // The same file again creates nobody; a changed name is an update.
      const again = await api.POST("/imports", { params: { query: { kind: "contacts" } }, ...csvBody([...lines.slice(0, 3), "Corner Store,Ida Portman,api-imp-3,api-imp-3@demo.test,no"]) });
      expect(again.data).toMatchObject({ filename: "import.csv" });
      expect((await importDone(api, again.data!.id)).progress).toMatchObject({ created: 0, updated: 1, unchanged: 2, failed: 0 });
    });

    it("imports staff users with invites when asked, and refuses a file that needs more licences than are free, writing nothing", async () => {
      const started = await api.POST("/imports", { params: { query: { kind: "staff", send_invites: "true" } }, ...csvBody(["Name,Username,User type", "Ada Import,ada-import@demo.test,Device"]) });
      expect(started.response.status).toBe(202);
      expect((await importDone(api, started.data!.id)).progress).toMatchObject({ created: 1 });
      expect(await findUserByUsername("ada-import@demo.test")).toMatchObject({ displayName: "Ada Import", userType: "device" });
      expect(await latestEmailTo("ada-import@demo.test")).toBeTruthy();

      const { free } = await getLicenceUsage(demo.id);
      const jobs = await importCount();
      const rows = Array.from({ length: free + 2 }, (_, i) => `Many ${i},many-${i}@demo.test,device`);
      const short = await api.POST("/imports", { params: { query: { kind: "staff" } }, ...csvBody(["Name,Username,User type", ...rows]) });
      expect(short.error).toMatchObject({ status: 409, type: "https://gatehouse.dev/problems/no-licence", detail: expect.stringMatching(/2 more licences are needed/) });
      expect(await importCount()).toBe(jobs);
      expect(await findUserByUsername("many-0@demo.test")).toBeNull();
    });

    it("refuses a file with row problems with 422 listing each one, and a file it cannot read with one problem, writing nothing", async () => {
      const db = await getDb();
      const jobs = await importCount();
      const contactsBefore = (await db.select({ n: count() }).from(contacts))[0]!.n;
      const bad = await api.POST("/imports", {
        params: { query: { kind: "contacts" } },
        ...csvBody([header, "Nowhere Shop,Al Bad,api-bad-1,api-bad-1@demo.test,no", "Corner Store,Bo Bad,api-bad-2,not-an-email,maybe", "Corner Store,Cy Bad,api-bad-1,cy@demo.test,no", "Corner Store,Di Good,api-bad-4,di@demo.test,yes"]),
      });
      expect(bad.response.status).toBe(422);
      expect(bad.error).toMatchObject({ type: "https://gatehouse.dev/problems/invalid-rows", detail: expect.stringMatching(/^3 rows have problems\. Nothing was imported/) });
      expect(bad.error!.errors!.map((e) => e.pointer)).toEqual(["#row/2/retailer", "#row/3/email", "#row/3/website_access", "#row/4/username"]);
      expect(bad.error!.errors![3]!.detail).toMatch(/already on row 2/);

      const refused: [Awaited<ReturnType<ApiClient["POST"]>>, number, string, RegExp][] = [
        [await api.POST("/imports", { params: { query: { kind: "contacts" } }, ...csvBody(["Shop,Person", "Corner Store,Al"]) }), 400, "invalid-file", /first row must name the columns/],
        [await api.POST("/imports", { params: { query: { kind: "contacts" } }, ...csvBody([header]) }), 400, "invalid-file", /no rows under it/],
        [await api.POST("/imports", { params: { query: { kind: "contacts" } }, ...csvBody([""]) }), 400, "invalid-file", /empty/],
        [await api.POST("/imports", { params: { query: { kind: "contacts" } }, body: "\u0000\u0001binary", bodySerializer: (b: string) => b, headers: { "Content-Type": "text/csv" } }), 400, "invalid-file", /not a CSV file/],
        [await api.POST("/imports", { params: { query: { kind: "contacts" } }, body: `${header}\n${"x,".repeat(6 * 1024 * 1024)}`, bodySerializer: (b: string) => b, headers: { "Content-Type": "text/csv" } }), 413, "body-too-large", /larger than 10 MB/],
        [await api.POST("/imports", { params: { query: { kind: "contacts" } }, body: header as never, headers: { "Content-Type": "application/json" } }), 415, "unsupported-media-type", /text\/csv/],
        [await api.POST("/imports", { params: { query: { kind: "users" as never } }, ...csvBody([header, "Corner Store,Al,al,al@demo.test"]) }), 400, "invalid-request", /contacts or staff/],
        [await api.POST("/imports", { params: { query: { kind: "contacts", send_invites: "yes" as never } }, ...csvBody([header, "Corner Store,Al,al,al@demo.test"]) }), 400, "invalid-request", /true or false/],
        [await api.POST("/imports", { params: { query: { kind: "contacts", filename: "a\u0000b.csv" } }, ...csvBody([header, "Corner Store,Al,al,al@demo.test"]) }), 400, "invalid-request", /filename/i],
        [await api.POST("/imports", { params: { query: { kind: "contacts", filename: "f".repeat(201) } }, ...csvBody([header, "Corner Store,Al,al,al@demo.test"]) }), 400, "invalid-request", /at most 200/],
      ];
      for (const [r, status, type, detail] of refused) {
        expect(r.response.status, type).toBe(status);
        expect(r.error, type).toMatchObject({ type: `https://gatehouse.dev/problems/${type}` });
        // A query's problems are in errors, one per parameter; a file's in the detail.
        expect(r.error!.errors?.[0]?.detail ?? r.error!.detail, type).toMatch(detail);
      }
      expect(refused[6]![0].error!.errors).toEqual([{ pointer: "#query/kind", detail: "kind is contacts or staff." }]);
      expect(refused[7]![0].error!.errors).toEqual([{ pointer: "#query/send_invites", detail: "send_invites is true or false." }]);
      expect(await importCount()).toBe(jobs);
      expect((await db.select({ n: count() }).from(contacts))[0]!.n).toBe(contactsBefore);
    });

    it("lists the organization's imports newest first in cursor pages that skip none, previews included", async () => {
      const db = await getDb();
      const made: string[] = [];
      for (const k of [1, 2, 3, 4]) {
        const preview = await previewImport({ id: demo.adminId, organizationId: demo.id }, "contacts", {
          name: `listed-${k}.csv`,
          bytes: new TextEncoder().encode(`Retailer,Contact name,Username,Email\nCorner Store,Listed ${k},listed-${k},listed-${k}@demo.test\n`),
        });
        if (!preview.ok) throw new Error("no preview");
        made.push(preview.jobId);
      }
      // Created within one millisecond, as a busy runner or a script can: PostgreSQL keeps the
      // microseconds, which a cursor built from a JavaScript date cannot.
      const moment = "2099-01-01 00:00:00.123";
      for (const [k, id] of made.entries()) await db.update(importJobs).set({ createdAt: sql`${`${moment}${400 + k * 100}+00`}::timestamptz` }).where(eq(importJobs.id, id));
      const seenIds: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await readApi.GET("/imports", { params: { query: { limit: 1, ...(cursor ? { cursor } : {}) } } });
        expect(page.response.status).toBe(200);
        seenIds.push(...page.data!.data.map((j) => j.id));
        cursor = page.data!.next_cursor ?? undefined;
      } while (cursor && seenIds.length < 100);
      const all = await readApi.GET("/imports", { params: { query: { limit: 100 } } });
      expect(seenIds).toEqual(all.data!.data.map((j) => j.id));
      expect(new Set(seenIds).size).toBe(seenIds.length);
      // The four share a millisecond, so they come in id order after it, before every older import.
      expect(seenIds.slice(0, 4)).toEqual([...made].sort().reverse());
      expect(seenIds).toContain(demoIds.importJob);
      expect(all.data!.data.find((j) => j.id === made[0])).toMatchObject({ status: "preview", filename: "listed-1.csv", progress: { total: 1, done: 0 } });
      const badCursor = await readApi.GET("/imports", { params: { query: { cursor: "bm9wZQ" } } });
      expect(badCursor.error).toMatchObject({ status: 400, errors: [{ pointer: "#query/cursor" }] });
      await db.delete(importJobs).where(sql`${importJobs.id} in ${made}`);
    });

    it("answers 404 for an import id that is not one, and shows a console import still in preview as it is", async () => {
      for (const id of ["not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
        expect((await readApi.GET("/imports/{id}", { params: { path: { id } } })).error).toMatchObject({ status: 404, type: "https://gatehouse.dev/problems/not-found" });
        expect((await readApi.GET("/imports/{id}/result", { params: { path: { id } } })).response.status).toBe(404);
      }
      expect((await readApi.GET("/imports/{id}", { params: { path: { id: "00000000-0000-4000-8000-000000000000" } } })).error?.detail).toBe("No such import.");
      const preview = await readApi.GET("/imports/{id}", { params: { path: { id: demoIds.importJob } } });
      expect(preview.data).toMatchObject({ status: "preview", filename: "console.csv", progress: { total: 1, done: 0 } });
      const pending = await readApi.GET("/imports/{id}/result", { params: { path: { id: demoIds.importJob } } });
      expect(pending.data!.data).toEqual([{ row: 2, username: "preview-only", outcome: "pending", reason: null, detail: null }]);
      const badCursor = await readApi.GET("/imports/{id}/result", { params: { path: { id: demoIds.importJob }, query: { cursor: "bm9wZQ" } } });
      expect(badCursor.error).toMatchObject({ status: 400, errors: [{ pointer: "#query/cursor" }] });
    });
  });

  describe("audit events", () => {
    it("lists the trail by action, target and time, newest first, in cursor pages", async () => {
      const { data } = await readApi.GET("/audit-events", { params: { query: { action: "user.created", limit: 100 } } });
      expect(data!.data.length).toBeGreaterThan(0);
      expect(data!.data.every((e) => e.action === "user.created")).toBe(true);
      const byTarget = await readApi.GET("/audit-events", { params: { query: { target_id: demoIds.device } } });
      expect(byTarget.data!.data.every((e) => e.target?.id === demoIds.device)).toBe(true);
      const future = await readApi.GET("/audit-events", { params: { query: { from: new Date(Date.now() + 60_000).toISOString() } } });
      expect(future.data!.data).toEqual([]);
      const ids: number[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 3; i++) {
        const page = await readApi.GET("/audit-events", { params: { query: { limit: 3, cursor } } });
        ids.push(...page.data!.data.map((e) => e.id));
        cursor = page.data!.next_cursor ?? undefined;
      }
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(new Set(ids).size).toBe(ids.length);
      const bad = await readApi.GET("/audit-events", { params: { query: { action: "nope" as never } } });
      expect(bad.response.status).toBe(400);
    });
  });

  describe("Idempotency-Key", () => {
    it("replays the first answer and changes nothing; the same key with another body is a 422", async () => {
      const db = await getDb();
      const key = "7d1e0c2a-retailer-create";
      const first = await api.POST("/retailers", { body: { name: "Once Only" }, headers: { "Idempotency-Key": key } });
      expect(first.response.status).toBe(201);
      const replay = await api.POST("/retailers", { body: { name: "Once Only" }, headers: { "Idempotency-Key": key } });
      expect(replay.response.status).toBe(201);
      expect(replay.response.headers.get("idempotent-replayed")).toBe("true");
      expect(replay.data).toEqual(first.data);
      const [n] = await db.select({ n: count() }).from(retailers).where(eq(retailers.name, "Once Only"));
      expect(n!.n).toBe(1);
      const other = await api.POST("/retailers", { body: { name: "Something else" }, headers: { "Idempotency-Key": key } });
      expect(other.error).toMatchObject({ status: 422, type: "https://gatehouse.dev/problems/idempotency-key-reused" });
      expect((await db.select({ n: count() }).from(retailers).where(eq(retailers.name, "Something else")))[0]!.n).toBe(0);
      // Keys are per API key: another key's same Idempotency-Key is a new request.
      const theirs = await otherApi.POST("/retailers", { body: { name: "Once Only" }, headers: { "Idempotency-Key": key } });
      expect(theirs.response.status).toBe(201);
      expect(theirs.data!.id).not.toBe(first.data!.id);
      const bad = await api.POST("/retailers", { body: { name: "x" }, headers: { "Idempotency-Key": "has space" } });
      expect(bad.error?.errors).toEqual([{ pointer: "#header/Idempotency-Key", detail: expect.any(String) }]);
    });

    it("replays a refusal too, and an answer past IDEMPOTENCY_TTL_HOURS is forgotten", async () => {
      const db = await getDb();
      const key = "dup-user-1";
      const body = { display_name: "Ada Again", username: "admin@demo.test", type: "admin" as const };
      const first = await api.POST("/users", { body, headers: { "Idempotency-Key": key } });
      expect(first.response.status).toBe(409);
      const replay = await api.POST("/users", { body, headers: { "Idempotency-Key": key } });
      expect(replay.error).toEqual(first.error);
      expect(replay.response.headers.get("idempotent-replayed")).toBe("true");
      await db.update(idempotencyKeys).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(idempotencyKeys.key, key));
      const fresh = await api.POST("/users", { body, headers: { "Idempotency-Key": key } });
      expect(fresh.response.headers.get("idempotent-replayed")).toBeNull();
    });
  });

  describe("the edge", () => {
    const raw = (init: RequestInit & { path?: string }) =>
      inProcessFetch(new Request(`http://localhost/api/v1${init.path ?? "/retailers"}`, { method: "POST", ...init, headers: { authorization: `Bearer ${demoWrite.secret}`, ...(init.headers as Record<string, string>) } }));

    it("answers bad bodies with problems and changes nothing", async () => {
      const db = await getDb();
      const before = (await db.select({ n: count() }).from(retailers))[0]!.n;
      const cases: [Response, number, string][] = [
        [await raw({ body: "{", headers: { "content-type": "application/json" } }), 400, "invalid-json"],
        [await raw({ body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } }), 415, "unsupported-media-type"],
        [await raw({ body: JSON.stringify({ name: "x".repeat(20_000) }), headers: { "content-type": "application/json" } }), 413, "body-too-large"],
        [await raw({ body: JSON.stringify({ name: "ok", extra: 1 }), headers: { "content-type": "application/json" } }), 400, "invalid-request"],
        [await raw({ body: JSON.stringify([1]), headers: { "content-type": "application/json" } }), 400, "invalid-request"],
      ];
      for (const [response, status, type] of cases) {
        expect(response.status).toBe(status);
        expect(response.headers.get("content-type")).toBe("application/problem+json");
        expect(await contractErrors("POST", "/api/v1/retailers", response)).toEqual([]);
        expect(await response.json()).toMatchObject({ type: `https://gatehouse.dev/problems/${type}`, title: expect.any(String), status, detail: expect.any(String) });
      }
      expect((await db.select({ n: count() }).from(retailers))[0]!.n).toBe(before);
    });

    it("never answers with a hash, code, token or temporary password", async () => {
      const reset = await api.POST("/users/{id}/password-reset", { params: { path: { id: demoIds.device } } });
      const { token, code } = resetSecretsOf((await latestEmailTo("device@demo.test"))!);
      const answers = await Promise.all([
        Promise.resolve(reset),
        readApi.GET("/users", { params: { query: { limit: 100 } } }),
        readApi.GET("/users/{id}", { params: { path: { id: demoIds.device } } }),
        readApi.GET("/contacts/{id}", { params: { path: { id: demoIds.contact } } }),
        readApi.GET("/audit-events", { params: { query: { limit: 100 } } }),
      ]);
      const db = await getDb();
      const secrets = (await db.select({ h: users.passwordHash }).from(users)).map((r) => r.h).filter(Boolean) as string[];
      for (const a of answers) {
        const text = JSON.stringify(a.data);
        // "code" is a retailer's account code; a reset's code is checked by value below.
        expect(keysOf(a.data).filter((k) => /hash|token|secret|^password$/i.test(k))).toEqual([]);
        expect(text).not.toContain(token);
        expect(text).not.toContain(`"${code}"`);
        expect(text).not.toMatch(/\$argon2/);
        for (const s of secrets) expect(text).not.toContain(s);
        expect(text).not.toContain(demoWrite.secret);
      }
    });

    it("exercised every operation of the document in this file", () => {
      expect([...seen].sort()).toEqual(allOperations().sort());
    });
  });
});
