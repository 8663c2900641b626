import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.APP_URL = "https://gatehouse.example.test";
});

import { getDb } from "@/lib/infra/database";
import { appSessions, auditEvents, emailOutbox, passwordHistory, passwordResets, rateLimits, users } from "@/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@/lib/infra/demo-seed";
import { setTransport } from "@/lib/mail";
import { changePassword } from "@/lib/staff/password-change";
import { checkResetUsername, createInvite, requestPasswordReset, RESET_POLICY } from "@/lib/staff/reset-request";
import { completePasswordReset, inspectResetToken } from "@/lib/staff/reset-completion";
import { signInStaff } from "@/lib/staff/sign-in";
import { digestToken } from "@/lib/credentials/tokens";
import { findUserByUsername } from "@/lib/staff/accounts";
import { countEmailsTo, latestEmailTo, resetSecretsOf } from "../helpers/outbox";

const NEW_PASSWORD = "Violet-Harbour-Lamp-42!";
let ipCounter = 0;
const meta = () => ({ ip: `192.0.2.${++ipCounter}`, userAgent: "vitest" });

async function requestAndRead(username: string) {
  const result = await requestPasswordReset(username, meta(), { via: "login" });
  expect(result.status).toBe("sent");
  const email = await latestEmailTo(username);
  return { ...resetSecretsOf(email!), email: email! };
}

async function userState(username: string) {
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id, hash: users.passwordHash, sv: users.sessionVersion, changedAt: users.passwordChangedAt })
    .from(users)
    .where(eq(users.username, username));
  return row!;
}

const complete = (token: string, code: string, password = NEW_PASSWORD, confirm = password) =>
  completePasswordReset({ token, code, newPassword: password, confirmPassword: confirm }, meta());

const signsIn = async (username: string, password: string) => (await signInStaff({ username, password }, meta())).ok;

