import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/infra/database";
import { appSessions, auditEvents, browserSessions, contacts, users } from "@/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@/lib/infra/demo-seed";
import { signInToApp } from "@/lib/sessions/app-tokens";
import { changePassword } from "@/lib/staff/password-change";
import {
  endBrowserSession,
  endOtherSessions,
  findLiveBrowserSession,
  listLiveSessions,
  revokeSession,
  SESSION_POLICY,
  startBrowserSession,
} from "@/lib/sessions/records";
import { signOutEverywhere } from "@/lib/staff/admin";
import { findUserById } from "@/lib/staff/accounts";

const meta = { ip: "198.51.100.31", userAgent: "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) Version/17.0 Safari/605.1.15" };
let device: { id: string; organizationId: string; sessionVersion: number };
let admin: { id: string; organizationId: string };
let otherAdmin: { id: string; organizationId: string };

async function user(username: string) {
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id, organizationId: users.organizationId, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.username, username));
  return row!;
}

async function consoleSession(owner = device) {
  const fresh = await user((await findUserById(owner.id))!.username);
  return startBrowserSession(await getDb(), { kind: "console", organizationId: fresh.organizationId, userId: fresh.id, sessionVersion: fresh.sessionVersion }, meta);
}

/** Moves a session's clock: its start and last use `minutes` into the past. */
async function age(id: string, column: "lastSeenAt" | "expiresAt", minutes: number) {
  await (await getDb())
    .update(browserSessions)
    .set({ [column]: sql`now() - make_interval(mins => ${minutes})` })
    .where(eq(browserSessions.id, id));
}

