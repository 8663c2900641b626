import { createElement } from "react";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/infra/database";
import { apiKeys, auditEvents, contacts, devMailbox, emailOutbox, importJobs, organizations, passwordResets, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/lib/infra/demo-seed";
import PasswordChangedEmail from "@/emails/password-changed";
import { enqueueEmail } from "@/lib/mail";
import { RESET_POLICY } from "@/lib/staff/reset-request";
import { LOCKOUT } from "@/lib/credentials/lockout";
import { startFakeResend } from "../helpers/fake-resend";
import { createDatabase, credentialsSignIn, insertApiKey, startInstance, submitForm, waitFor, type Instance } from "./harness";

/**
 * Two `next start` processes on one PostgreSQL database: every limit and every email holds
 * across them. Requests go to both at the same moment (Promise.all), so the counters are raced
 * in the database, not merely shared.
 */
describe("two instances, one database", () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let fake: Awaited<ReturnType<typeof startFakeResend>>;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    db = await createDatabase();
    fake = await startFakeResend();
    const mail = { MAIL_TRANSPORT: "resend", RESEND_API_KEY: "re_reliability", RESEND_BASE_URL: fake.url, API_KEY_RATE_LIMIT: "20" };
    [a, b] = await Promise.all([startInstance(db.url, mail), startInstance(db.url, mail)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await fake?.close();
    await db?.drop();
  });

  const codeFor = async (username: string) => {
    const message = await waitFor(async () => {
      const sent = fake.requests.filter((r) => r.body.to === username || (r.body.to as string[] | undefined)?.includes?.(username));
      return sent.at(-1);
    }, 20_000, `a reset email to ${username}`);
    return /\b(\d{6})\b/.exec(String(message.body.text))![1]!;
  };

  // Half the requests to each instance, all at once.
  const atOnce = <T>(n: number, send: (url: string, i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: n }, (_, i) => send(i % 2 ? b.url : a.url, i)));

  it(`kills a reset after exactly ${RESET_POLICY.maxCodeAttempts} wrong codes sent to both at once`, async () => {
    const username = "dual@demo.test";
    const sent = await submitForm(a.url, "/forgot-password", { email: username });
    expect(sent.status).toBe(200);
    const code = await codeFor(username);
    const wrong = code === "000000" ? "111111" : "000000";
    const fields = (c: string) => ({ username, code: c, newPassword: "Spread-Across-Two-88!", confirmPassword: "Spread-Across-Two-88!" });
    // Two more than allowed: a counter that lost an update or ignored its cap ends off by some.
    const pages = await atOnce(RESET_POLICY.maxCodeAttempts + 2, (url) => submitForm(url, "/reset-password", fields(wrong)));
    for (const page of pages) expect(page.status).toBeLessThan(500);
    const right = await submitForm(b.url, "/reset-password", fields(code));
    expect(right.html).toContain("Too many wrong codes were entered");
    const [reset] = await db.handle.db.select({ attempts: passwordResets.attempts, usedAt: passwordResets.usedAt }).from(passwordResets);
    expect(reset).toEqual({ attempts: RESET_POLICY.maxCodeAttempts, usedAt: null });
    expect((await credentialsSignIn(a.url, username, DEMO_PASSWORD)).cookie).toBeTruthy();
  });

  it(`locks an account after ${LOCKOUT.threshold} wrong passwords sent to both at once`, async () => {
    // Exactly the threshold: the lock comes only when every one of them has counted, so the
    // last to count locks and the others were told "invalid"; a lost update leaves it unlocked.
    const codes = await atOnce(LOCKOUT.threshold, (url, i) => credentialsSignIn(url, "device@demo.test", `wrong-${i}`).then((r) => r.code));
    expect(codes.filter((c) => c === "invalid")).toHaveLength(LOCKOUT.threshold - 1);
    expect(codes.filter((c) => c === "locked")).toHaveLength(1);
    expect((await credentialsSignIn(a.url, "device@demo.test", DEMO_PASSWORD)).code).toBe("locked");
  });

  it(`queues exactly ${RESET_POLICY.emailsPerHour} reset emails per hour to one account asked of both at once`, async () => {
    const username = "scanpack@demo.test";
    const pages = await atOnce(RESET_POLICY.emailsPerHour + 3, (url) => submitForm(url, "/forgot-password", { email: username }));
    for (const page of pages) expect(page.html).toContain("belongs to an account");
    // The page answers before the action's audit of a suppressed request is certain to be
    // read back here; wait for all of them to be accounted for, then count exactly.
    await waitFor(async () => {
      const [row] = await db.handle.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "password.reset_suppressed"));
      return Number(row!.n) >= 3;
    }, 20_000, "three suppressed requests audited");
    const queued = await db.handle.db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, username), eq(emailOutbox.template, "password-reset")));
    expect(queued).toHaveLength(RESET_POLICY.emailsPerHour);
    const suppressed = await db.handle.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.action, "password.reset_suppressed"));
    expect(suppressed.length).toBe(3);
  });

  it("gives the last free licence to exactly one of two admins adding a user on both at once", async () => {
    const admin = await credentialsSignIn(a.url, "admin@demo.test", DEMO_PASSWORD);
    expect(admin.cookie).toBeTruthy();
    const [me] = await db.handle.db.select({ organizationId: users.organizationId }).from(users).where(eq(users.username, "admin@demo.test"));
    const [active] = await db.handle.db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.organizationId, me!.organizationId), eq(users.status, "active")));
    await db.handle.db.update(organizations).set({ licenceCount: Number(active!.n) + 1 }).where(eq(organizations.id, me!.organizationId));
    const names = ["racer-one", "racer-two"];
    const pages = await atOnce(2, (url, i) =>
      submitForm(url, "/admin/users/new", { displayName: `Racer ${i}`, username: names[i]!, emailTo: "", userType: "device" }, admin.cookie!),
    );
    const added = await db.handle.db.select({ username: users.username }).from(users).where(inArray(users.username, names));
    expect(added).toHaveLength(1);
    expect(pages.filter((p) => p.html.includes("No licence is free"))).toHaveLength(1);
  });

  it("refuses a revoked or expired API key at once on both instances", async () => {
    const key = await insertApiKey(db.handle, "demo", "read");
    const get = (url: string, secret: string) => fetch(`${url}/api/v1/retailers`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await Promise.all([get(a.url, key.secret), get(b.url, key.secret)])).map((r) => r.status)).toEqual([200, 200]);
    const dbx = await getDb();
    await dbx.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, key.id));
    const revoked = await Promise.all([get(a.url, key.secret), get(b.url, key.secret)]);
    expect(revoked.map((r) => r.status)).toEqual([401, 401]);
    expect(revoked[0]!.headers.get("content-type")).toBe("application/problem+json");

    const expiring = await insertApiKey(db.handle, "demo", "read", { expiresAt: new Date(Date.now() + 60_000) });
    expect((await Promise.all([get(a.url, expiring.secret), get(b.url, expiring.secret)])).map((r) => r.status)).toEqual([200, 200]);
    await dbx.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(apiKeys.id, expiring.id));
    expect((await Promise.all([get(a.url, expiring.secret), get(b.url, expiring.secret)])).map((r) => r.status)).toEqual([401, 401]);
  });

  it("runs an import started through /api/v1 on one instance; both report it done, and a replay to the other starts nothing", async () => {
    const key = await insertApiKey(db.handle, "demo", "write");
    const csv = "Retailer,Contact name,Username,Email\nCorner Store,Two Hosts,two-hosts-1,two-hosts-1@demo.test\nCorner Store,Two Hosts Too,two-hosts-2,two-hosts-2@demo.test\n";
    const start = (url: string) =>
      fetch(`${url}/api/v1/imports?kind=contacts`, { method: "POST", headers: { authorization: `Bearer ${key.secret}`, "content-type": "text/csv", "idempotency-key": "two-hosts" }, body: csv });
    const started = await start(a.url);
    expect(started.status).toBe(202);
    const job = (await started.json()) as { id: string; status: string };
    expect(job.status).toBe("queued");
    const replay = await start(b.url);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual(job);
    const dbx = await getDb();
    await waitFor(async () => {
      const [row] = await dbx.select({ status: importJobs.status }).from(importJobs).where(eq(importJobs.id, job.id));
      return row?.status === "done";
    }, 30_000, "the import done");
    expect((await dbx.select({ n: count() }).from(importJobs).where(eq(importJobs.createdByApiKey, key.id)))[0]!.n).toBe(1);
    for (const url of [a.url, b.url]) {
      const status = await fetch(`${url}/api/v1/imports/${job.id}`, { headers: { authorization: `Bearer ${key.secret}` } });
      expect(await status.json()).toMatchObject({ status: "done", progress: { total: 2, done: 2, created: 2 } });
    }
    const made = await dbx.select({ n: count() }).from(contacts).where(sql`${contacts.username} like 'two-hosts-%'`);
    expect(made[0]!.n).toBe(2);
  });

  it("spends one API key's rate limit across both instances", async () => {
    const key = await insertApiKey(db.handle, "demo", "read");
    const answers = await atOnce(30, (url) => fetch(`${url}/api/v1/retailers`, { headers: { authorization: `Bearer ${key.secret}` } }));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(20);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(10);
  });

  it("delivers each message once while both sweepers run", async () => {
    const before = fake.requests.length;
    const ids: string[] = [];
    const dbx = await getDb();
    for (let i = 0; i < 30; i++) {
      ids.push(
        await enqueueEmail(dbx, {
          to: `bulk${i}@example.test`,
          subject: "Your Gatehouse password was changed",
          template: "password-changed",
          element: createElement(PasswordChangedEmail, { name: `Bulk ${i}`, changedAt: "now", how: "profile" }),
        }),
      );
    }
    await waitFor(async () => {
      const rows = await dbx.select({ n: sql<number>`count(*)::int` }).from(emailOutbox).where(and(sql`${emailOutbox.id} in ${ids}`, eq(emailOutbox.status, "sent")));
      return Number(rows[0]!.n) === 30;
    }, 30_000, "all 30 messages sent");
    const mine = fake.requests.slice(before).filter((r) => String(r.body.to).startsWith("bulk"));
    expect(mine).toHaveLength(30);
    expect(new Set(mine.map((r) => r.idempotencyKey)).size).toBe(30);
    // Neither instance left a body behind.
    const bodies = await dbx.select({ id: emailOutbox.id }).from(emailOutbox).where(and(sql`${emailOutbox.id} in ${ids}`, sql`${emailOutbox.html} is not null`));
    expect(bodies).toHaveLength(0);
    expect(await dbx.select({ id: devMailbox.id }).from(devMailbox)).toHaveLength(0);
  });
});
