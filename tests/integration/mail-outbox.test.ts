import { createElement } from "react";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/infra/database";
import { auditEvents, contacts, devMailbox, emailOutbox, organizations } from "@/db/schema";
import { seedDemo } from "@/lib/infra/demo-seed";
import { requestContactPasswordReset } from "@/lib/contacts/temporary-passwords";
import PasswordChangedEmail from "@/emails/password-changed";
import { deliverDueEmails, enqueueEmail, MAIL_DELIVERY, setTransport } from "@/lib/mail";
import { retryDelaySeconds } from "@/lib/mail/outbox";
import { devTransport, resendTransport, type MailTransport } from "@/lib/mail/transports";
import { startFakeResend } from "../helpers/fake-resend";

const element = createElement(PasswordChangedEmail, { name: "Jane <script>", changedAt: "today", how: "profile" });

async function outboxRow(id: string) {
  const db = await getDb();
  const [row] = await db
    .select({ status: emailOutbox.status, attempts: emailOutbox.attempts, html: emailOutbox.html, text: emailOutbox.text, nextAttemptAt: emailOutbox.nextAttemptAt, lastError: emailOutbox.lastError })
    .from(emailOutbox)
    .where(eq(emailOutbox.id, id));
  return row!;
}

async function enqueue(to = "jane@example.test") {
  const db = await getDb();
  return enqueueEmail(db, { to, subject: "Your password was changed", template: "password-changed", element });
}

/** Makes every pending message due now. */
async function makeDue() {
  const db = await getDb();
  await db.update(emailOutbox).set({ nextAttemptAt: new Date(Date.now() - 1000), lockedUntil: null }).where(eq(emailOutbox.status, "pending"));
}

