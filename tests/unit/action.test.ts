import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { SessionContact } from "@/lib/contacts/session-contact";
import type { Storefront } from "@/lib/organizations/organizations";
import type { StaffSession } from "@/lib/sessions/auth";
import { actionWith, type ActionSources } from "@/lib/web/action-core";
import { initialActionState } from "@/lib/web/action-state";

// The wrapper is given its session readers, so each level is tried against every kind of caller.
const DEMO: Storefront = { id: "00000000-0000-4000-8000-00000000000a", name: "Demo Wholesale", slug: "demo" };
const OTHER: Storefront = { id: "00000000-0000-4000-8000-00000000000b", name: "Other Co", slug: "other" };

const staff = (userType: StaffSession["userType"]): StaffSession => ({
  id: "00000000-0000-4000-8000-000000000001",
  username: `${userType}@demo.test`,
  displayName: userType,
  userType,
  status: "active",
  sessionVersion: 1,
  organizationId: DEMO.id,
  organizationName: DEMO.name,
  organizationSlug: DEMO.slug,
  sessionId: "00000000-0000-4000-8000-000000000002",
});

const contactOf = (store: Storefront): SessionContact => ({
  id: "00000000-0000-4000-8000-000000000003",
  name: "Bea Buyer",
  username: "cornerbuyer",
  email: "buyer@cornerstore.test",
  retailerName: "Corner Store",
  organizationId: store.id,
  organizationName: store.name,
  organizationSlug: store.slug,
  sessionVersion: 1,
  websiteAccess: true,
  mustChangePassword: false,
  sessionId: "00000000-0000-4000-8000-000000000004",
});