describe("staff password reset", () => {
  beforeAll(async () => {
    // Keep messages in the outbox: delivery (tested in mail-outbox.test.ts) purges their bodies,
    // and after a request it runs concurrently with the test reading them.
    setTransport(null);
    await seedDemo(await getDb());
  });

  beforeEach(async () => {
    const db = await getDb();
    // Each test starts from the demo password with no resets and fresh budgets.
    await db.delete(passwordResets);
    await db.delete(rateLimits);
    await db.delete(emailOutbox);
    // Tests put the demo password back by hand; the history must not remember the detour.
    await db.delete(passwordHistory);
  });

  it("says which usernames can be reset by email", async () => {
    expect(await checkResetUsername("ADMIN@demo.test", meta())).toEqual({ status: "ok", email: "admin@demo.test" });
    expect(await checkResetUsername("warehouse7", meta())).toEqual({ status: "not_email" });
    expect(await checkResetUsername("nobody@demo.test", meta())).toEqual({ status: "unknown" });
  });

  it("stores only digests, sends to the username address with an APP_URL link, and changes nothing yet", async () => {
    const before = await userState("device@demo.test");
    const requestedFrom = Date.now();
    const { token, code, email } = await requestAndRead("device@demo.test");
    const requestedBy = Date.now();
    expect(email.text).toContain(`https://gatehouse.example.test/reset-password?token=${token}`);
    expect(email.text).toContain(`${RESET_POLICY.resetTtlMinutes} minutes`);
    // Device user's "email to" is devon.personal@demo.test: resets never go there.
    expect(await countEmailsTo("devon.personal@demo.test")).toBe(0);

    const db = await getDb();
    const [row] = await db.select().from(passwordResets).where(eq(passwordResets.userId, before.id));
    expect(row!.tokenHash).toBe(digestToken(token));
    expect(row!.tokenHash).not.toContain(token);
    expect(row!.codeHash).toMatch(/^\$argon2id\$/);
    expect(row!.codeHash).not.toContain(code);
    expect(row!.purpose).toBe("reset");
    // Exactly the reset's life after the moment of the request (the clock was read around it).
    const ttl = RESET_POLICY.resetTtlMinutes * 60_000;
    expect(row!.expiresAt.getTime()).toBeGreaterThanOrEqual(requestedFrom + ttl);
    expect(row!.expiresAt.getTime()).toBeLessThanOrEqual(requestedBy + ttl);

    expect(await userState("device@demo.test")).toEqual(before);
    expect(await signsIn("device@demo.test", DEMO_PASSWORD)).toBe(true);
    // Opening the link consumes nothing.
    expect((await inspectResetToken(token)).status).toBe("valid");
    expect((await inspectResetToken(token)).status).toBe("valid");
  });

  it("saves the new password once, ends every session and app token, and does not sign in", async () => {
    const before = await userState("scanpack@demo.test");
    const db = await getDb();
    await db.insert(appSessions).values({ tokenHash: "app-token-digest", userId: before.id, app: "scanpack", sessionVersion: before.sv, expiresAt: new Date(Date.now() + 86400_000) });
    const { token, code } = await requestAndRead("scanpack@demo.test");

    expect(await complete(token, code)).toEqual({ ok: true, userType: "scanpack", purpose: "reset" });
    const after = await userState("scanpack@demo.test");
    expect(after.sv).toBe(before.sv + 1);
    expect(after.hash).not.toBe(before.hash);
    const [app] = await db.select({ revokedAt: appSessions.revokedAt }).from(appSessions).where(eq(appSessions.userId, before.id));
    expect(app!.revokedAt).toBeInstanceOf(Date);
    expect(await signsIn("scanpack@demo.test", DEMO_PASSWORD)).toBe(false);
    expect(await signsIn("scanpack@demo.test", NEW_PASSWORD)).toBe(true);
    expect((await latestEmailTo("scanpack@demo.test"))!.template).toBe("password-changed");
    const audits = await db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.targetId, before.id), eq(auditEvents.action, "password.reset_completed")));
    expect(audits).toHaveLength(1);

    // Single use.
    const again = await complete(token, code, "Another-Strong-Pass-77!");
    expect(again.ok).toBe(false);
    expect(await signsIn("scanpack@demo.test", NEW_PASSWORD)).toBe(true);
    await db.update(users).set({ passwordHash: before.hash }).where(eq(users.id, before.id));
  });

  it(`dies after ${RESET_POLICY.maxCodeAttempts} wrong codes: the right code then fails too`, async () => {
    const before = await userState("dual@demo.test");
    const { token, code } = await requestAndRead("dual@demo.test");
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 1; i < RESET_POLICY.maxCodeAttempts; i++) {
      const r = await complete(token, wrong);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.fieldErrors?.code).toMatch(new RegExp(`${RESET_POLICY.maxCodeAttempts - i} tr(y|ies) left`));
    }
    const last = await complete(token, wrong);
    expect(last).toMatchObject({ ok: false, linkDead: true });
    const right = await complete(token, code);
    expect(right).toMatchObject({ ok: false, reason: "too_many_attempts", linkDead: true });
    expect(await userState("dual@demo.test")).toEqual(before);
  });

  it("expires after its lifetime", async () => {
    const { token, code } = await requestAndRead("admin@demo.test");
    const db = await getDb();
    await db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.tokenHash, digestToken(token)));
    expect(await complete(token, code)).toMatchObject({ ok: false, reason: "expired" });
    expect(await inspectResetToken(token)).toMatchObject({ status: "unusable" });
  });

  it("is killed by a newer request and by a password change", async () => {
    const first = await requestAndRead("admin@demo.test");
    const second = await requestAndRead("admin@demo.test");
    expect(await complete(first.token, first.code)).toMatchObject({ ok: false, reason: "replaced" });

    const admin = (await findUserByUsername("admin@demo.test"))!;
    const demoHash = (await userState("admin@demo.test")).hash;
    const changed = await changePassword(admin, { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, meta());
    expect(changed.ok).toBe(true);
    expect(await complete(second.token, second.code, "Yet-Another-Pass-91!")).toMatchObject({ ok: false });
    expect(await signsIn("admin@demo.test", NEW_PASSWORD)).toBe(true);
    // Back to the demo password for the other tests (password history would refuse it as a change).
    await (await getDb()).update(users).set({ passwordHash: demoHash }).where(eq(users.id, admin.id));
  });

  it(`sends at most ${RESET_POLICY.emailsPerHour} reset emails per account per hour, answering the same`, async () => {
    for (let i = 0; i < RESET_POLICY.emailsPerHour; i++) {
      expect((await requestPasswordReset("dual@demo.test", meta(), { via: "forgot-password" })).status).toBe("sent");
    }
    expect((await requestPasswordReset("dual@demo.test", meta(), { via: "forgot-password" })).status).toBe("suppressed");
    expect(await countEmailsTo("dual@demo.test", "password-reset")).toBe(RESET_POLICY.emailsPerHour);
    const db = await getDb();
    const suppressed = await db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.action, "password.reset_suppressed"));
    expect(suppressed.length).toBeGreaterThanOrEqual(1);
  });

  it("accepts exactly one of two concurrent submissions of the right code", async () => {
    const before = await userState("device@demo.test");
    const { token, code } = await requestAndRead("device@demo.test");
    const results = await Promise.all([complete(token, code), complete(token, code, "Second-Strong-Pass-58!")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await userState("device@demo.test")).sv).toBe(before.sv + 1);
    const db = await getDb();
    await db.update(users).set({ passwordHash: before.hash }).where(eq(users.id, before.id));
  });

  it("refuses a mismatch, a weak password, the username and 129+ characters, changing nothing", async () => {
    const before = await userState("admin@demo.test");
    const { token, code } = await requestAndRead("admin@demo.test");
    const cases: [string, string, string, RegExp][] = [
      [NEW_PASSWORD, "Different-Pass-11!", "confirmPassword", /do not match/],
      ["password", "password", "newPassword", /upper-case|number|symbol|8 characters/],
      ["Aaaaaaa1!", "Aaaaaaa1!", "newPassword", /too easy to guess|too common/],
      ["Admin@demo.test", "Admin@demo.test", "newPassword", /not be your username/],
      [`Aa1!${"x".repeat(125)}`, `Aa1!${"x".repeat(125)}`, "newPassword", /at most 128/],
    ];
    for (const [password, confirm, field, message] of cases) {
      const r = await complete(token, code, password, confirm);
      expect(r.ok, password.slice(0, 20)).toBe(false);
      if (!r.ok) expect((r.fieldErrors as Record<string, string>)?.[field], password.slice(0, 20)).toMatch(message);
    }
    expect(await userState("admin@demo.test")).toEqual(before);
    const db = await getDb();
    const [row] = await db.select({ attempts: passwordResets.attempts, usedAt: passwordResets.usedAt }).from(passwordResets).where(eq(passwordResets.tokenHash, digestToken(token)));
    expect(row).toEqual({ attempts: 0, usedAt: null });
  });

  it("works without the link when the username is given (another device)", async () => {
    const before = await userState("dual@demo.test");
    const { code } = await requestAndRead("dual@demo.test");
    const wrongUser = await completePasswordReset({ username: "admin@demo.test", code, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, meta());
    expect(wrongUser.ok).toBe(false);
    const ok = await completePasswordReset({ username: "DUAL@demo.test", code, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, meta());
    expect(ok).toMatchObject({ ok: true, userType: "dual" });
    const db = await getDb();
    await db.update(users).set({ passwordHash: before.hash }).where(eq(users.id, before.id));
  });

  it("creates 48-hour invites with the same link and code", async () => {
    const user = (await findUserByUsername("dual@demo.test"))!;
    const admin = (await findUserByUsername("admin@demo.test"))!;
    const db = await getDb();
    const invitedFrom = Date.now();
    await db.transaction((tx) => createInvite(tx, user, meta(), { id: admin.id, organizationId: admin.organizationId }));
    const invitedBy = Date.now();
    const email = (await latestEmailTo("dual@demo.test"))!;
    expect(email.subject).toBe("Create your Gatehouse password");
    expect(email.text).toContain(`${RESET_POLICY.inviteTtlHours} hours`);
    const { token, code } = resetSecretsOf(email);
    const [row] = await db.select({ purpose: passwordResets.purpose, expiresAt: passwordResets.expiresAt }).from(passwordResets).where(eq(passwordResets.tokenHash, digestToken(token)));
    expect(row!.purpose).toBe("invite");
    const ttl = RESET_POLICY.inviteTtlHours * 3_600_000;
    expect(row!.expiresAt.getTime()).toBeGreaterThanOrEqual(invitedFrom + ttl);
    expect(row!.expiresAt.getTime()).toBeLessThanOrEqual(invitedBy + ttl);
    expect(await complete(token, code)).toMatchObject({ ok: true, purpose: "invite" });
    await db.update(users).set({ passwordHash: (await userState("admin@demo.test")).hash }).where(eq(users.id, user.id));
  });
});

describe("Profile Settings password change", () => {
  it("counts a wrong existing password against the lock-out and changes nothing", async () => {
    const db = await getDb();
    const user = (await findUserByUsername("scanpack@demo.test"))!;
    const before = await userState("scanpack@demo.test");
    const r = await changePassword(user, { currentPassword: "wrong", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, meta());
    expect(r).toEqual({ ok: false, fieldErrors: { currentPassword: "That is not your existing password." } });
    const [row] = await db.select({ failed: users.failedSignIns }).from(users).where(eq(users.id, user.id));
    expect(row!.failed).toBe(1);
    expect(await userState("scanpack@demo.test")).toEqual(before);
  });
});