describe("email outbox", () => {
  beforeEach(async () => {
    const db = await getDb();
    await db.delete(emailOutbox);
    await db.delete(devMailbox);
    setTransport(devTransport);
  });

  it("renders the template, escaping user-supplied text", async () => {
    const row = await outboxRow(await enqueue());
    expect(row.html).toContain("Jane &lt;script&gt;");
    expect(row.html).not.toContain("<script>");
    expect(row.text).toMatch(/your password was changed/i);
  });

  it("writes nothing when the surrounding transaction rolls back", async () => {
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await enqueueEmail(tx, { to: "x@example.test", subject: "s", template: "t", element });
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    expect(await db.select({ id: emailOutbox.id }).from(emailOutbox)).toHaveLength(0);
  });

  it("delivers through the dev transport once and purges the stored body", async () => {
    const id = await enqueue();
    expect(await deliverDueEmails()).toBe(1);
    expect(await deliverDueEmails()).toBe(0);
    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, html: null, text: null });
    const db = await getDb();
    const inbox = await db.select({ to: devMailbox.toAddress, text: devMailbox.text }).from(devMailbox);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.text).toContain("Every other session");
  });

  it("retries a failing provider with backoff, then marks the message failed and audits it", async () => {
    const failing: MailTransport = { name: "down", send: vi.fn(async () => ({ ok: false as const, error: "provider down" })) };
    setTransport(failing);
    const id = await enqueue();
    // The next attempt is scheduled on the database's clock, read around the failed attempt.
    const dbNow = async () => {
      const result = await (await getDb()).execute(sql`select now() as now`);
      const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { now: Date | string }[];
      return rows[0]!.now;
    };
    const attemptedFrom = new Date(await dbNow()).getTime();
    expect(await deliverDueEmails()).toBe(0);
    const attemptedBy = new Date(await dbNow()).getTime();
    let row = await outboxRow(id);
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(attemptedFrom + MAIL_DELIVERY.retryBaseSeconds * 1000);
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(attemptedBy + MAIL_DELIVERY.retryBaseSeconds * 1000);
    expect(row.html).not.toBeNull();
    // Not due yet: the sweeper leaves it alone.
    expect(await deliverDueEmails()).toBe(0);
    expect(failing.send).toHaveBeenCalledTimes(1);

    for (let i = 2; i <= MAIL_DELIVERY.maxAttempts; i++) {
      await makeDue();
      await deliverDueEmails();
    }
    row = await outboxRow(id);
    expect(row).toMatchObject({ status: "failed", attempts: MAIL_DELIVERY.maxAttempts, html: null, text: null, lastError: "provider down" });
    const db = await getDb();
    const audits = await db.select({ details: auditEvents.details }).from(auditEvents).where(eq(auditEvents.action, "email.failed"));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toMatchObject({ emailId: id, attempts: MAIL_DELIVERY.maxAttempts });
  });

  it("backs off exponentially and honours Retry-After", () => {
    const base = MAIL_DELIVERY.retryBaseSeconds;
    expect(retryDelaySeconds(1)).toBe(base);
    expect(retryDelaySeconds(2)).toBe(base * 2);
    expect(retryDelaySeconds(4)).toBe(base * 8);
    expect(retryDelaySeconds(1, base * 10)).toBe(base * 10);
    expect(retryDelaySeconds(30)).toBe(3600);
  });

  it("does not hand a leased message to a second sender", async () => {
    const id = await enqueue();
    const db = await getDb();
    await db.update(emailOutbox).set({ lockedUntil: new Date(Date.now() + 60_000) }).where(eq(emailOutbox.id, id));
    expect(await deliverDueEmails()).toBe(0);
    // The lease runs out (its sender died): another sender picks it up.
    await db.update(emailOutbox).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(emailOutbox.id, id));
    expect(await deliverDueEmails()).toBe(1);
  });

  it("sends each message once when two senders run at the same time", async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => enqueue(`user${i}@example.test`)));
    const [a, b] = await Promise.all([deliverDueEmails(), deliverDueEmails()]);
    expect(a + b).toBe(10);
    const db = await getDb();
    expect(await db.select({ id: devMailbox.id }).from(devMailbox)).toHaveLength(10);
    for (const id of ids) expect((await outboxRow(id)).status).toBe("sent");
  });

  describe("through the real Resend client against a local fake", () => {
    let fake: Awaited<ReturnType<typeof startFakeResend>>;
    beforeAll(async () => {
      fake = await startFakeResend();
      process.env.RESEND_BASE_URL = fake.url;
    });
    afterAll(async () => {
      delete process.env.RESEND_BASE_URL;
      await fake.close();
    });

    it("retries 500 and 429 (waiting at least Retry-After) and sends once with an idempotency key", async () => {
      setTransport(resendTransport("re_test_key"));
      fake.script({ kind: "error", status: 500 }, { kind: "error", status: 429, retryAfter: 120 });
      const id = await enqueue("resend@example.test");

      await deliverDueEmails();
      expect((await outboxRow(id)).status).toBe("pending");
      await makeDue();
      await deliverDueEmails();
      const afterThrottle = await outboxRow(id);
      expect(afterThrottle.status).toBe("pending");
      expect(afterThrottle.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 110_000);

      await makeDue();
      expect(await deliverDueEmails()).toBe(1);
      expect(await outboxRow(id)).toMatchObject({ status: "sent", attempts: 3, html: null, text: null });
      const mine = fake.requests.filter((r) => r.body.to === "resend@example.test" || (r.body.to as string[])?.includes?.("resend@example.test"));
      expect(mine).toHaveLength(3);
      expect(new Set(mine.map((r) => r.idempotencyKey))).toEqual(new Set([`gatehouse-${id}`]));
      expect(mine[0]!.body.subject).toBe("Your password was changed");
    });

    /** A storefront reset for Bea Buyer of the demo organization, delivered through Resend. */
    async function contactResetAs(organizationName: string) {
      const db = await getDb();
      await seedDemo(db);
      const [demo] = await db.update(organizations).set({ name: organizationName }).where(eq(organizations.slug, "demo")).returning({ id: organizations.id });
      await db.update(contacts).set({ tempPasswordHash: null }).where(eq(contacts.username, "cornerbuyer"));
      setTransport(resendTransport("re_test_key"));
      const before = fake.requests.length;
      const result = await requestContactPasswordReset(demo!.id, "cornerbuyer", { ip: `10.9.${before}.1`, userAgent: "vitest" });
      expect(result.status).toBe("accepted");
      const [row] = await db.select({ id: emailOutbox.id, fromName: emailOutbox.fromName, html: emailOutbox.html }).from(emailOutbox).where(eq(emailOutbox.toAddress, "buyer@cornerstore.test"));
      await deliverDueEmails();
      await vi.waitFor(() => expect(fake.requests.length).toBeGreaterThan(before));
      return { row: row!, request: fake.requests.slice(before).find((r) => r.idempotencyKey === `gatehouse-${row!.id}`)! };
    }

    it("sends a contact's email as their organization, heading it with the organization's name", async () => {
      const { row, request } = await contactResetAs("Demo Wholesale");
      expect(row.fromName).toBe("Demo Wholesale");
      expect(row.html).toMatch(/>Demo Wholesale<\/p>/);
      expect(row.html).not.toContain("Gatehouse");
      expect(request.body.from).toBe('"Demo Wholesale" <no-reply@gatehouse.test>');
      // Staff emails keep the product's sender.
      const staff = await enqueue("staff@example.test");
      await deliverDueEmails();
      const staffRequest = fake.requests.find((r) => r.idempotencyKey === `gatehouse-${staff}`);
      expect(staffRequest?.body.from).toBe("Gatehouse <no-reply@gatehouse.test>");
    });

    it("cannot be made to add a header or a recipient by the organization's name", async () => {
      const hostile = 'Evil" <attacker@evil.test>,\r\nBcc: victim@evil.test\r\n\\"x';
      const { request } = await contactResetAs(hostile);
      const from = request.body.from as string;
      expect(from).not.toMatch(/[\r\n]/);
      expect(from).toBe('"Evil\\" <attacker@evil.test>, Bcc: victim@evil.test \\\\\\"x" <no-reply@gatehouse.test>');
      // Read back as RFC 5322 does: one quoted display name, then the one real address.
      const parsed = /^"((?:[^"\\]|\\.)*)" <([^<>]+)>$/.exec(from);
      expect(parsed?.[2]).toBe("no-reply@gatehouse.test");
      expect(parsed?.[1]!.replace(/\\(.)/g, "$1")).toBe('Evil" <attacker@evil.test>, Bcc: victim@evil.test \\"x');
    });

    it("gives up at once on a permanent 4xx", async () => {
      setTransport(resendTransport("re_test_key"));
      fake.script({ kind: "error", status: 422 });
      const id = await enqueue("bad@example.test");
      await deliverDueEmails();
      expect((await outboxRow(id)).status).toBe("failed");
    });
  });
});