/** Session readers that count their calls; `staffUser` / `contactFor` decide who is signed in. */
function sources(who: { staffUser?: StaffSession | null; contactFor?: (store: Storefront) => SessionContact | null } = {}) {
  const calls = { staffSession: 0, storefront: 0, contactSession: 0, requestMeta: 0 };
  const readers: ActionSources = {
    staffSession: async () => (calls.staffSession++, who.staffUser ?? null),
    storefront: async (slug) => (calls.storefront++, [DEMO, OTHER].find((s) => s.slug === slug) ?? null),
    contactSession: async (store) => (calls.contactSession++, who.contactFor?.(store) ?? null),
    requestMeta: async () => (calls.requestMeta++, { ip: "203.0.113.9", userAgent: "test" }),
    postedFromPath: async () => "/",
  };
  return { calls, readers };
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

/** An action at `access` whose run records what it was given. */
function probe<A extends "public" | "staff" | "console" | "contact">(readers: ActionSources, access: A) {
  const seen: unknown[] = [];
  const action = actionWith(readers)({
    schema: z.object({ org: z.string().optional(), name: z.string().min(1, "Enter a name.") }),
    access,
    async run(input, ctx) {
      seen.push({ input, ctx });
      return { ok: true, message: "done" };
    },
  });
  return { action, seen };
}

describe("defineAction levels", () => {
  it("public: runs without reading any session", async () => {
    const { calls, readers } = sources({ staffUser: staff("admin"), contactFor: contactOf });
    const { action, seen } = probe(readers, "public");
    const result = await action(initialActionState, form({ name: "x", org: "demo" }));
    expect(result.ok).toBe(true);
    expect(calls).toEqual({ staffSession: 0, storefront: 0, contactSession: 0, requestMeta: 1 });
    expect(seen[0]).toEqual({ input: { name: "x", org: "demo" }, ctx: { meta: { ip: "203.0.113.9", userAgent: "test" }, files: {} } });
  });

  it("hands the form's uploaded files to the action, by field name, outside the parsed input", async () => {
    const { readers } = sources({ staffUser: staff("admin") });
    const { action, seen } = probe(readers, "console");
    const body = form({ name: "x" });
    body.append("file", new File(["a,b\n"], "rows.csv", { type: "text/csv" }));
    expect((await action(initialActionState, body)).ok).toBe(true);
    const first = seen[0] as { input: unknown; ctx: { files: Record<string, File> } };
    const ctx = first.ctx;
    expect(first.input).toEqual({ name: "x" });
    expect(Object.keys(ctx.files)).toEqual(["file"]);
    expect(ctx.files.file!.name).toBe("rows.csv");
    expect(await ctx.files.file!.text()).toBe("a,b\n");
  });

  it("staff: refuses a request with no session, before running anything", async () => {
    const { readers } = sources({ staffUser: null });
    const { action, seen } = probe(readers, "staff");
    const result = await action(initialActionState, form({ name: "x" }));
    expect(result).toEqual({ ok: false, message: "Your session has ended. Sign in again.", values: { name: "x" } });
    expect(seen).toEqual([]);
  });

  it("staff: admits every user type", async () => {
    for (const type of ["admin", "dual", "device", "scanpack"] as const) {
      const { action, seen } = probe(sources({ staffUser: staff(type) }).readers, "staff");
      expect((await action(initialActionState, form({ name: "x" }))).ok).toBe(true);
      expect((seen[0] as { ctx: { user: StaffSession } }).ctx.user.userType).toBe(type);
    }
  });

  it("console: refuses device and ScanPack sessions and no session, admits admin and dual", async () => {
    for (const type of ["device", "scanpack"] as const) {
      const { action, seen } = probe(sources({ staffUser: staff(type) }).readers, "console");
      expect(await action(initialActionState, form({ name: "x" }))).toEqual({
        ok: false,
        message: "Only admin and dual users can do this.",
        values: { name: "x" },
      });
      expect(seen).toEqual([]);
    }
    const nobody = probe(sources({ staffUser: null }).readers, "console");
    expect((await nobody.action(initialActionState, form({ name: "x" }))).message).toBe("Your session has ended. Sign in again.");
    for (const type of ["admin", "dual"] as const) {
      const { action } = probe(sources({ staffUser: staff(type) }).readers, "console");
      expect((await action(initialActionState, form({ name: "x" }))).ok).toBe(true);
    }
  });

  it("contact: refuses no contact session, an unknown storefront, and another organization's contact", async () => {
    const signedOut = probe(sources({ contactFor: () => null }).readers, "contact");
    expect(await signedOut.action(initialActionState, form({ org: "demo", name: "x" }))).toEqual({
      ok: false,
      message: "Your session has ended. Sign in again.",
      values: { org: "demo", name: "x" },
    });
    const unknown = probe(sources({ contactFor: contactOf }).readers, "contact");
    expect((await unknown.action(initialActionState, form({ org: "nowhere", name: "x" }))).message).toBe(
      "This storefront does not exist.",
    );
    expect((await unknown.action(initialActionState, form({ name: "x" }))).message).toBe("This storefront does not exist.");
    // A session reader that hands back Other Co's contact on Demo's storefront is still refused.
    const foreign = probe(sources({ contactFor: () => contactOf(OTHER) }).readers, "contact");
    expect((await foreign.action(initialActionState, form({ org: "demo", name: "x" }))).message).toBe(
      "Your session has ended. Sign in again.",
    );
    expect([...signedOut.seen, ...unknown.seen, ...foreign.seen]).toEqual([]);
  });

  it("contact: a staff session means nothing on the storefront", async () => {
    const { calls, readers } = sources({ staffUser: staff("admin"), contactFor: () => null });
    const { action } = probe(readers, "contact");
    expect((await action(initialActionState, form({ org: "demo", name: "x" }))).ok).toBe(false);
    expect(calls.staffSession).toBe(0);
  });

  it("contact: runs with the storefront and its signed-in contact", async () => {
    const { readers } = sources({ contactFor: contactOf });
    const { action, seen } = probe(readers, "contact");
    expect((await action(initialActionState, form({ org: "demo", name: "x" }))).ok).toBe(true);
    const { ctx } = seen[0] as { ctx: { store: Storefront; contact: SessionContact } };
    expect(ctx.store).toEqual(DEMO);
    expect(ctx.contact.organizationId).toBe(DEMO.id);
  });

  it("reports every field error at once, and runs nothing", async () => {
    const { readers } = sources();
    const seen: unknown[] = [];
    const action = actionWith(readers)({
      schema: z.object({ username: z.string().min(1, "Enter your username."), email: z.email("Enter an email address.") }),
      access: "public",
      async run(input) {
        seen.push(input);
        return { ok: true };
      },
    });
    const result = await action(initialActionState, form({ username: "", email: "nope" }));
    expect(result).toEqual({
      ok: false,
      message: "Please correct the highlighted fields.",
      fieldErrors: { username: "Enter your username.", email: "Enter an email address." },
      values: { username: "", email: "nope" },
    });
    expect(seen).toEqual([]);
  });

  it("never echoes a password, code, token or secret in values, whether the action fails or succeeds", async () => {
    const secrets = {
      password: "Hunter2-Hunter2",
      newPassword: "Correct-Horse-9",
      confirmPassword: "Correct-Horse-9",
      code: "12345678",
      resetCode: "87654321",
      token: "tok",
      clientSecret: "s3cret",
    };
    const { readers } = sources({ staffUser: null });
    for (const access of ["public", "staff"] as const) {
      for (const name of ["", "x"]) {
        const { action } = probe(readers, access);
        const result = await action(initialActionState, form({ ...secrets, name }));
        expect(result.values).toEqual({ name });
        expect(JSON.stringify(result)).not.toMatch(/Hunter2|Correct-Horse|12345678|87654321|tok"|s3cret/);
      }
    }
  });

  it("sends the browser back to the page it posted from when the database is down, and rethrows anything else", async () => {
    const { readers } = sources();
    const down = actionWith({ ...readers, postedFromPath: async () => "/login?x=1" })({
      schema: z.object({}),
      access: "public",
      async run() {
        throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
      },
    });
    await expect(down(initialActionState, form({}))).rejects.toMatchObject({ digest: expect.stringContaining("/login?x=1") });
    const broken = actionWith(readers)({
      schema: z.object({}),
      access: "public",
      async run() {
        throw new Error("a bug");
      },
    });
    await expect(broken(initialActionState, form({}))).rejects.toThrow("a bug");
  });
});
