import { and, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // A small per-IP budget so the limit can be reached in a test.
  process.env.SIGNIN_IP_LIMIT = "25";
});

import { DELETE as signOut, POST as signIn } from "@/app/api/app/session/route";
import { GET as me } from "@/app/api/app/me/route";
import { GET as resetLink } from "@/app/api/app/reset-link/route";
import { getDb } from "@/lib/infra/database";
import { appSessions, auditEvents, rateLimits, users } from "@/db/schema";
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, seedDemo } from "@/lib/infra/demo-seed";
import { MAX_BODY_BYTES } from "@/lib/web/api";
import { APP_TOKEN_TTL_DAYS } from "@/lib/sessions/app-tokens";
import { changePassword } from "@/lib/staff/password-change";
import { requestPasswordReset } from "@/lib/staff/reset-request";
import { completePasswordReset } from "@/lib/staff/reset-completion";
import { LOCKOUT } from "@/lib/credentials/lockout";
import { signInStaff } from "@/lib/staff/sign-in";
import { digestToken } from "@/lib/credentials/tokens";
import { disableUser, editUser, enableUser, signOutEverywhere, type Actor } from "@/lib/staff/admin";
import { findUserByUsername } from "@/lib/staff/accounts";
import { latestEmailTo, resetSecretsOf } from "../helpers/outbox";

const NEW_PASSWORD = "Violet-Harbour-Lamp-42!";

/** Accounts this file changes, in an organization of their own. */
const API_ORG = {
  name: "API Test Co",
  slug: "api-test",
  licenceCount: 20,
  users: [
    { username: "api-admin@api.test", displayName: "Ada Api", userType: "admin" as const },
    { username: "api-reset@api.test", displayName: "Rae Reset", userType: "device" as const },
    { username: "api-change@api.test", displayName: "Cy Change", userType: "dual" as const },
    { username: "api-disable@api.test", displayName: "Di Disable", userType: "device" as const },
    { username: "api-everywhere@api.test", displayName: "Eve Everywhere", userType: "scanpack" as const },
    { username: "api-retype@api.test", displayName: "Ray Retype", userType: "device" as const },
    { username: "api-lock@api.test", displayName: "Lou Lock", userType: "device" as const },
  ],
  retailers: [],
};

let ipCounter = 0;
/** A fresh client address per request, so the per-IP budget only matters where it is tested. */
const nextIp = () => {
  ipCounter++;
  return `198.18.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
};

type Init = { method?: string; body?: unknown; raw?: BodyInit; token?: string; headers?: Record<string, string> };

function request(path: string, init: Init = {}): Request {
  const headers = new Headers({ "x-gatehouse-peer": nextIp(), "user-agent": "vitest-app", ...init.headers });
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  return new Request(`http://localhost${path}`, { method: init.method ?? "GET", headers, body, duplex: "half" } as RequestInit);
}

const postSession = (body: unknown, headers?: Record<string, string>) =>
  signIn(request("/api/app/session", { method: "POST", body, headers }));
const getMe = (token?: string, headers?: Record<string, string>) => me(request("/api/app/me", { token, headers }));
const deleteSession = (token?: string) => signOut(request("/api/app/session", { method: "DELETE", token }));

async function tokenFor(username: string, app: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await postSession({ username, password, app });
  expect(response.status, `${username} → ${app}`).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** Every answer of the API: no-store, and errors in the one shape. */
async function expectError(response: Response, status: number, error: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ error, message: expect.any(String) });
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  return body;
}

async function apiAdmin(): Promise<Actor> {
  const admin = (await findUserByUsername("api-admin@api.test"))!;
  return { id: admin.id, organizationId: admin.organizationId };
}

async function auditRows(action: string, targetId?: string) {
  const db = await getDb();
  return db
    .select({ details: auditEvents.details, ip: auditEvents.ip, actorId: auditEvents.actorId })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), targetId ? eq(auditEvents.targetId, targetId) : undefined));
}

