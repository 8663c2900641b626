import { createHash } from "node:crypto";
import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/infra/database";
import { appSessions, auditEvents, organizations, passwordResets, rateLimits, users } from "@/db/schema";
import { seedDemo } from "@/lib/infra/demo-seed";
import { getLicenceUsage, getLicenceUsageByType, setLicenceCount } from "@/lib/organizations/licences";
import { completePasswordReset, inspectResetToken } from "@/lib/staff/reset-completion";
import { signInStaff } from "@/lib/staff/sign-in";
import {
  addUser,
  adminResetPassword,
  disableUser,
  editUser,
  enableUser,
  getUserDetails,
  searchUsers,
  signOutEverywhere,
  userSearchQuery,
  type Actor,
} from "@/lib/staff/admin";
import { countEmailsTo, latestEmailTo, resetSecretsOf } from "../helpers/outbox";

const meta = { ip: "198.51.100.20", userAgent: "vitest" };
let demo: Actor;
let other: Actor;
let demoDevice: string;

async function idOf(username: string) {
  const db = await getDb();
  const [row] = await db.select({ id: users.id, org: users.organizationId }).from(users).where(eq(users.username, username));
  return row!;
}

/** A snapshot of everything an admin verb could change about a user. */
async function userSnapshot(userId: string) {
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  return row;
}

