import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // A small threshold keeps the table quick; the per-username budget must not be what refuses.
  process.env.LOCKOUT_THRESHOLD = "4";
  process.env.LOCKOUT_MINUTES = "7";
  process.env.CONTACT_SIGNIN_USERNAME_LIMIT = "1000";
});

import { getDb } from "@/lib/infra/database";
import { auditEvents, contacts, organizations, users } from "@/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@/lib/infra/demo-seed";
import { contactIdentity, staffIdentity, type Identity } from "@/lib/credentials/identity";
import { LOCKOUT, recordWrongPassword } from "@/lib/credentials/lockout";
import { signInContact } from "@/lib/contacts/sign-in";
import { signInStaff } from "@/lib/staff/sign-in";

/**
 * The credential core's lock-out, run once for each identity through its real sign-in: the
 * same count, the same lock, the same answers, whether the account is a staff user or a contact.
 */

let ipCounter = 0;
const meta = () => {
  const n = ++ipCounter;
  return { ip: `198.51.${(n >> 8) & 255}.${n & 255}`, userAgent: "vitest" };
};

type Case = {
  name: string;
  identity: Identity;
  username: string;
  signIn: (password: string) => Promise<{ ok: boolean; reason?: string; retryAfterSeconds?: number }>;
};

let demoId = "";

const cases: Case[] = [
  {
    name: "staff user",
    identity: staffIdentity,
    username: "device@demo.test",
    signIn: (password) => signInStaff({ username: "device@demo.test", password }, meta()),
  },
  {
    name: "contact",
    identity: contactIdentity,
    username: "cornerbuyer",
    signIn: (password) => signInContact(demoId, { username: "cornerbuyer", password }, meta()),
  },
];

/** The account's lock-out state, read from its own table. */
async function accountRow(identity: Identity, username: string) {
  const t = identity.table;
  const db = await getDb();
  const [row] = await db
    .select({ id: t.id, organizationId: t.organizationId, failedSignIns: t.failedSignIns, lockedUntil: t.lockedUntil })
    .from(t)
    .where(eq(t.username, username));
  return row!;
}

async function events(action: string, targetId: string) {
  const db = await getDb();
  return db
    .select({ details: auditEvents.details, actorType: auditEvents.actorType, targetType: auditEvents.targetType })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)));
}

beforeAll(async () => {
  const db = await getDb();
  await seedDemo(db);
  const [demo] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, "demo"));
  demoId = demo!.id;
});

beforeEach(async () => {
  const db = await getDb();
  await db.update(users).set({ failedSignIns: 0, lockedUntil: null });
  await db.update(contacts).set({ failedSignIns: 0, lockedUntil: null });
  await db.delete(auditEvents);
});

describe.each(cases)("lock-out of a $name", ({ identity, username, signIn }) => {
  const account = () => accountRow(identity, username);

  it(`counts wrong passwords and locks at the ${LOCKOUT.threshold}th for LOCKOUT_MINUTES, even for the right one`, async () => {
    expect(LOCKOUT).toEqual({ threshold: 4, minutes: 7 });
    for (let i = 1; i < LOCKOUT.threshold; i++) {
      expect(await signIn(`wrong-${i}`)).toEqual({ ok: false, reason: "invalid" });
      expect((await account()).failedSignIns).toBe(i);
    }
    const locking = await signIn("wrong-last");
    expect(locking).toMatchObject({ ok: false, reason: "locked" });
    expect(locking.retryAfterSeconds).toBeGreaterThan(LOCKOUT.minutes * 60 - 5);
    expect(locking.retryAfterSeconds).toBeLessThanOrEqual(LOCKOUT.minutes * 60);
    const locked = await account();
    // The lock restarts the count, so the next lock needs a full threshold again.
    expect(locked.failedSignIns).toBe(0);
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + (LOCKOUT.minutes * 60 - 5) * 1000);

    expect(await signIn(DEMO_PASSWORD)).toMatchObject({ ok: false, reason: "locked" });
    expect((await account()).failedSignIns).toBe(0);

    const lockEvents = await events(identity.events.locked, locked.id);
    expect(lockEvents).toEqual([{ details: { minutes: LOCKOUT.minutes }, actorType: "system", targetType: identity.kind }]);
    expect(await events(identity.events.signInFailed, locked.id)).toHaveLength(LOCKOUT.threshold);
    expect((await events(identity.events.signInBlocked, locked.id)).map((e) => e.details.reason)).toEqual(["locked"]);
  });

  it("a right password before the threshold clears the count", async () => {
    for (let i = 1; i < LOCKOUT.threshold; i++) await signIn(`wrong-${i}`);
    expect((await account()).failedSignIns).toBe(LOCKOUT.threshold - 1);
    expect(await signIn(DEMO_PASSWORD)).toMatchObject({ ok: true });
    expect(await account()).toMatchObject({ failedSignIns: 0, lockedUntil: null });
    expect(await signIn("wrong-again")).toEqual({ ok: false, reason: "invalid" });
    expect((await account()).failedSignIns).toBe(1);
  });

  it("once the lock has run out, the right password signs in and clears it", async () => {
    const db = await getDb();
    const { id } = await account();
    await db.update(identity.table).set({ lockedUntil: new Date(Date.now() - 1000), failedSignIns: 2 }).where(eq(identity.table.id, id));
    expect(await signIn(DEMO_PASSWORD)).toMatchObject({ ok: true });
    expect(await account()).toMatchObject({ failedSignIns: 0, lockedUntil: null });
  });

  it("wrong passwords sent at once lock exactly once: the count is one statement", async () => {
    const results = await Promise.all(Array.from({ length: LOCKOUT.threshold }, (_, i) => signIn(`wrong-${i}`)));
    expect(results.filter((r) => r.reason === "locked")).toHaveLength(1);
    expect(results.filter((r) => r.reason === "invalid")).toHaveLength(LOCKOUT.threshold - 1);
    expect(await events(identity.events.locked, (await account()).id)).toHaveLength(1);
  });

  it("recordWrongPassword counts only the account it is given, in its own table", async () => {
    const target = await account();
    for (let i = 1; i < LOCKOUT.threshold; i++) {
      expect(await recordWrongPassword(identity, target, meta())).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await recordWrongPassword(identity, target, meta())).toMatchObject({ ok: false, reason: "locked" });
    const db = await getDb();
    const otherTable = identity.kind === "user" ? contacts : users;
    const others = await db.select({ failed: otherTable.failedSignIns, lockedUntil: otherTable.lockedUntil }).from(otherTable);
    expect(others.every((o) => o.failed === 0 && o.lockedUntil === null)).toBe(true);
  });
});
