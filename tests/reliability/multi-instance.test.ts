import { createElement } from "react";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvents, devMailbox, emailOutbox, passwordResets } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import PasswordChangedEmail from "@/emails/password-changed";
import { enqueueEmail } from "@/lib/mail";
import { RESET_POLICY } from "@/lib/password-reset";
import { LOCKOUT } from "@/lib/sign-in";
import { startFakeResend } from "../helpers/fake-resend";
import { createDatabase, credentialsSignIn, startInstance, submitForm, waitFor, type Instance } from "./harness";

/** Two `npm start` processes on one PostgreSQL database: every limit and every email holds across them. */
describe("two instances, one database", () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let fake: Awaited<ReturnType<typeof startFakeResend>>;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    db = await createDatabase();
    fake = await startFakeResend();
    const mail = { MAIL_TRANSPORT: "resend", RESEND_API_KEY: "re_reliability", RESEND_BASE_URL: fake.url };
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

  it(`kills a reset after ${RESET_POLICY.maxCodeAttempts} wrong codes spread across both`, async () => {
    const username = "dual@demo.test";
    const sent = await submitForm(a.url, "/forgot-password", { email: username });
    expect(sent.status).toBe(200);
    const code = await codeFor(username);
    const wrong = code === "000000" ? "111111" : "000000";
    const fields = (c: string) => ({ username, code: c, newPassword: "Spread-Across-Two-88!", confirmPassword: "Spread-Across-Two-88!" });
    for (let i = 0; i < RESET_POLICY.maxCodeAttempts; i++) {
      const page = await submitForm(i % 2 ? b.url : a.url, "/reset-password", fields(wrong));
      expect(page.status).toBeLessThan(500);
    }
    const right = await submitForm(b.url, "/reset-password", fields(code));
    expect(right.html).toContain("Too many wrong codes were entered");
    const [reset] = await db.handle.db.select({ attempts: passwordResets.attempts, usedAt: passwordResets.usedAt }).from(passwordResets);
    expect(reset).toEqual({ attempts: RESET_POLICY.maxCodeAttempts, usedAt: null });
    expect((await credentialsSignIn(a.url, username, DEMO_PASSWORD)).cookie).toBeTruthy();
  });

  it(`locks an account after ${LOCKOUT.threshold} wrong passwords spread across both`, async () => {
    for (let i = 0; i < LOCKOUT.threshold - 1; i++) {
      expect((await credentialsSignIn(i % 2 ? b.url : a.url, "device@demo.test", `wrong-${i}`)).code).toBe("invalid");
    }
    expect((await credentialsSignIn(b.url, "device@demo.test", "wrong-last")).code).toBe("locked");
    expect((await credentialsSignIn(a.url, "device@demo.test", DEMO_PASSWORD)).code).toBe("locked");
  });

  it(`sends at most ${RESET_POLICY.emailsPerHour} reset emails per hour to one account across both`, async () => {
    const username = "scanpack@demo.test";
    for (let i = 0; i < RESET_POLICY.emailsPerHour + 3; i++) {
      const page = await submitForm(i % 2 ? b.url : a.url, "/forgot-password", { email: username });
      expect(page.html).toContain("belongs to an account");
    }
    await new Promise((r) => setTimeout(r, 3000));
    const queued = await db.handle.db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, username), eq(emailOutbox.template, "password-reset")));
    expect(queued).toHaveLength(RESET_POLICY.emailsPerHour);
    const suppressed = await db.handle.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.action, "password.reset_suppressed"));
    expect(suppressed.length).toBe(3);
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