describe("the apps' API", () => {
  beforeAll(async () => {
    await seedDemo(await getDb(), [...DEMO_ORGANIZATIONS, API_ORG]);
  });

  beforeEach(async () => {
    const db = await getDb();
    await db.update(users).set({ failedSignIns: 0, lockedUntil: null });
    await db.delete(rateLimits);
  });

  describe("POST /api/app/session", () => {
    it("signs a device user in to Sales Plus and stores only the token's digest", async () => {
      const response = await postSession({ username: "Device@Demo.test", password: DEMO_PASSWORD, app: "sales-plus" });
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const body = (await response.json()) as { token: string; expiresAt: string; app: string; user: Record<string, unknown> };
      expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(body.app).toBe("sales-plus");
      const device = (await findUserByUsername("device@demo.test"))!;
      expect(body.user).toEqual({
        id: device.id,
        name: "Devon Device",
        type: "device",
        organization: { id: device.organizationId, name: "Demo Wholesale", slug: "demo" },
      });
      const ttl = new Date(body.expiresAt).getTime() - Date.now();
      expect(ttl).toBeGreaterThan((APP_TOKEN_TTL_DAYS * 86400 - 60) * 1000);
      expect(ttl).toBeLessThanOrEqual(APP_TOKEN_TTL_DAYS * 86400 * 1000);

      const db = await getDb();
      const rows = await db.select().from(appSessions).where(eq(appSessions.tokenHash, digestToken(body.token)));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ userId: device.id, app: "sales-plus", sessionVersion: 1, revokedAt: null });
      const stored = await db.select({ hash: appSessions.tokenHash }).from(appSessions);
      expect(stored.some((r) => r.hash.includes(body.token))).toBe(false);

      const [audit] = (await auditRows("signin.succeeded", device.id)).slice(-1);
      expect(audit!.details).toMatchObject({ app: "sales-plus" });
      expect(JSON.stringify(await db.select({ d: auditEvents.details }).from(auditEvents))).not.toContain(body.token);
    });

    it("lets each user type use only its apps", async () => {
      const cases: [string, string, number][] = [
        ["device@demo.test", "sales-plus", 200],
        ["device@demo.test", "tradeshow", 200],
        ["device@demo.test", "scanpack", 403],
        ["dual@demo.test", "sales-plus", 200],
        ["dual@demo.test", "tradeshow", 200],
        ["dual@demo.test", "scanpack", 403],
        ["scanpack@demo.test", "scanpack", 200],
        ["scanpack@demo.test", "sales-plus", 403],
        ["scanpack@demo.test", "tradeshow", 403],
        ["admin@demo.test", "sales-plus", 403],
        ["admin@demo.test", "tradeshow", 403],
        ["admin@demo.test", "scanpack", 403],
      ];
      for (const [username, app, status] of cases) {
        const response = await postSession({ username, password: DEMO_PASSWORD, app });
        expect(response.status, `${username} → ${app}`).toBe(status);
        if (status === 403) await expectError(response, 403, "app_not_allowed");
      }
      const scan = await postSession({ username: "scanpack@demo.test", password: DEMO_PASSWORD, app: "sales-plus" });
      expect(((await scan.json()) as { message: string }).message).toBe(
        "This account cannot use Inzant Sales Plus. Its password works in Inzant ScanPack.",
      );
      const admin = (await findUserByUsername("admin@demo.test"))!;
      const refused = await auditRows("app.signin.refused", admin.id);
      expect(refused.map((r) => r.details.app).sort()).toEqual(["sales-plus", "scanpack", "tradeshow"]);
    });

    it("gives an unknown user, a wrong password and a disabled user the same 401", async () => {
      const db = await getDb();
      await db.update(users).set({ status: "disabled" }).where(eq(users.username, "warehouse7"));
      const bodies = [];
      for (const [username, password] of [
        ["nobody@demo.test", DEMO_PASSWORD],
        ["device@demo.test", "not-the-password"],
        ["warehouse7", DEMO_PASSWORD],
      ]) {
        bodies.push(await expectError(await postSession({ username, password, app: "sales-plus" }), 401, "invalid_credentials"));
      }
      expect(bodies[1]).toEqual(bodies[0]);
      expect(bodies[2]).toEqual(bodies[0]);
      await db.update(users).set({ status: "active" }).where(eq(users.username, "warehouse7"));
      const failures = await auditRows("signin.failed");
      expect(failures.filter((f) => f.details.app === "sales-plus").map((f) => f.details.reason)).toEqual(
        expect.arrayContaining(["unknown_user", "wrong_password", "disabled"]),
      );
    });

    it(`shares the console's lock-out: ${LOCKOUT.threshold} wrong passwords answer 423 with Retry-After`, async () => {
      const username = "api-lock@api.test";
      // Wrong passwords on the web and in the apps count together.
      for (let i = 1; i < LOCKOUT.threshold; i++) {
        if (i % 2) expect((await signInStaff({ username, password: `web-${i}` }, { ip: nextIp(), userAgent: "web" })).ok).toBe(false);
        else await expectError(await postSession({ username, password: `app-${i}`, app: "tradeshow" }), 401, "invalid_credentials");
      }
      const locked = await postSession({ username, password: "app-last", app: "tradeshow" });
      const body = await expectError(locked, 423, "locked");
      expect(body.retryAfter).toBeGreaterThan(LOCKOUT.minutes * 60 - 5);
      expect(body.retryAfter).toBeLessThanOrEqual(LOCKOUT.minutes * 60);
      expect(locked.headers.get("retry-after")).toBe(String(body.retryAfter));

      // The right password is refused too while the lock lasts, in the apps and on the web.
      const again = await postSession({ username, password: DEMO_PASSWORD, app: "tradeshow" });
      expect((await expectError(again, 423, "locked")).retryAfter).toEqual(expect.any(Number));
      expect(await signInStaff({ username, password: DEMO_PASSWORD }, { ip: nextIp(), userAgent: "web" })).toMatchObject({ reason: "locked" });
    });

    it("limits sign-in attempts per client IP with 429 and Retry-After", async () => {
      const ip = { "x-gatehouse-peer": "203.0.113.200" };
      for (let i = 0; i < 25; i++) {
        const r = await postSession({ username: `ghost${i}@demo.test`, password: "x", app: "sales-plus" }, ip);
        expect(r.status).toBe(401);
      }
      const limited = await postSession({ username: "device@demo.test", password: DEMO_PASSWORD, app: "sales-plus" }, ip);
      const body = await expectError(limited, 429, "rate_limited");
      expect(body.retryAfter).toEqual(expect.any(Number));
      expect(Number(limited.headers.get("retry-after"))).toBe(body.retryAfter);
      // The web sign-in spends from the same budget.
      expect(await signInStaff({ username: "device@demo.test", password: DEMO_PASSWORD }, { ip: "203.0.113.200", userAgent: "web" })).toMatchObject({
        reason: "rate_limited",
      });
      // Another address is not affected.
      expect((await postSession({ username: "device@demo.test", password: DEMO_PASSWORD, app: "sales-plus" })).status).toBe(200);
    });
  });

  describe("request bodies", () => {
    const good = { username: "device@demo.test", password: DEMO_PASSWORD, app: "sales-plus" };

    it("answers 400 invalid_json to a body that is not JSON", async () => {
      for (const raw of ["{", "", "username=device", "{'username': 'x'}", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]) {
        await expectError(await signIn(request("/api/app/session", { method: "POST", raw })), 400, "invalid_json");
      }
    });

    it("answers 400 invalid_request with every missing field", async () => {
      const body = await expectError(await postSession({}), 400, "invalid_request");
      expect(body.fields).toEqual({
        username: "Enter your username.",
        password: "Enter your password.",
        app: "Choose an app: sales-plus, tradeshow, scanpack.",
      });
    });

    it("answers 400 invalid_request to wrong types and values", async () => {
      const cases: [unknown, string][] = [
        [{ ...good, username: 42 }, "username"],
        [{ ...good, username: ["device@demo.test"] }, "username"],
        [{ ...good, password: { $ne: "" } }, "password"],
        [{ ...good, password: null }, "password"],
        [{ ...good, app: "admin-console" }, "app"],
        [{ ...good, app: 1 }, "app"],
        [{ ...good, username: "device\u0000@demo.test" }, "username"],
        [{ ...good, password: "x".repeat(2000) }, "password"],
        [[good], "body"],
        ["device@demo.test", "body"],
        [null, "body"],
      ];
      for (const [input, field] of cases) {
        const body = await expectError(await postSession(input), 400, "invalid_request");
        expect(Object.keys(body.fields as object), JSON.stringify(input).slice(0, 60)).toContain(field);
      }
    });

    it("never answers 5xx to odd but well-formed input", async () => {
      for (const input of [
        { username: "\ud800\udfff\ud800", password: "\udc00", app: "tradeshow" },
        { username: "ünïcødé@demo.test", password: "пароль-🔑", app: "scanpack" },
        { username: `${"a".repeat(244)}@demo.test`, password: "x".repeat(1024), app: "sales-plus" },
        { username: "%' or 1=1 --", password: "' or ''='", app: "sales-plus" },
      ]) {
        await expectError(await postSession(input), 401, "invalid_credentials");
      }
    });

    it("refuses a body over 16 kB with 413, by Content-Length or by the bytes read", async () => {
      const huge = JSON.stringify({ ...good, padding: "x".repeat(1024 * 1024) });
      // Declared length.
      const declared = request("/api/app/session", { method: "POST", raw: huge, headers: { "content-length": String(huge.length) } });
      await expectError(await signIn(declared), 413, "body_too_large");
      // A stream without a length (chunked), and one whose length understates it.
      const stream = () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            const bytes = new TextEncoder().encode(huge);
            for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
            controller.close();
          },
        });
      await expectError(await signIn(request("/api/app/session", { method: "POST", raw: stream() })), 413, "body_too_large");
      const lying = request("/api/app/session", { method: "POST", raw: stream(), headers: { "content-length": "100" } });
      await expectError(await signIn(lying), 413, "body_too_large");
      // Just under the limit is read (and then judged on its fields).
      const padded = JSON.stringify({ ...good, padding: "" });
      const fits = JSON.stringify({ ...good, padding: "x".repeat(MAX_BODY_BYTES - padded.length) });
      expect(Buffer.byteLength(fits)).toBe(MAX_BODY_BYTES);
      expect((await signIn(request("/api/app/session", { method: "POST", raw: fits }))).status).toBe(200);
    });

    it("answers 415 to anything but application/json", async () => {
      for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]) {
        const r = request("/api/app/session", { method: "POST", raw: JSON.stringify(good), headers: { "content-type": type } });
        if (!type) r.headers.delete("content-type");
        await expectError(await signIn(r), 415, "unsupported_media_type");
      }
      const charset = request("/api/app/session", { method: "POST", raw: JSON.stringify(good), headers: { "content-type": "Application/JSON; charset=utf-8" } });
      expect((await signIn(charset)).status).toBe(200);
    });
  });

  describe("bearer tokens", () => {
    it("GET /api/app/me returns the token's user", async () => {
      const token = await tokenFor("scanpack@demo.test", "scanpack");
      const response = await getMe(token);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const body = (await response.json()) as { app: string; expiresAt: string; user: { name: string; type: string; organization: { slug: string } } };
      expect(body).toMatchObject({ app: "scanpack", user: { name: "Sam Scanpack", type: "scanpack", organization: { slug: "demo" } } });
      expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    });

    it("answers 401 unauthorized to a missing, malformed or unknown token", async () => {
      const missing = await getMe();
      await expectError(missing, 401, "unauthorized");
      expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="gatehouse"');
      for (const authorization of [
        "Bearer",
        "Bearer not-a-token",
        `Bearer ${"A".repeat(43)}`,
        `Bearer ${"A".repeat(44)}`,
        `Basic ${Buffer.from("device@demo.test:x").toString("base64")}`,
        `Bearer ${"A".repeat(43)}' or '1'='1`,
      ]) {
        await expectError(await getMe(undefined, { authorization }), 401, "unauthorized");
      }
      await expectError(await deleteSession(), 401, "unauthorized");
    });

    it("DELETE /api/app/session signs out that token only", async () => {
      const first = await tokenFor("device@demo.test", "sales-plus");
      const second = await tokenFor("device@demo.test", "tradeshow");
      const out = await deleteSession(first);
      expect(out.status).toBe(204);
      expect(out.headers.get("cache-control")).toBe("no-store");
      const revoked = await getMe(first);
      expect((await expectError(revoked, 401, "session_revoked")).message).toMatch(/signed out/);
      expect(revoked.headers.get("www-authenticate")).toContain('error="invalid_token"');
      await expectError(await deleteSession(first), 401, "session_revoked");
      expect((await getMe(second)).status).toBe(200);
      const device = (await findUserByUsername("device@demo.test"))!;
      expect((await auditRows("app.signout", device.id)).map((r) => r.details.app)).toEqual(["sales-plus"]);
    });

    it("ends every token of a user whose password is reset", async () => {
      const username = "api-reset@api.test";
      const tokens = [await tokenFor(username, "sales-plus"), await tokenFor(username, "tradeshow")];
      expect((await requestPasswordReset(username, { ip: nextIp(), userAgent: "vitest" }, { via: "login" })).status).toBe("sent");
      const { token, code } = resetSecretsOf((await latestEmailTo(username))!);
      // Requesting a reset changes nothing.
      expect((await getMe(tokens[0])).status).toBe(200);
      const done = await completePasswordReset(
        { token, code, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
        { ip: nextIp(), userAgent: "vitest" },
      );
      expect(done.ok).toBe(true);
      for (const t of tokens) await expectError(await getMe(t), 401, "session_revoked");
      await expectError(await postSession({ username, password: DEMO_PASSWORD, app: "sales-plus" }), 401, "invalid_credentials");
      expect((await getMe(await tokenFor(username, "sales-plus", NEW_PASSWORD))).status).toBe(200);
      await expectError(await postSession({ username, password: NEW_PASSWORD, app: "scanpack" }), 403, "app_not_allowed");
    });

    it("ends every token of a user who changes their password in Profile Settings", async () => {
      const username = "api-change@api.test";
      const token = await tokenFor(username, "tradeshow");
      const user = (await findUserByUsername(username))!;
      const changed = await changePassword(
        user,
        { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
        { ip: nextIp(), userAgent: "vitest" },
      );
      expect(changed.ok).toBe(true);
      const body = await expectError(await getMe(token), 401, "session_revoked");
      expect(body.message).toMatch(/password was changed/);
    });

    it("ends every token of a user an admin disables; enabling them again does not bring it back", async () => {
      const username = "api-disable@api.test";
      const token = await tokenFor(username, "sales-plus");
      const user = (await findUserByUsername(username))!;
      expect(await disableUser(await apiAdmin(), user.id, { ip: nextIp(), userAgent: "vitest" })).toEqual({ ok: true });
      await expectError(await getMe(token), 401, "session_revoked");
      await expectError(await postSession({ username, password: DEMO_PASSWORD, app: "sales-plus" }), 401, "invalid_credentials");
      expect(await enableUser(await apiAdmin(), user.id, { ip: nextIp(), userAgent: "vitest" })).toEqual({ ok: true });
      await expectError(await getMe(token), 401, "session_revoked");
      expect((await getMe(await tokenFor(username, "sales-plus"))).status).toBe(200);
    });

    it("ends a disabled user's token even if their session version did not move", async () => {
      const username = "api-disable@api.test";
      const token = await tokenFor(username, "tradeshow");
      const db = await getDb();
      await db.update(users).set({ status: "disabled" }).where(eq(users.username, username));
      await expectError(await getMe(token), 401, "session_revoked");
      await db.update(users).set({ status: "active" }).where(eq(users.username, username));
    });

    it("ends every token on 'Sign out everywhere'", async () => {
      const username = "api-everywhere@api.test";
      const tokens = [await tokenFor(username, "scanpack"), await tokenFor(username, "scanpack")];
      const user = (await findUserByUsername(username))!;
      expect(await signOutEverywhere(await apiAdmin(), user.id, { ip: nextIp(), userAgent: "vitest" })).toEqual({ ok: true });
      for (const t of tokens) await expectError(await getMe(t), 401, "session_revoked");
      const db = await getDb();
      const rows = await db.select({ revokedAt: appSessions.revokedAt }).from(appSessions).where(eq(appSessions.userId, user.id));
      expect(rows.every((r) => r.revokedAt instanceof Date)).toBe(true);
      // A bumped version alone is enough, whoever bumps it.
      const fresh = await tokenFor(username, "scanpack");
      await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, user.id));
      await expectError(await getMe(fresh), 401, "session_revoked");
    });

    it("ends a token whose user type no longer allows its app", async () => {
      const username = "api-retype@api.test";
      const token = await tokenFor(username, "sales-plus");
      const user = (await findUserByUsername(username))!;
      const edited = await editUser(
        await apiAdmin(),
        user.id,
        { username, displayName: user.displayName, emailTo: null, userType: "scanpack" },
        { ip: nextIp(), userAgent: "vitest" },
      );
      expect(edited).toEqual({ ok: true });
      await expectError(await getMe(token), 401, "session_revoked");
      // Without a version bump (a direct change of type) the app rule still ends it.
      const scan = await tokenFor(username, "scanpack");
      const db = await getDb();
      await db.update(users).set({ userType: "device" }).where(eq(users.id, user.id));
      await expectError(await getMe(scan), 401, "session_revoked");
    });

    it("ends an expired token, and the next sign-in clears it away", async () => {
      const token = await tokenFor("dual@demo.test", "tradeshow");
      const db = await getDb();
      await db.update(appSessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(appSessions.tokenHash, digestToken(token)));
      expect((await expectError(await getMe(token), 401, "session_revoked")).message).toMatch(/expired/);
      await tokenFor("dual@demo.test", "tradeshow");
      expect(await db.select().from(appSessions).where(eq(appSessions.tokenHash, digestToken(token)))).toHaveLength(0);
      await expectError(await getMe(token), 401, "unauthorized");
    });
  });

  describe("GET /api/app/reset-link", () => {
    it("answers the login page's deep link with the username encoded", async () => {
      for (const [username, url] of [
        ["device@demo.test", "/login?username=device%40demo.test&reset=1"],
        ["warehouse7", "/login?username=warehouse7&reset=1"],
        ["a b&reset=0#x", "/login?username=a%20b%26reset%3D0%23x&reset=1"],
        ["  padded@demo.test ", "/login?username=padded%40demo.test&reset=1"],
      ]) {
        const response = await resetLink(request(`/api/app/reset-link?username=${encodeURIComponent(username!)}`));
        expect(response.status).toBe(200);
        expect(response.headers.get("cache-control")).toBe("no-store");
        expect(await response.json()).toEqual({ url });
      }
    });

    it("answers 400 invalid_request without a valid username", async () => {
      for (const query of ["", "?username=", "?username=%20%20", `?username=${"a".repeat(300)}`, "?username=a%00b", "?user=device@demo.test"]) {
        const body = await expectError(await resetLink(request(`/api/app/reset-link${query}`)), 400, "invalid_request");
        expect(body.fields).toHaveProperty("username");
      }
    });
  });
});