describe("admin user management", () => {
  beforeAll(async () => {
    await seedDemo(await getDb());
    const admin = await idOf("admin@demo.test");
    demo = { id: admin.id, organizationId: admin.org };
    const otherAdmin = await idOf("admin@other.test");
    other = { id: otherAdmin.id, organizationId: otherAdmin.org };
    demoDevice = (await idOf("device@demo.test")).id;
  });

  beforeEach(async () => {
    const db = await getDb();
    await db.delete(rateLimits);
  });

  it("adds a user within the licences and sends the invite to the username", async () => {
    const before = await getLicenceUsage(demo.organizationId);
    const result = await addUser(demo, { displayName: "New Person", username: "new.person@demo.test", emailTo: "elsewhere@demo.test", userType: "device" }, meta);
    expect(result).toMatchObject({ ok: true, invited: true });
    expect((await getLicenceUsage(demo.organizationId)).used).toBe(before.used + 1);
    const invite = await latestEmailTo("new.person@demo.test");
    expect(invite?.subject).toBe("Create your Gatehouse password");
    expect(await countEmailsTo("elsewhere@demo.test")).toBe(0);
    const details = await getUserDetails(demo.organizationId, (result as { userId: string }).userId);
    expect(details).toMatchObject({ hasPassword: false, status: "active", userType: "device" });
    expect(details).not.toHaveProperty("passwordHash");
  });

  it("adds a non-email username without an invite, and refuses a taken username", async () => {
    expect(await addUser(demo, { displayName: "Till", username: "till-3", emailTo: null, userType: "device" }, meta)).toMatchObject({ ok: true, invited: false });
    expect(await addUser(demo, { displayName: "Dup", username: "ADMIN@demo.test", emailTo: null, userType: "admin" }, meta)).toEqual({ ok: false, reason: "username_taken" });
  });

  it("does the licence arithmetic: add until full, disable frees, enable needs one, never below active", async () => {
    const db = await getDb();
    const start = await getLicenceUsage(demo.organizationId);
    await db.update(organizations).set({ licenceCount: start.used + 1 }).where(eq(organizations.id, demo.organizationId));
    const added = await addUser(demo, { displayName: "Last Seat", username: "last.seat@demo.test", emailTo: null, userType: "device" }, meta);
    expect(added.ok).toBe(true);
    const full = await addUser(demo, { displayName: "No Seat", username: "no.seat@demo.test", emailTo: null, userType: "device" }, meta);
    expect(full).toEqual({ ok: false, reason: "no_licence" });
    expect(await db.select().from(users).where(eq(users.username, "no.seat@demo.test"))).toHaveLength(0);

    const lastId = (added as { userId: string }).userId;
    expect(await disableUser(demo, lastId, meta)).toEqual({ ok: true });
    expect((await getLicenceUsage(demo.organizationId)).free).toBe(1);
    expect((await addUser(demo, { displayName: "Takes It", username: "takes.it@demo.test", emailTo: null, userType: "device" }, meta)).ok).toBe(true);
    expect(await enableUser(demo, lastId, meta)).toEqual({ ok: false, reason: "no_licence" });

    const usage = await getLicenceUsage(demo.organizationId);
    expect(await setLicenceCount(demo.organizationId, usage.used - 1, demo, meta)).toMatchObject({ ok: false, reason: "below_active" });
    expect(await setLicenceCount(demo.organizationId, usage.used + 5, demo, meta)).toMatchObject({ ok: true });
    expect(await enableUser(demo, lastId, meta)).toEqual({ ok: true });
    expect((await getLicenceUsage(demo.organizationId)).free).toBe(4);

    // The dashboard's one-statement figures agree, a disabled user counted in no type.
    expect(await disableUser(demo, lastId, meta)).toEqual({ ok: true });
    const dashboard = await getLicenceUsageByType(demo.organizationId);
    expect(dashboard.usage).toEqual(await getLicenceUsage(demo.organizationId));
    const [active] = await db.select({ n: count() }).from(users).where(and(eq(users.organizationId, demo.organizationId), eq(users.status, "active"), eq(users.userType, "device")));
    expect(dashboard.byType.device).toBe(active!.n);
    expect(Object.values(dashboard.byType).reduce((a, n) => a + n, 0)).toBe(dashboard.usage.used);
    expect(await enableUser(demo, lastId, meta)).toEqual({ ok: true });
  });

  it("lets only one of two admins take the last free licence", async () => {
    const db = await getDb();
    const usage = await getLicenceUsage(demo.organizationId);
    await db.update(organizations).set({ licenceCount: usage.used + 1 }).where(eq(organizations.id, demo.organizationId));
    const results = await Promise.all([
      addUser(demo, { displayName: "Race A", username: "race.a@demo.test", emailTo: null, userType: "device" }, meta),
      addUser(demo, { displayName: "Race B", username: "race.b@demo.test", emailTo: null, userType: "device" }, meta),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await getLicenceUsage(demo.organizationId)).free).toBe(0);
    await db.update(organizations).set({ licenceCount: usage.used + 10 }).where(eq(organizations.id, demo.organizationId));
  });

  it("disabling ends sessions and app tokens; admins cannot disable or demote themselves", async () => {
    const db = await getDb();
    const before = await userSnapshot(demoDevice);
    await db.insert(appSessions).values({ tokenHash: "device-app-token", userId: demoDevice, app: "sales-plus", sessionVersion: before!.sessionVersion, expiresAt: new Date(Date.now() + 86400_000) });
    expect(await disableUser(demo, demoDevice, meta)).toEqual({ ok: true });
    const after = await userSnapshot(demoDevice);
    expect(after!.status).toBe("disabled");
    expect(after!.sessionVersion).toBe(before!.sessionVersion + 1);
    const [token] = await db.select({ revokedAt: appSessions.revokedAt }).from(appSessions).where(eq(appSessions.tokenHash, "device-app-token"));
    expect(token!.revokedAt).toBeInstanceOf(Date);
    expect(await enableUser(demo, demoDevice, meta)).toEqual({ ok: true });

    expect(await disableUser(demo, demo.id, meta)).toEqual({ ok: false, reason: "own_account" });
    expect(await editUser(demo, demo.id, { displayName: "Ada Admin", username: "admin@demo.test", emailTo: "office@demo.test", userType: "device" }, meta)).toEqual({ ok: false, reason: "own_account" });
  });

  it("edits details, refusing a username that collides, and signs the user out on a username change", async () => {
    const dual = await idOf("dual@demo.test");
    const before = await userSnapshot(dual.id);
    expect(await editUser(demo, dual.id, { displayName: "Dana D.", username: "device@demo.test", emailTo: null, userType: "dual" }, meta)).toEqual({ ok: false, reason: "username_taken" });
    expect(await userSnapshot(dual.id)).toEqual(before);
    expect(await editUser(demo, dual.id, { displayName: "Dana D.", username: "dana@demo.test", emailTo: "dana.home@demo.test", userType: "dual" }, meta)).toEqual({ ok: true });
    const after = await userSnapshot(dual.id);
    expect(after).toMatchObject({ displayName: "Dana D.", username: "dana@demo.test", emailTo: "dana.home@demo.test", sessionVersion: before!.sessionVersion + 1 });
    await editUser(demo, dual.id, { displayName: before!.displayName, username: before!.username, emailTo: before!.emailTo, userType: "dual" }, meta);
  });

  it("sends the admin reset to the username address, never to email-to, and records it", async () => {
    const db = await getDb();
    await db.delete(passwordResets);
    expect(await adminResetPassword(demo, demoDevice, meta)).toEqual({ ok: true, email: "device@demo.test", suppressed: false });
    expect((await latestEmailTo("device@demo.test"))?.subject).toBe("Reset your Gatehouse password");
    expect(await countEmailsTo("devon.personal@demo.test")).toBe(0);
    const [audit] = await db.select({ actorId: auditEvents.actorId }).from(auditEvents).where(and(eq(auditEvents.action, "admin.reset_requested"), eq(auditEvents.targetId, demoDevice)));
    expect(audit!.actorId).toBe(demo.id);
    const warehouse = await idOf("warehouse7");
    expect(await adminResetPassword(demo, warehouse.id, meta)).toEqual({ ok: false, reason: "not_email" });
  });

  it("treats another organization's user as not found in every verb, changing nothing", async () => {
    const db = await getDb();
    const before = await userSnapshot(demoDevice);
    const resetsBefore = await db.select({ id: passwordResets.id }).from(passwordResets);
    const input = { displayName: "Hijack", username: "hijack@other.test", emailTo: null, userType: "admin" as const };
    expect(await getUserDetails(other.organizationId, demoDevice)).toBeNull();
    expect(await editUser(other, demoDevice, input, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await disableUser(other, demoDevice, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await enableUser(other, demoDevice, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await signOutEverywhere(other, demoDevice, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await adminResetPassword(other, demoDevice, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await userSnapshot(demoDevice)).toEqual(before);
    expect(await db.select({ id: passwordResets.id }).from(passwordResets)).toEqual(resetsBefore);
    const found = await searchUsers(other.organizationId, { q: "device" });
    expect(found.rows.map((r) => r.username)).not.toContain("device@demo.test");
  });

  it("searches names and usernames as the admin types, by type, a page at a time", async () => {
    expect((await searchUsers(demo.organizationId, { q: "devon" })).rows.map((r) => r.username)).toEqual(["device@demo.test"]);
    expect((await searchUsers(demo.organizationId, { q: "SCANPACK@" })).rows.map((r) => r.username)).toEqual(["scanpack@demo.test"]);
    expect((await searchUsers(demo.organizationId, { q: "wa" })).rows.map((r) => r.username)).toContain("warehouse7");
    expect((await searchUsers(demo.organizationId, { q: "100%_" })).rows).toEqual([]);
    const devices = await searchUsers(demo.organizationId, { type: "device" });
    expect(devices.rows.every((r) => r.userType === "device")).toBe(true);
    const page1 = await searchUsers(demo.organizationId, { pageSize: 2 });
    const page2 = await searchUsers(demo.organizationId, { pageSize: 2, page: 2 });
    expect(page1.hasNext).toBe(true);
    expect(page1.rows).toHaveLength(2);
    expect(page2.rows[0]!.id).not.toBe(page1.rows[0]!.id);
  });
});

describe("open resets and invites die with their address", () => {
  const PASSWORD = "Violet-Harbour-Lamp-42!";
  let seq = 0;

  /** A new user with an emailed invite, and the invite's link token and code. */
  async function invitedUser(userType: "dual" | "device") {
    const db = await getDb();
    const usage = await getLicenceUsage(demo.organizationId);
    await db.update(organizations).set({ licenceCount: usage.used + 1 }).where(eq(organizations.id, demo.organizationId));
    const input = { displayName: `Invitee ${++seq}`, username: `invitee.${seq}@demo.test`, emailTo: `invitee.${seq}.home@demo.test`, userType };
    const added = await addUser(demo, input, meta);
    expect(added).toMatchObject({ ok: true, invited: true });
    return { id: (added as { userId: string }).userId, input, ...resetSecretsOf((await latestEmailTo(input.username))!) };
  }

  const setPassword = (token: string, code: string) =>
    completePasswordReset({ token, code, newPassword: PASSWORD, confirmPassword: PASSWORD }, meta);

  /** The old link + code, and the code typed with the current username, set no password. */
  async function expectInviteDead(user: { id: string; token: string; code: string }) {
    expect(await inspectResetToken(user.token)).toMatchObject({ status: "unusable" });
    expect(await setPassword(user.token, user.code)).toMatchObject({ ok: false, linkDead: true });
    const { username } = (await userSnapshot(user.id))!;
    const typed = await completePasswordReset({ username, code: user.code, newPassword: PASSWORD, confirmPassword: PASSWORD }, meta);
    expect(typed.ok).toBe(false);
    expect((await userSnapshot(user.id))!.passwordHash).toBeNull();
    expect((await signInStaff({ username, password: PASSWORD }, meta)).ok).toBe(false);
  }

  async function lastAudit(action: "user.updated" | "user.disabled", userId: string) {
    const db = await getDb();
    const [row] = await db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, userId)))
      .orderBy(sql`${auditEvents.id} desc`)
      .limit(1);
    return row?.details;
  }

  it("a username change voids the invite sent to the old address", async () => {
    const user = await invitedUser("dual");
    expect(await editUser(demo, user.id, { ...user.input, username: `moved.${seq}@demo.test` }, meta)).toEqual({ ok: true });
    await expectInviteDead(user);
    expect(await lastAudit("user.updated", user.id)).toEqual({ changed: ["username"], resetsVoided: 1 });
  });

  it("a user type change voids the invite", async () => {
    const user = await invitedUser("device");
    expect(await editUser(demo, user.id, { ...user.input, userType: "dual" }, meta)).toEqual({ ok: true });
    await expectInviteDead(user);
    expect(await lastAudit("user.updated", user.id)).toEqual({ changed: ["userType"], resetsVoided: 1 });
  });

  it("disabling voids the invite, and enabling again does not revive it or send another", async () => {
    const user = await invitedUser("dual");
    expect(await disableUser(demo, user.id, meta)).toEqual({ ok: true });
    expect(await lastAudit("user.disabled", user.id)).toEqual({ resetsVoided: 1 });
    expect(await enableUser(demo, user.id, meta)).toEqual({ ok: true });
    expect(await countEmailsTo(user.input.username)).toBe(1);
    await expectInviteDead(user);
  });

  it("disabling voids an admin-sent reset of a user who has a password", async () => {
    const db = await getDb();
    await db.delete(passwordResets).where(eq(passwordResets.userId, demoDevice));
    expect(await adminResetPassword(demo, demoDevice, meta)).toMatchObject({ ok: true, suppressed: false });
    const { token, code } = resetSecretsOf((await latestEmailTo("device@demo.test"))!);
    const before = (await userSnapshot(demoDevice))!.passwordHash;
    expect(await disableUser(demo, demoDevice, meta)).toEqual({ ok: true });
    expect(await enableUser(demo, demoDevice, meta)).toEqual({ ok: true });
    expect(await setPassword(token, code)).toMatchObject({ ok: false, linkDead: true });
    expect((await userSnapshot(demoDevice))!.passwordHash).toBe(before);
  });

  it("a new display name or email-to leaves the invite valid", async () => {
    const user = await invitedUser("dual");
    const input = { ...user.input, displayName: "Renamed Invitee", emailTo: "renamed.home@demo.test" };
    expect(await editUser(demo, user.id, input, meta)).toEqual({ ok: true });
    expect(await lastAudit("user.updated", user.id)).toEqual({ changed: ["displayName", "emailTo"] });
    expect(await setPassword(user.token, user.code)).toEqual({ ok: true, userType: "dual", purpose: "invite" });
    expect((await signInStaff({ username: user.input.username, password: PASSWORD }, meta)).ok).toBe(true);
  });
});

describe("Users search at 100,000 users", () => {
  it("uses the search index, not a scan of the organization", async () => {
    const db = await getDb();
    const [org] = await db.insert(organizations).values({ name: "Big Co", slug: "big", licenceCount: 200_000 }).returning({ id: organizations.id });
    await db.execute(sql`
      insert into users (organization_id, username, display_name, user_type)
      select ${org!.id}, 'user' || g || '@big.test', 'Person ' || md5(g::text), 'device'
      from generate_series(1, 100000) g`);
    await db.execute(sql`analyze users`);
    // A part of one person's name: what the planner picks for a term matching ~1 % of the
    // organization depends on ANALYZE's random sample (the name-ordered b-tree with a LIMIT can
    // win then), but for a rare term only the trigram index answers without reading them all.
    const rare = createHash("md5").update("77777").digest("hex").slice(3, 13);
    const plan = await db.execute(sql`explain ${userSearchQuery(db, org!.id, { q: rare })}`);
    const text = (Array.isArray(plan) ? plan : (plan as { rows: unknown[] }).rows).map((r) => Object.values(r as object)[0]).join("\n");
    expect(text).toContain("users_search_trgm_idx");
    expect(text).not.toMatch(/Seq Scan on users/);
    expect((await searchUsers(org!.id, { q: rare })).rows.map((r) => r.username)).toEqual(["user77777@big.test"]);
    const found = await searchUsers(org!.id, { q: "user99999@" });
    expect(found.rows.map((r) => r.username)).toEqual(["user99999@big.test"]);
  }, 120_000);
});
