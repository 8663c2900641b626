import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, emailOutbox, rateLimits, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/lib/infra/demo-seed";
import { startFakeResend } from "../helpers/fake-resend";
import { createDatabase, credentialsSignIn, mailTextsOf, startInstance, submitForm, waitFor, type Instance } from "./harness";

/** The email provider fails in every way it can; users never notice and nothing is sent twice. */
describe("email provider faults", () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let fake: Awaited<ReturnType<typeof startFakeResend>>;
  let env: Record<string, string>;
  const running: Instance[] = [];

  const start = async (extra: Record<string, string> = {}) => {
    const instance = await startInstance(db.url, { ...env, ...extra });
    running.push(instance);
    return instance;
  };

  const latestReset = async (to: string) => {
    const [row] = await db.handle.db
      .select({ id: emailOutbox.id, status: emailOutbox.status, attempts: emailOutbox.attempts, html: emailOutbox.html, lastError: emailOutbox.lastError })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.template, "password-reset")))
      .orderBy(desc(emailOutbox.createdAt))
      .limit(1);
    return row;
  };
  // A send timeout the test outlives: the kill lands while the sender holds its lease
  // (three timeouts long, lib/mail/outbox.ts), not after the client gave up and released it.
  const slowSend = { MAIL_SEND_TIMEOUT_MS: "4000" };
  const sendsFor = (id: string) => fake.requests.filter((r) => r.idempotencyKey === `gatehouse-${id}`);

  beforeAll(async () => {
    db = await createDatabase();
    fake = await startFakeResend();
    env = {
      MAIL_TRANSPORT: "resend",
      RESEND_API_KEY: "re_reliability",
      RESEND_BASE_URL: fake.url,
      MAIL_SEND_TIMEOUT_MS: "1000",
      MAIL_MAX_ATTEMPTS: "4",
      RESET_EMAILS_PER_HOUR: "100",
    };
  }, 60_000);

  beforeEach(async () => {
    await db.handle.db.delete(rateLimits);
  });

  afterAll(async () => {
    await Promise.all(running.map((i) => i.stop()));
    await fake?.close();
    await db?.drop(fake ? mailTextsOf(fake) : []);
  });

  it("answers the user while the provider has not answered, then retries with backoff until it delivers once", async () => {
    const app = await start();
    // The first send is held open until the page has answered: an answer that waited for the
    // provider would never come, rather than come late (no stopwatch on a shared machine).
    fake.script({ kind: "hold" }, { kind: "error", status: 429, retryAfter: 1 }, { kind: "hang" });
    const page = await submitForm(app.url, "/forgot-password", { email: "dual@demo.test" });
    expect(page.status).toBe(200);
    expect(page.html).toContain("belongs to an account");
    await waitFor(async () => fake.holding() === 1, 20_000, "the first send, held open");
    fake.release({ kind: "error", status: 500 });

    const row = await waitFor(async () => {
      const r = await latestReset("dual@demo.test");
      return r?.status === "sent" ? r : undefined;
    }, 40_000, "delivery after the provider recovers");
    expect(row.attempts).toBe(4);
    expect(row.html).toBeNull();
    // 500, 429, a timeout, then accepted: the same idempotency key each time, accepted once.
    expect(sendsFor(row.id)).toHaveLength(4);
    expect(fake.acceptances.filter((k) => k === `gatehouse-${row.id}`)).toHaveLength(1);
    await app.stop();
  });

  it("delivers exactly once, after the lease runs out, a message whose sender was killed mid-send", async () => {
    const first = await start(slowSend);
    const sentBefore = fake.requests.length;
    fake.script({ kind: "hold" });
    await submitForm(first.url, "/forgot-password", { email: "admin@other.test" });
    await waitFor(async () => fake.holding() === 1, 20_000, "the send, held open by the provider");
    await first.stop("SIGKILL");
    // Killed while holding the lease: claimed once, nothing recorded, the lease still running.
    const leased = await latestReset("admin@other.test");
    const [lease] = await db.handle.db
      .select({ lockedUntil: emailOutbox.lockedUntil, live: sql<boolean>`${emailOutbox.lockedUntil} > now()` })
      .from(emailOutbox)
      .where(eq(emailOutbox.id, leased!.id));
    expect(leased).toMatchObject({ status: "pending", attempts: 1, lastError: null });
    expect(lease!.live).toBe(true);

    const second = await start(slowSend);
    const row = await waitFor(async () => {
      const r = await latestReset("admin@other.test");
      return r?.status === "sent" ? r : undefined;
    }, 60_000, "delivery by another instance once the lease ran out");
    const sends = fake.requests.slice(sentBefore).filter((r) => r.idempotencyKey === `gatehouse-${row.id}`);
    expect(sends).toHaveLength(2);
    expect(sends[1]!.at).toBeGreaterThanOrEqual(lease!.lockedUntil!.getTime());
    expect(row.attempts).toBe(2);
    expect(fake.acceptances.filter((k) => k === `gatehouse-${row.id}`)).toHaveLength(1);
    await second.stop();
  });

  it("still delivers a message when the app is killed after a failed attempt", async () => {
    const first = await start();
    fake.script({ kind: "error", status: 503 });
    await submitForm(first.url, "/forgot-password", { email: "scanpack@demo.test" });
    const pending = await waitFor(async () => {
      const r = await latestReset("scanpack@demo.test");
      return r && r.attempts >= 1 ? r : undefined;
    }, 20_000, "a failed first attempt");
    expect(pending.status).toBe("pending");
    await first.stop("SIGKILL");

    const second = await start();
    const row = await waitFor(async () => {
      const r = await latestReset("scanpack@demo.test");
      return r?.status === "sent" ? r : undefined;
    }, 40_000, "delivery by the restarted app");
    expect(fake.acceptances.filter((k) => k === `gatehouse-${row.id}`)).toHaveLength(1);
    expect(sendsFor(row.id).length).toBe(2);
    await second.stop();
  });

  it("gives up after the retry budget, records it, and shows the admin on the user's details", async () => {
    const app = await start();
    fake.script(...Array.from({ length: 4 }, () => ({ kind: "error" as const, status: 500 })));
    await submitForm(app.url, "/forgot-password", { email: "device@demo.test" });
    const row = await waitFor(async () => {
      const r = await latestReset("device@demo.test");
      return r?.status === "failed" ? r : undefined;
    }, 60_000, "the message to be marked failed");
    expect(row).toMatchObject({ attempts: 4, html: null });
    const [device] = await db.handle.db.select({ id: users.id }).from(users).where(eq(users.username, "device@demo.test"));
    const audits = await db.handle.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "email.failed"), eq(auditEvents.targetId, device!.id)));
    expect(audits).toHaveLength(1);

    const admin = await credentialsSignIn(app.url, "admin@demo.test", DEMO_PASSWORD);
    expect(admin.cookie).toBeTruthy();
    const details = await fetch(`${app.url}/admin/users/${device!.id}`, { headers: { cookie: admin.cookie! } });
    const html = await details.text();
    expect(html).toContain("Reset your Gatehouse password");
    expect(html).toContain("Failed");
    await app.stop();
  });
});
