import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/lib/infra/demo-seed";
import { OPERATIONS } from "@/lib/management-api/operations";
import { createDatabase, credentialsSignIn, insertApiKey, startInstance, submitForm, type Instance } from "./harness";

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

  /**
   * Everything the fuzzed requests must leave alone: accounts (not their failed-sign-in
   * counters, which a wrong password is meant to move), organizations and their settings,
   * contacts, browser and app sessions, resets and queued mail.
   */
  const snapshot = async () => {
    const [row] = await db.handle.db.execute(sql`
      select (select md5(string_agg(concat_ws('|', id, organization_id, username, display_name, email_to, user_type, status, password_hash, session_version), ',' order by id)) from users) as users,
             (select md5(string_agg(o::text, ',' order by o.id)) from organizations o) as orgs,
             (select md5(string_agg(concat_ws('|', id, organization_id, name, email, username, website_access, password_hash, temp_password_hash, must_change_password, session_version), ',' order by id)) from contacts) as contacts,
             (select md5(coalesce(string_agg(concat_ws('|', id, session_version, ended_at), ',' order by id), '')) from browser_sessions) as browser_sessions,
             (select md5(coalesce(string_agg(concat_ws('|', id, revoked_at), ',' order by id), '')) from app_sessions) as app_sessions,
             (select md5(coalesce(string_agg(concat_ws('|', id, used_at, revoked_at), ',' order by id), '')) from password_resets) as resets,
             (select md5(coalesce(string_agg(concat_ws('|', id, status, cursor), ',' order by id), '')) from import_jobs) as imports,
             (select count(*) from email_outbox) as mail`) as unknown as [Record<string, unknown>];
    return row;
  };

  /** The sentences a page shows after a post: its alert or status box, and every field error. */
  const shownMessages = (html: string) =>
    [
      ...[...html.matchAll(/role="(?:alert|status)"[^>]*>([\s\S]*?)<\/div>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "")),
      ...[...html.matchAll(/<p id="[^"]+-error"[^>]*>([^<]*)<\/p>/g)].map((m) => m[1]!),
    ]
      .map((text) => text.trim())
      .filter(Boolean);

  /** A refused post: a 2xx/4xx page with a message, and nothing in the database moved. */
  const expectRefused = async (page: { status: number; html: string }, before: Record<string, unknown>, what: string) => {
    expect(page.status, what).toBeLessThan(500);
    if (page.status !== 404) expect(shownMessages(page.html), what).not.toEqual([]);
    const after = await snapshot();
    const moved = Object.keys(before).filter((k) => before[k] !== after[k]);
    expect(moved, what).toEqual([]);
  };

  const idOf = async (table: "users" | "contacts", username: string) => {
    const [row] = (await db.handle.db.execute(sql`select id from ${sql.identifier(table)} where username = ${username}`)) as unknown as [{ id: string }];
    return row.id;
  };

  beforeAll(async () => {
    db = await createDatabase();
    app = await startInstance(db.url, { API_KEY_RATE_LIMIT: "100000" });
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

  it("console forms store a valid value exactly as typed and refuse the rest with a message, changing nothing", async () => {
    const target = await idOf("users", "warehouse7");
    const foreignUser = await idOf("users", "admin@other.test");
    const [demo] = (await db.handle.db.execute(sql`select id from organizations where slug = 'demo'`)) as unknown as [{ id: string }];
    const accepted = { add: 0, edit: 0, licences: 0 };
    const licenceValue = fc.oneof(hostileString, fc.integer({ min: -3, max: 2_000_000 }).map(String), fc.constantFrom(" 12 ", "1e1", "0x10", "7.5", ""));
    // Which user the form names: this one, another organization's, a made-up id, or no id at all.
    const userId = fc.oneof(
      fc.constant({ kind: "target", id: target }),
      fc.constant({ kind: "unknown", id: foreignUser }),
      fc.uuid().map((id) => ({ kind: "unknown", id })),
      hostileString.map((id) => ({ kind: "malformed", id })),
    );
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, hostileString, userId, licenceValue, async (a, b, c, { kind, id }, licences) => {
        // Valid user types, so the hostile strings are what the action and the database judge.
        let before = await snapshot();
        const added = await submitForm(app.url, "/admin/users/new", { displayName: a, username: b, emailTo: "", userType: "device" }, adminCookie);
        const created = /^\/admin\/users\/([0-9a-f-]{36})\?created=/.exec(added.location ?? "")?.[1];
        if (created) {
          accepted.add++;
          const [row] = (await db.handle.db.execute(sql`select display_name, username, user_type from users where id = ${created}`)) as unknown as [Record<string, string>];
          expect(row).toEqual({ display_name: a.trim(), username: b.trim(), user_type: "device" });
        } else await expectRefused(added, before, `add user ${JSON.stringify([a, b]).slice(0, 80)}`);

        before = await snapshot();
        const edited = await submitForm(app.url, `/admin/users/${target}`, { userId: id, displayName: b, username: a, emailTo: c, userType: "device" }, adminCookie);
        if (kind === "target" && edited.status === 200 && edited.html.includes("Changes saved.")) {
          accepted.edit++;
          const [row] = (await db.handle.db.execute(sql`select display_name, username, email_to from users where id = ${target}`)) as unknown as [Record<string, string | null>];
          expect(row).toEqual({ display_name: b.trim(), username: a.trim(), email_to: c.trim() || null });
        } else {
          // Another organization's user and a made-up id answer 404 (once the rest is valid), like a user that does not exist.
          if (kind === "unknown" && shownMessages(edited.html).length === 0) expect(edited.status).toBe(404);
          await expectRefused(edited, before, `edit user ${JSON.stringify([id, a, b, c]).slice(0, 80)}`);
        }

        before = await snapshot();
        const set = await submitForm(app.url, "/admin/subscription", { licences }, adminCookie);
        if (shownMessages(set.html).some((m) => /^You now have \d+ licences\.$/.test(m))) {
          const [row] = (await db.handle.db.execute(sql`select licence_count from organizations where id = ${demo.id}`)) as unknown as [{ licence_count: number }];
          accepted.licences++;
          expect(row.licence_count).toBe(Number(licences));
        } else await expectRefused(set, before, `licences ${licences.slice(0, 40)}`);

        before = await snapshot();
        const settings = await submitForm(app.url, "/admin/settings", { includeUsernameInContactEmails: a }, adminCookie);
        if (a === "on") expect(settings.html).toContain("Saved.");
        else await expectRefused(settings, before, `settings ${a.slice(0, 40)}`);
      }),
      {
        numRuns: Math.ceil(RUNS / 2),
        // First a submission that is hostile-looking but valid, so the accepting path is always taken.
        examples: [["' OR 1=1 --", "<script>alert(1)</script>", "", { kind: "target", id: target }, "12"]],
      },
    );
    expect(accepted.add, "an added user").toBeGreaterThan(0);
    expect(accepted.edit, "a saved edit").toBeGreaterThan(0);
    expect(accepted.licences, "a new licence count").toBeGreaterThan(0);
  });

  it("contact pages and the storefront refuse hostile ids, slugs and passwords with a message, changing nothing", async () => {
    const own = await idOf("contacts", "cornerbuyer");
    const foreign = await idOf("contacts", "harbourbuyer");
    const contactId = fc.oneof(fc.constant(foreign), fc.uuid(), hostileString);
    const slug = fc.oneof(fc.constantFrom("demo", "other", "DEMO", " demo "), hostileString);
    // A contact signed in to the storefront twice, so its page lists a session to sign out.
    const contactSignIn = () => submitForm(app.url, "/store/demo/login", { username: "cornerowner", password: DEMO_PASSWORD });
    await contactSignIn();
    const contactCookie = (await contactSignIn()).cookies.map((c) => c.split(";")[0]).join("; ");
    expect(contactCookie).toContain("gh_store=");
    // A staff user of their own for Profile Settings (a wrong "existing password" locks only
    // them), signed in twice for the same reason.
    await credentialsSignIn(app.url, "dual@demo.test", DEMO_PASSWORD);
    const dualCookie = (await credentialsSignIn(app.url, "dual@demo.test", DEMO_PASSWORD)).cookie!;
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, contactId, slug, async (a, b, id, org) => {
        for (const [path, fields, cookie] of [
          [`/admin/contacts/${own}`, { contactId: id, websiteAccess: a }, adminCookie],
          [`/admin/contacts/${own}`, { contactId: id }, adminCookie],
          ["/profile", { currentPassword: a, newPassword: b, confirmPassword: b }, dualCookie],
          ["/profile", { sessionId: a }, dualCookie],
          ["/store/demo/login", { org, username: a, password: b }, ""],
          ["/store/demo/forgot-password", { org, username: a }, ""],
          ["/store/demo", { org, sessionId: id }, contactCookie],
        ] as const) {
          const page = await submitForm(app.url, path, fields, cookie);
          await expectRefused(page, before, `${path} ${JSON.stringify(fields).slice(0, 100)}`);
        }
      }),
      // Seven forms a run: fewer runs keep the file's time modest.
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it("every /api/v1 route answers hostile ids, queries, bodies and keys with a problem, changing nothing", async () => {
    const key = await insertApiKey(db.handle, "demo", "write");
    const foreign = { user: await idOf("users", "admin@other.test"), contact: await idOf("contacts", "harbourbuyer") };
    const [{ id: foreignRetailer }] = (await db.handle.db.execute(sql`select id from retailers where name = 'Harbour Goods'`)) as unknown as [{ id: string }];
    const [{ id: foreignImport }] = (await db.handle.db.execute(sql`
      insert into import_jobs (organization_id, kind, created_by, filename, total_rows)
      select organization_id, 'contacts', id, 'other.csv', 0 from users where username = 'admin@other.test' returning id`)) as unknown as [{ id: string }];
    const retailersBefore = await db.handle.db.execute(sql`select md5(string_agg(concat_ws('|', id, name, code), ',' order by id)) as r from retailers`);
    const before = await snapshot();
    const id = fc.oneof(fc.constantFrom(foreign.user, foreign.contact, foreignRetailer, foreignImport), fc.uuid(), hostileString.filter((v) => !["", ".", ".."].includes(v)));
    // An object body gets a field no schema has, so even a well-formed one is refused (strict schemas).
    const body = fc.oneof(
      fc.anything().map((v) => (v && typeof v === "object" && !Array.isArray(v) ? { ...v, __hostile: true } : v)),
      fc.record({ name: hostileString, username: hostileString, email: hostileString, display_name: hostileString, type: hostileString, retailer_id: id, enabled: fc.anything(), __hostile: fc.constant(1) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OPERATIONS), id, id, hostileString, body, async (op, first, second, value, payload) => {
        const path = op.path.replace("{id}", encodeURIComponent(first)).replace("{session_id}", encodeURIComponent(second));
        const query = op.query ? `?${Object.keys(op.query.shape).map((k) => `${k}=${encodeURIComponent(value)}`).join("&")}` : "";
        const response = await fetch(`${app.url}/api/v1${path}${query}`, {
          method: op.method.toUpperCase(),
          headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json", "idempotency-key": value.replace(/[^\x21-\x7e]/g, "") || "k" },
          body: op.body ? (JSON.stringify(payload) ?? "null") : undefined,
        });
        const answer = `${op.operationId} ${response.status} ${path.slice(0, 60)}${query.slice(0, 60)}`;
        expect(response.status, answer).toBeLessThan(500);
        // 431: the HTTP server itself, for a request line too long to read. A list with an odd q is still a list.
        if (response.status === 431 || (op.method === "get" && response.status === 200 && !op.params)) return;
        expect(response.status, answer).toBeGreaterThanOrEqual(400);
        expect(response.headers.get("content-type"), answer).toBe("application/problem+json");
        expect(await response.json()).toMatchObject({ type: expect.stringMatching(/^https:\/\/gatehouse\.dev\/problems\//), status: response.status, detail: expect.any(String) });
      }),
      { numRuns: RUNS * 5 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OPERATIONS), hostileString, async (op, value) => {
        const response = await fetch(`${app.url}/api/v1${op.path.replace(/\{\w+\}/g, foreign.user)}`, { method: op.method.toUpperCase(), headers: { authorization: `Bearer ${value.replace(/[^\x20-\x7e]/g, "")}` } });
        expect([401, 431]).toContain(response.status);
      }),
      { numRuns: RUNS },
    );
    // POST /imports with a CSV body: hostile files, kinds and flags, and contact files whose rows
    // cannot all be imported (no retailer has a random name), so each is refused.
    const contactsHeader = "Retailer,Contact name,Username,Email,Website access";
    const cell = fc.oneof(hostileString, fc.stringMatching(/^[a-z0-9 @.]{0,20}$/));
    const hostileRows = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }).map((rows) => rows.map((r) => r.join(",")).join("\n"));
    const upload = fc.oneof(
      fc.record({ kind: fc.constant("contacts"), file: hostileRows.map((rows) => `${contactsHeader}\n${rows}`) }),
      fc.record({ kind: fc.oneof(fc.constantFrom("contacts", "staff"), hostileString), file: fc.oneof(hostileString, fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString("latin1"))) }),
    );
    const options = fc.record({ sendInvites: fc.oneof(fc.constantFrom("true", "false"), hostileString), filename: fc.option(hostileString, { nil: undefined }) });
    const mediaType = fc.oneof({ weight: 3, arbitrary: fc.constant("text/csv") }, { weight: 1, arbitrary: fc.constantFrom("text/csv; charset=utf-8", "application/json", "text/plain") });
    const uploadStatuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(upload, options, mediaType, async ({ kind, file }, { sendInvites, filename }, contentType) => {
        const query = `kind=${encodeURIComponent(kind)}&send_invites=${encodeURIComponent(sendInvites)}${filename === undefined ? "" : `&filename=${encodeURIComponent(filename)}`}`;
        const response = await fetch(`${app.url}/api/v1/imports?${query}`, {
          method: "POST",
          headers: { authorization: `Bearer ${key.secret}`, "content-type": contentType },
          body: file,
        });
        const answer = `startImport ${response.status} ${query.slice(0, 80)}`;
        uploadStatuses.add(response.status);
        expect(response.status, answer).toBeGreaterThanOrEqual(400);
        expect(response.status, answer).toBeLessThan(500);
        if (response.status === 431) return;
        expect(response.headers.get("content-type"), answer).toBe("application/problem+json");
        expect(await response.json()).toMatchObject({ type: expect.stringMatching(/^https:\/\/gatehouse\.dev\/problems\//), status: response.status, detail: expect.any(String) });
      }),
      { numRuns: RUNS * 2 },
    );
    // The files reached the row checks (422), the file checks or the query's (400) and the media type's (415).
    expect([...uploadStatuses].sort()).toEqual(expect.arrayContaining([400, 415, 422]));
    // A file over IMPORT_MAX_BYTES (10 MB) through the real server, declared or streamed: the API's own 413.
    const big = `${contactsHeader}\n${"Nowhere,A,a,a@x.test,no\n".repeat(Math.ceil((10 * 1024 * 1024) / 24) + 1)}`;
    for (const body of [big, new Blob([big]).stream()]) {
      const response = await fetch(`${app.url}/api/v1/imports?kind=contacts`, {
        method: "POST",
        headers: { authorization: `Bearer ${key.secret}`, "content-type": "text/csv" },
        body,
        ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ type: "https://gatehouse.dev/problems/body-too-large", detail: expect.stringMatching(/larger than 10 MB/) });
    }
    expect(await snapshot()).toEqual(before);
    expect(await db.handle.db.execute(sql`select md5(string_agg(concat_ws('|', id, name, code), ',' order by id)) as r from retailers`)).toEqual(retailersBefore);
  });

  it("the apps' contact endpoints answer hostile queries and ids in the error shape, changing nothing", async () => {
    const session = await fetch(`${app.url}/api/app/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "device@demo.test", password: DEMO_PASSWORD, app: "sales-plus" }),
    });
    const { token } = (await session.json()) as { token: string };
    const foreign = await idOf("contacts", "harbourbuyer");
    const before = await snapshot();
    // An empty id or dot segment is another path (Next.js's 404 page), not this route.
    const contactId = fc.oneof(fc.constant(foreign), fc.uuid(), hostileString.filter((v) => !["", ".", ".."].includes(v)));
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, contactId, async (q, pageNumber, id) => {
        const headers = { authorization: `Bearer ${token}` };
        const search = await fetch(`${app.url}/api/app/contacts?q=${encodeURIComponent(q)}&page=${encodeURIComponent(pageNumber)}`, { headers });
        expect(search.status, q.slice(0, 40)).toBeLessThan(500);
        // 431 comes from the HTTP server itself, for a request line too long to read.
        if (search.status !== 200 && search.status !== 431) expect(await search.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
        const reset = await fetch(`${app.url}/api/app/contacts/${encodeURIComponent(id)}/reset-password`, { method: "POST", headers });
        const answer = `${reset.status} ${(await reset.clone().text()).slice(0, 120)} for ${id.slice(0, 40)}`;
        if (reset.status === 431) return;
        expect(reset.status, answer).toBeGreaterThanOrEqual(400);
        expect(reset.status, answer).toBeLessThan(500);
        expect(reset.headers.get("content-type"), answer).toContain("application/json");
        expect(await reset.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
      }),
      { numRuns: RUNS },
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
    // The fuzzing above may have left no licence free.
    await db.handle.db.execute(sql`update organizations set licence_count = 1000 where slug = 'demo'`);
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