describe("sessions are records on the server", () => {
  beforeAll(async () => {
    await seedDemo(await getDb());
    device = await user("device@demo.test");
    admin = await user("admin@demo.test");
    otherAdmin = await user("admin@other.test");
  });

  it("a session lives until it is signed out", async () => {
    const { id } = await consoleSession();
    expect(await findLiveBrowserSession("console", id)).toMatchObject({ id, userId: device.id, contactId: null });
    await endBrowserSession(await getDb(), id);
    expect(await findLiveBrowserSession("console", id)).toBeNull();
  });

  it("ends at its absolute lifetime, however recently it was used", async () => {
    const startedFrom = Date.now();
    const { id, expiresAt } = await consoleSession();
    const startedBy = Date.now();
    const lifetime = SESSION_POLICY.console.maxAgeHours * 3_600_000;
    expect(expiresAt.getTime()).toBeGreaterThanOrEqual(startedFrom + lifetime);
    expect(expiresAt.getTime()).toBeLessThanOrEqual(startedBy + lifetime);
    // What the database holds is that same moment.
    const [stored] = await (await getDb()).select({ expiresAt: browserSessions.expiresAt }).from(browserSessions).where(eq(browserSessions.id, id));
    expect(stored!.expiresAt.getTime()).toBe(expiresAt.getTime());
    await age(id, "expiresAt", 1);
    expect(await findLiveBrowserSession("console", id)).toBeNull();
  });

  it(`ends after ${SESSION_POLICY.console.idleMinutes} idle minutes, and use moves "last seen" forward`, async () => {
    const { id } = await consoleSession();
    await age(id, "lastSeenAt", SESSION_POLICY.console.idleMinutes - 1);
    expect(await findLiveBrowserSession("console", id)).not.toBeNull();
    const [touched] = await (await getDb()).select({ lastSeenAt: browserSessions.lastSeenAt }).from(browserSessions).where(eq(browserSessions.id, id));
    expect(Date.now() - touched!.lastSeenAt.getTime()).toBeLessThan(SESSION_POLICY.touchSeconds * 1000);
    await age(id, "lastSeenAt", SESSION_POLICY.console.idleMinutes + 1);
    expect(await findLiveBrowserSession("console", id)).toBeNull();
  });

  it("a console session is not a storefront session, and malformed ids find nothing", async () => {
    const { id } = await consoleSession();
    expect(await findLiveBrowserSession("storefront", id)).toBeNull();
    for (const junk of [undefined, "", "not-a-uuid", "'; drop table users; --"]) expect(await findLiveBrowserSession("console", junk)).toBeNull();
  });

  it("lists an account's live browsers and app tokens, only in its own organization", async () => {
    const browser = await consoleSession();
    const ended = await consoleSession();
    await endBrowserSession(await getDb(), ended.id);
    const app = await signInToApp({ username: "device@demo.test", password: DEMO_PASSWORD, app: "tradeshow" }, meta);
    expect(app.ok).toBe(true);
    const rows = await listLiveSessions(device.organizationId, { userId: device.id });
    const ids = rows.map((r) => r.id);
    expect(ids).toContain(browser.id);
    expect(ids).not.toContain(ended.id);
    expect(rows.find((r) => r.via === "tradeshow")).toMatchObject({ ip: meta.ip, userAgent: meta.userAgent });
    expect(await listLiveSessions(otherAdmin.organizationId, { userId: device.id })).toEqual([]);
  });

  it("an admin of another organization cannot revoke a session; the owner's admin can, with an audit event", async () => {
    const { id } = await consoleSession();
    expect(await revokeSession(otherAdmin.organizationId, { userId: device.id }, id, { type: "user", id: otherAdmin.id }, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await findLiveBrowserSession("console", id)).not.toBeNull();
    // Naming the session under another user of the same organization finds nothing either.
    expect(await revokeSession(admin.organizationId, { userId: admin.id }, id, { type: "user", id: admin.id }, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await revokeSession(admin.organizationId, { userId: device.id }, id, { type: "user", id: admin.id }, meta)).toEqual({ ok: true });
    expect(await findLiveBrowserSession("console", id)).toBeNull();
    const [event] = await (await getDb())
      .select({ actorId: auditEvents.actorId, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "session.revoked"), eq(auditEvents.targetId, device.id)));
    expect(event).toEqual({ actorId: admin.id, details: { sessionId: id, via: "browser" } });
  });

  it("revokes an app token from the list", async () => {
    const app = await signInToApp({ username: "device@demo.test", password: DEMO_PASSWORD, app: "sales-plus" }, meta);
    const [row] = (await listLiveSessions(device.organizationId, { userId: device.id })).filter((r) => r.via === "sales-plus");
    expect(app.ok && row).toBeTruthy();
    expect(await revokeSession(admin.organizationId, { userId: device.id }, row!.id, { type: "user", id: admin.id }, meta)).toEqual({ ok: true });
    const [token] = await (await getDb()).select({ revokedAt: appSessions.revokedAt }).from(appSessions).where(eq(appSessions.id, row!.id));
    expect(token!.revokedAt).not.toBeNull();
  });

  it('"Sign out other sessions" keeps this browser and ends every other browser and app token', async () => {
    const mine = await consoleSession();
    const other = await consoleSession();
    await signInToApp({ username: "device@demo.test", password: DEMO_PASSWORD, app: "sales-plus" }, meta);
    const { ended } = await endOtherSessions(device.organizationId, { userId: device.id }, mine.id, meta);
    expect(ended).toBeGreaterThanOrEqual(2);
    expect(await findLiveBrowserSession("console", mine.id)).not.toBeNull();
    expect(await findLiveBrowserSession("console", other.id)).toBeNull();
    expect((await listLiveSessions(device.organizationId, { userId: device.id })).map((r) => r.id)).toEqual([mine.id]);
  });

  it("a user's own password change keeps the browser it was made in and ends the rest", async () => {
    const mine = await consoleSession();
    const other = await consoleSession();
    const account = (await findUserById(device.id))!;
    const result = await changePassword(account, { currentPassword: DEMO_PASSWORD, newPassword: "Kept-This-Browser-42!", confirmPassword: "Kept-This-Browser-42!" }, meta, mine.id);
    expect(result.ok).toBe(true);
    const ids = (await listLiveSessions(device.organizationId, { userId: device.id })).map((r) => r.id);
    expect(ids).toEqual([mine.id]);
    expect(ids).not.toContain(other.id);
  });

  it('"Sign out everywhere" by an admin leaves no session listed', async () => {
    await consoleSession();
    expect((await signOutEverywhere({ id: admin.id, organizationId: admin.organizationId }, device.id, meta)).ok).toBe(true);
    expect(await listLiveSessions(device.organizationId, { userId: device.id })).toEqual([]);
  });

  it("storefront sessions belong to a contact of the organization", async () => {
    const db = await getDb();
    const [buyer] = await db.select().from(contacts).where(eq(contacts.username, "cornerbuyer"));
    const s = await startBrowserSession(db, { kind: "storefront", organizationId: buyer!.organizationId, contactId: buyer!.id, sessionVersion: buyer!.sessionVersion }, meta);
    expect((await listLiveSessions(buyer!.organizationId, { contactId: buyer!.id })).map((r) => r.id)).toEqual([s.id]);
    expect(await listLiveSessions(otherAdmin.organizationId, { contactId: buyer!.id })).toEqual([]);
    expect(await revokeSession(otherAdmin.organizationId, { contactId: buyer!.id }, s.id, { type: "user", id: otherAdmin.id }, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await revokeSession(buyer!.organizationId, { contactId: buyer!.id }, s.id, { type: "contact", id: buyer!.id }, meta)).toEqual({ ok: true });
    expect(await findLiveBrowserSession("storefront", s.id)).toBeNull();
  });
});
