import { and, asc, eq, gt, inArray, isNull, max } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/infra/database";
import { auditEvents, passwordResets, rateLimits, users } from "@/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@/lib/infra/demo-seed";
import { changePassword } from "@/lib/staff/password-change";
import { requestPasswordReset } from "@/lib/staff/reset-request";
import { completePasswordReset } from "@/lib/staff/reset-completion";
import { signInStaff } from "@/lib/staff/sign-in";
import { editUser } from "@/lib/staff/admin";
import { findUserByUsername } from "@/lib/staff/accounts";
import { latestEmailTo, resetSecretsOf } from "../helpers/outbox";

const meta = (i = 0) => ({ ip: `203.0.113.${100 + (i % 100)}`, userAgent: "vitest" });

async function state(username: string) {
  const db = await getDb();
  const [row] = await db
    .select({ hash: users.passwordHash, sv: users.sessionVersion })
    .from(users)
    .where(eq(users.username, username));
  return row!;
}

// PGlite has one connection, so there the racing calls queue and run one after another; only
// PostgreSQL (DATABASE_URL) makes them overlap. The name says which one a report is about.
describe(process.env.DATABASE_URL ? "races (PostgreSQL, overlapping)" : "races (PGlite: one connection, run one after another)", () => {
  beforeAll(async () => {
    await seedDemo(await getDb());
  });

  it("the same right code submitted 20 times at once succeeds exactly once", async () => {
    const before = await state("device@demo.test");
    expect((await requestPasswordReset("device@demo.test", meta(), { via: "login" })).status).toBe("sent");
    const { token, code } = resetSecretsOf((await latestEmailTo("device@demo.test"))!);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        completePasswordReset({ token, code, newPassword: `Parallel-Lantern-${i}-x!`, confirmPassword: `Parallel-Lantern-${i}-x!` }, meta(i)),
      ),
    );
    const winners = results.map((r, i) => (r.ok ? i : -1)).filter((i) => i >= 0);
    expect(winners).toHaveLength(1);
    expect((await state("device@demo.test")).sv).toBe(before.sv + 1);
    // The saved password is the winner's, and only it signs in.
    expect((await signInStaff({ username: "device@demo.test", password: `Parallel-Lantern-${winners[0]}-x!` }, meta())).ok).toBe(true);
  });

  it("reset requests racing each other and a password change end consistent: no live reset outlives the change", async () => {
    const user = (await findUserByUsername("scanpack@demo.test"))!;
    const db = await getDb();
    await db.delete(rateLimits);
    // One reset already open before the race, and two more requested while the password
    // changes: without the row lock and the voiding, two or three would be left open.
    expect((await requestPasswordReset("scanpack@demo.test", meta(), { via: "login" })).status).toBe("sent");
    const [{ lastAudit }] = (await db.select({ lastAudit: max(auditEvents.id) }).from(auditEvents)) as [{ lastAudit: number }];
    const newPassword = "Racing-Copper-Kettle-19!";
    const [first, second, changed] = await Promise.all([
      requestPasswordReset("scanpack@demo.test", meta(1), { via: "login" }),
      requestPasswordReset("scanpack@demo.test", meta(2), { via: "login" }),
      changePassword(user, { currentPassword: DEMO_PASSWORD, newPassword, confirmPassword: newPassword }, meta()),
    ]);
    expect([first.status, second.status]).toEqual(["sent", "sent"]);
    expect(changed.ok).toBe(true);
    const all = await db.select({ id: passwordResets.id }).from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(all).toHaveLength(3);
    expect((await signInStaff({ username: "scanpack@demo.test", password: newPassword }, meta())).ok).toBe(true);
    // They ran one after another on the user's row, each writing its audit while holding the
    // row, so the audit ids give the order. Each request voids the ones before it and the change
    // voids all: exactly the last request stays open if it came after the change, else none.
    const order = await db
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(and(gt(auditEvents.id, lastAudit), eq(auditEvents.targetId, user.id), inArray(auditEvents.action, ["password.reset_requested", "password.changed"])))
      .orderBy(asc(auditEvents.id));
    expect(order.map((e) => e.action).sort()).toEqual(["password.changed", "password.reset_requested", "password.reset_requested"]);
    const last = order.at(-1)!;
    const expected = last.action === "password.reset_requested" ? [{ id: (last.details as { resetId: string }).resetId }] : [];
    const open = await db
      .select({ id: passwordResets.id })
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt)));
    expect(open).toEqual(expected);
    expect((await signInStaff({ username: "scanpack@demo.test", password: DEMO_PASSWORD }, meta())).ok).toBe(false);
  });

  it("a reset request racing a username change leaves no live reset for the old address", async () => {
    const user = (await findUserByUsername("dual@demo.test"))!;
    const admin = (await findUserByUsername("admin@demo.test"))!;
    const actor = { id: admin.id, organizationId: admin.organizationId };
    const db = await getDb();
    const names = ["dual@demo.test", "dual.moved@demo.test"];
    // The request reads the account, then spends tens of milliseconds hashing its code; edits
    // started after a few delays land in that window on some tries, before or after on others.
    for (const [i, delayMs] of [0, 2, 5, 10, 20, 40].entries()) {
      await db.delete(rateLimits);
      const [from, to] = i % 2 === 0 ? names : [names[1]!, names[0]!];
      const requested = requestPasswordReset(from!, meta(i), { via: "login" });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const edited = await editUser(actor, user.id, { displayName: user.displayName, username: to!, emailTo: null, userType: user.userType }, meta(i));
      await requested;
      expect(edited).toEqual({ ok: true });
      const open = await db
        .select({ id: passwordResets.id })
        .from(passwordResets)
        .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt)));
      expect(open).toEqual([]);
    }
  });
});
