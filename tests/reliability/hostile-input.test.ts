import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/lib/infra/demo-seed";
import { createDatabase, credentialsSignIn, startInstance, submitForm, type Instance } from "./harness";

/**
 * Random, huge, mistyped, unicode and control-character input at every server action and API
 * route: never a 5xx and never a change of state; markup comes back escaped.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

const hostileString = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: fc.constantFrom("\u0000", "\u202e", "'", '"', "<", ">", "&", "\\", "%", "_", ";", "--", "é", "😀", "\r\n"), maxLength: 60 }),
  fc.constantFrom("' OR 1=1 --", "<script>alert(1)</script>", "${7*7}", "../../etc/passwd", "a".repeat(20_000), "\u0000admin@demo.test"),
);
const hostileJson = fc.oneof(fc.anything(), fc.record({ username: fc.anything(), password: fc.anything(), app: fc.anything() }));

describe("hostile input", () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let app: Instance;
  let adminCookie: string;

  /** Everything the fuzzed requests must leave alone. */
  const snapshot = async () => {
    const [row] = await db.handle.db.execute(sql`
      select (select md5(string_agg(u::text, ',' order by u.id)) from users u) as users,
             (select md5(string_agg(o::text, ',' order by o.id)) from organizations o) as orgs,
             (select count(*) from password_resets) as resets,
             (select count(*) from app_sessions) as tokens,
             (select md5(coalesce(string_agg(c::text, ',' order by c.id), '')) from contacts c) as contacts`) as unknown as [Record<string, unknown>];
    return row;
  };

  beforeAll(async () => {
    db = await createDatabase();
    app = await startInstance(db.url);
    adminCookie = (await credentialsSignIn(app.url, "admin@demo.test", DEMO_PASSWORD)).cookie!;
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await db?.drop();
  });

  it("API routes answer every body with a 4xx in the error shape", async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/api/app/session", "/api/app/password-reset"),
        fc.oneof(hostileJson.map((v) => JSON.stringify(v) ?? "null"), hostileString),
        fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded"),
        async (path, body, type) => {
          const response = await fetch(`${app.url}${path}`, { method: "POST", headers: { "content-type": type }, body });
          expect(response.status, `${path} ${body.slice(0, 80)}`).toBeLessThan(500);
          if (response.status >= 400) expect(await response.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
        },
      ),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(hostileString, async (value) => {
        for (const url of [`/api/app/reset-link?username=${encodeURIComponent(value)}`, `/api/dev/mailbox?to=${encodeURIComponent(value)}&limit=${encodeURIComponent(value)}`]) {
          expect((await fetch(`${app.url}${url}`)).status, url.slice(0, 80)).toBeLessThan(500);
        }
        const me = await fetch(`${app.url}/api/app/me`, { headers: { authorization: `Bearer ${value.replace(/[^\x20-\x7e]/g, "")}` } });
        // 401, or 431 from the HTTP server itself for a header too large to read.
        expect([401, 431]).toContain(me.status);
      }),
      { numRuns: RUNS },
    );
    const huge = await fetch(`${app.url}/api/app/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "x".repeat(1_000_000) }) });
    expect(huge.status).toBe(413);
    expect(await snapshot()).toEqual(before);
  });

  it("public forms reject nonsense with a message, never a 5xx or a change", async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, async (a, b) => {
        for (const [path, fields] of [
          ["/login", { username: a, password: b }],
          ["/forgot-password", { email: a }],
          ["/reset-password", { username: a, code: b, newPassword: a, confirmPassword: b }],
        ] as const) {
          const page = await submitForm(app.url, path, fields);
          expect(page.status, `${path} ${a.slice(0, 40)}`).toBeLessThan(500);
        }
      }),
      { numRuns: RUNS },
    );
    // Apart from rate-limit counters and audit rows, nothing moved.
    expect(await snapshot()).toEqual(before);
  });

  it("console actions refuse malformed input from a signed-in admin, changing nothing", async () => {
    const [device] = (await db.handle.db.execute(sql`select id from users where username = 'device@demo.test'`)) as unknown as [{ id: string }];
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, async (a, b) => {
        const badType = `x${a}`; // never a user type
        for (const [path, fields] of [
          ["/admin/users/new", { displayName: a, username: b, emailTo: a, userType: badType }],
          [`/admin/users/${device.id}`, { userId: a, displayName: b, username: a, emailTo: b, userType: badType }],
          ["/admin/subscription", { licences: `${a}x` }],
        ] as const) {
          const page = await submitForm(app.url, path, fields, adminCookie);
          expect(page.status, `${path} ${a.slice(0, 40)}`).toBeLessThan(500);
        }
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
    expect(await snapshot()).toEqual(before);
  });

  it("refuses NUL and other control characters in searches and forms with a message, logging no query values", async () => {
    // An app token for the contacts search, before the snapshot (it adds a token row).
    const session = await fetch(`${app.url}/api/app/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "device@demo.test", password: DEMO_PASSWORD, app: "sales-plus" }),
    });
    const { token } = (await session.json()) as { token: string };
    const before = await snapshot();
    const logBefore = app.output().length;
    for (const q of ["%00", "corner%00store", "%1b%5b2J", "%7f"]) {
      for (const path of [`/admin/users?q=${q}`, `/admin/users?q=${q}&type=device&page=2`, `/admin/contacts?q=${q}`]) {
        const page = await fetch(`${app.url}${path}`, { headers: { cookie: adminCookie } });
        expect(page.status, path).toBe(200);
        expect(await page.text(), path).toContain("The search contains a character that is not allowed");
      }
    }
    const search = await fetch(`${app.url}/api/app/contacts?q=%00`, { headers: { authorization: `Bearer ${token}` } });
    expect(search.status).toBe(400);
    expect(await search.json()).toMatchObject({ error: "invalid_request", fields: { q: expect.stringMatching(/not allowed/) } });
    for (const body of [{ username: "device@demo.test\u0000" }, { username: "device@demo.test", password: `${DEMO_PASSWORD}\u0000`, app: "sales-plus" }]) {
      const path = "password" in body ? "/api/app/session" : "/api/app/password-reset";
      const response = await fetch(`${app.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      expect(response.status, path).toBe(400);
    }
    for (const [path, fields] of [
      ["/forgot-password", { email: "device\u0000@demo.test" }],
      ["/login", { username: "device@demo.test", password: `${DEMO_PASSWORD}\u0000` }],
      ["/reset-password", { username: "device@demo.test\u0000", code: "123456", newPassword: "Valid-Pass-91!", confirmPassword: "Valid-Pass-91!" }],
    ] as const) {
      const page = await submitForm(app.url, path, fields);
      expect(page.status, path).toBeLessThan(500);
      expect(page.html, path).toContain("contains a character that is not allowed");
    }
    // Nothing reached the database to fail there, and no log line carries a query or its values.
    const log = app.output().slice(logBefore);
    expect(log).not.toMatch(/Failed query|params:|DatabaseError/);
    expect(await snapshot()).toEqual(before);
  });

  it("returns markup and SQL-looking input escaped", async () => {
    const hostile = `<script>alert("x")</script>' OR 1=1 --`;
    const page = await submitForm(app.url, "/login", { username: hostile, password: "nope" });
    expect(page.html).not.toContain('<script>alert("x")</script>');
    expect(page.html).toContain("&lt;script&gt;");
    const added = await submitForm(app.url, "/admin/users/new", { displayName: hostile, username: "not an email <b>", emailTo: "", userType: "device" }, adminCookie);
    expect(added.status).toBeLessThan(500);
    // The same form path does reach the action: this valid (if odd) user now exists, stored as typed.
    const created = (await db.handle.db.execute(sql`select display_name from users where username = 'not an email <b>'`)) as unknown as { display_name: string }[];
    expect(created.map((r) => r.display_name)).toEqual([hostile]);
    const list = await (await fetch(`${app.url}/admin/users?q=${encodeURIComponent("script")}`, { headers: { cookie: adminCookie } })).text();
    expect(list).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(list).not.toContain('<script>alert("x")</script>');
  });
});
