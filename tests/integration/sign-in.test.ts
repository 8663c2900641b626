import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // A small per-IP budget so the limit can be reached in a test.
  process.env.SIGNIN_IP_LIMIT = "40";
});

import { getDb } from "@/lib/infra/database";
import { auditEvents, users } from "@/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@/lib/infra/demo-seed";
import { LOCKOUT } from "@/lib/credentials/lockout";
import { signInStaff } from "@/lib/staff/sign-in";
import { hash } from "@node-rs/argon2";

let ipCounter = 0;
/** A fresh client address per test, so the per-IP budget only matters where it is tested. */
const meta = () => ({ ip: `203.0.113.${++ipCounter}`, userAgent: "vitest" });

async function userRow(username: string) {
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id, failed: users.failedSignIns, lockedUntil: users.lockedUntil, hash: users.passwordHash, lastSignInAt: users.lastSignInAt })
    .from(users)
    .where(eq(users.username, username));
  return row!;
}

async function auditFor(targetId: string | null, action: string) {
  const db = await getDb();
  return db
    .select({ action: auditEvents.action, details: auditEvents.details, ip: auditEvents.ip })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), targetId ? eq(auditEvents.targetId, targetId) : undefined));
}

describe("signInStaff", () => {
  beforeAll(async () => {
    await seedDemo(await getDb());
  });

  beforeEach(async () => {
    const db = await getDb();
    await db.update(users).set({ failedSignIns: 0, lockedUntil: null, status: "active" });
  });

  it("signs in every user type with the right password and records it", async () => {
    for (const [username, type] of [
      ["admin@demo.test", "admin"],
      ["dual@demo.test", "dual"],
      ["device@demo.test", "device"],
      ["scanpack@demo.test", "scanpack"],
      ["WAREHOUSE7", "device"],
    ] as const) {
      const result = await signInStaff({ username, password: DEMO_PASSWORD }, meta());
      expect(result.ok, username).toBe(true);
      if (!result.ok) continue;
      expect(result.user.userType).toBe(type);
      expect(result.user.organizationSlug).toBe("demo");
      expect(result.user.sessionVersion).toBe(1);
      expect(result.user).not.toHaveProperty("passwordHash");
    }
    const admin = await userRow("admin@demo.test");
    expect(admin.lastSignInAt).toBeInstanceOf(Date);
    expect(await auditFor(admin.id, "signin.succeeded")).not.toHaveLength(0);
  });

  it("gives an unknown user and a wrong password the same answer", async () => {
    const unknown = await signInStaff({ username: "nobody@demo.test", password: DEMO_PASSWORD }, meta());
    const wrong = await signInStaff({ username: "admin@demo.test", password: "wrong-password" }, meta());
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    const failures = await auditFor(null, "signin.failed");
    expect(failures.map((f) => f.details.reason)).toEqual(expect.arrayContaining(["unknown_user", "wrong_password"]));
  });

  it("refuses a disabled user with the generic answer", async () => {
    const db = await getDb();
    await db.update(users).set({ status: "disabled" }).where(eq(users.username, "dual@demo.test"));
    expect(await signInStaff({ username: "dual@demo.test", password: DEMO_PASSWORD }, meta())).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it(`locks the account after ${LOCKOUT.threshold} wrong passwords, even for the right one`, async () => {
    const before = await userRow("device@demo.test");
    for (let i = 1; i < LOCKOUT.threshold; i++) {
      expect(await signInStaff({ username: "device@demo.test", password: `nope-${i}` }, meta())).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    expect((await userRow("device@demo.test")).failed).toBe(LOCKOUT.threshold - 1);
    const last = await signInStaff({ username: "device@demo.test", password: "nope-last" }, meta());
    expect(last).toMatchObject({ ok: false, reason: "locked" });
    if (!last.ok && last.reason === "locked") {
      expect(last.retryAfterSeconds).toBeGreaterThan(LOCKOUT.minutes * 60 - 5);
      expect(last.retryAfterSeconds).toBeLessThanOrEqual(LOCKOUT.minutes * 60);
    }
    expect(await signInStaff({ username: "device@demo.test", password: DEMO_PASSWORD }, meta())).toMatchObject({
      ok: false,
      reason: "locked",
    });
    expect(await auditFor(before.id, "account.locked")).toHaveLength(1);

    // Once the lock has run out the right password works again and the count restarts.
    const db = await getDb();
    await db.update(users).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(users.id, before.id));
    expect((await signInStaff({ username: "device@demo.test", password: DEMO_PASSWORD }, meta())).ok).toBe(true);
    expect((await userRow("device@demo.test")).failed).toBe(0);
  });

  it("resets the failure count after a successful sign-in", async () => {
    await signInStaff({ username: "scanpack@demo.test", password: "wrong" }, meta());
    await signInStaff({ username: "scanpack@demo.test", password: "wrong" }, meta());
    expect((await userRow("scanpack@demo.test")).failed).toBe(2);
    await signInStaff({ username: "scanpack@demo.test", password: DEMO_PASSWORD }, meta());
    expect((await userRow("scanpack@demo.test")).failed).toBe(0);
  });

  it("rehashes a password stored with older argon2 parameters", async () => {
    const db = await getDb();
    const weak = await hash(DEMO_PASSWORD, { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await db.update(users).set({ passwordHash: weak }).where(eq(users.username, "admin@other.test"));
    expect((await signInStaff({ username: "admin@other.test", password: DEMO_PASSWORD }, meta())).ok).toBe(true);
    expect((await userRow("admin@other.test")).hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("limits sign-in attempts per client IP", async () => {
    const ip = { ip: "198.51.100.7", userAgent: "vitest" };
    const results = [];
    for (let i = 0; i < 41; i++) results.push(await signInStaff({ username: `ghost${i}@demo.test`, password: "x" }, ip));
    expect(results.slice(0, 40).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results[40]).toMatchObject({ ok: false, reason: "rate_limited" });
    // Another address is not affected.
    expect((await signInStaff({ username: "admin@demo.test", password: DEMO_PASSWORD }, meta())).ok).toBe(true);
  });
});
