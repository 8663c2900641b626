import { and, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.APP_URL = "https://shop.example.test";
  // Small budgets so each limit can be reached in a test.
  process.env.CONTACT_RESET_IP_LIMIT = "5";
  process.env.CONTACT_SIGNIN_IP_LIMIT = "6";
  process.env.CONTACT_SIGNIN_USERNAME_LIMIT = "12";
});

import { getDb } from "@/lib/infra/database";
import { auditEvents, contacts, emailOutbox, organizations, rateLimits, retailers, users } from "@/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@/lib/infra/demo-seed";
import { openContactSession, resolveContactSession, sealContactSession } from "@/lib/sessions/storefront-cookie";
import { endBrowserSession, findLiveBrowserSession, startBrowserSession } from "@/lib/sessions/records";
import { changeContactPassword } from "@/lib/contacts/forced-change";
import { CONTACT_SIGN_IN_MESSAGES, signInContact } from "@/lib/contacts/sign-in";
import { CONTACT_TEMP_PASSWORD, requestContactPasswordReset, resetContactPasswordByStaff } from "@/lib/contacts/temporary-passwords";
import { findSessionContact } from "@/lib/contacts/session-contact";
import { getContactDetails, searchContacts } from "@/lib/contacts/search";
import { setContactWebsiteAccess } from "@/lib/contacts/website-access";
import { getOrganizationSettings, updateContactEmailSettings, type Storefront } from "@/lib/organizations/organizations";
import { setTransport } from "@/lib/mail";
import { LOCKOUT } from "@/lib/credentials/lockout";
import { TEMP_PASSWORD_ALPHABET } from "@/lib/credentials/temporary-password";
import { countEmailsTo, latestEmailTo } from "../helpers/outbox";

const BUYER = { username: "cornerbuyer", email: "buyer@cornerstore.test" };
const OWNER = { username: "cornerowner", email: "owner@cornerstore.test" };
const HARBOUR = { username: "harbourbuyer", email: "buyer@harbour.test" };

let ipCounter = 0;
/** A fresh client address per call, so per-IP budgets only matter where they are tested. */
const meta = () => {
  const n = ++ipCounter;
  return { ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, userAgent: "vitest" };
};

let demo: Storefront;
let other: Storefront;
let adminId: string;
let demoHash: string;

async function org(slug: string): Promise<Storefront> {
  const db = await getDb();
  const [row] = await db.select({ id: organizations.id, name: organizations.name, slug: organizations.slug }).from(organizations).where(eq(organizations.slug, slug));
  return row!;
}

async function contactRow(username: string) {
  const db = await getDb();
  const [row] = await db.select().from(contacts).where(eq(contacts.username, username));
  return row!;
}

async function temporaryPasswordMailedTo(address: string) {
  const email = await latestEmailTo(address);
  expect(email?.template).toBe("contact-temporary-password");
  const password = /Your temporary password:\s+(\S+)/.exec(email!.text ?? "")?.[1];
  if (!password) throw new Error(`no temporary password in: ${email!.text?.slice(0, 300)}`);
  return { password, email: email! };
}

async function forgot(store: Storefront, username: string) {
  expect(await requestContactPasswordReset(store.id, username, meta())).toEqual({ status: "accepted" });
}

const signIn = (store: Storefront, username: string, password: string) => signInContact(store.id, { username, password }, meta());

async function auditCount(action: string, targetId?: string) {
  const db = await getDb();
  const rows = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), targetId ? eq(auditEvents.targetId, targetId) : undefined));
  return rows.length;
}

describe("contacts", () => {
  beforeAll(async () => {
    // Keep messages in the outbox: delivery (tested in mail-outbox.test.ts) purges their bodies,
    // and after a request it runs concurrently with the test reading them.
    setTransport(null);
    const db = await getDb();
    await seedDemo(db);
    demo = await org("demo");
    other = await org("other");
    const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.username, "admin@demo.test"));
    adminId = admin!.id;
    demoHash = (await contactRow(BUYER.username)).passwordHash!;
  });

  beforeEach(async () => {
    const db = await getDb();
    // Each test starts from the seeded contacts (demo password, nothing pending) and fresh budgets.
    await db.update(contacts).set({
      passwordHash: demoHash,
      passwordChangedAt: null,
      tempPasswordHash: null,
      tempPasswordExpiresAt: null,
      tempPasswordIssuedAt: null,
      tempPasswordUsedAt: null,
      mustChangePassword: false,
      websiteAccess: true,
      failedSignIns: 0,
      lockedUntil: null,
    });
    await db.update(organizations).set({ settings: {} });
    await db.delete(rateLimits);
    await db.delete(emailOutbox);
  });

  describe("Forgot Your Password (self-service)", () => {
    it("emails a 12+ character temporary password from an unambiguous alphabet, stored only as an argon2id hash, valid 48 hours", async () => {
      const before = await contactRow(BUYER.username);
      await forgot(demo, "CornerBuyer");
      const { password, email } = await temporaryPasswordMailedTo(BUYER.email);

      expect(password.length).toBeGreaterThanOrEqual(12);
      expect([...password].every((c) => TEMP_PASSWORD_ALPHABET.includes(c))).toBe(true);
      expect(password).not.toMatch(/[0O1lI]/);
      expect(password).toMatch(/[A-Za-z]/);
      expect(password).toMatch(/\d/);
      expect(email.subject).toBe("Your temporary password for the Demo Wholesale storefront");
      expect(email.text).toContain("https://shop.example.test/store/demo/login");
      expect(email.text).toContain("48 hours");
      expect(email.text).toContain("Didn't ask for this?");

      const after = await contactRow(BUYER.username);
      expect(CONTACT_TEMP_PASSWORD.ttlHours).toBe(48);
      expect(after.tempPasswordHash).toMatch(/^\$argon2id\$/);
      expect(after.tempPasswordHash).not.toContain(password);
      const ttl = after.tempPasswordExpiresAt!.getTime() - after.tempPasswordIssuedAt!.getTime();
      expect(ttl).toBe(48 * 3600_000);
      // A self-service request changes nothing else.
      expect(after.passwordHash).toBe(before.passwordHash);
      expect(after.sessionVersion).toBe(before.sessionVersion);
      expect(after.mustChangePassword).toBe(false);
      expect(await auditCount("contact.reset_requested", after.id)).toBe(1);
      expect(await auditCount("contact.temp_password_issued", after.id)).toBe(1);
    });

    it("keeps the old password working; signing in with it cancels the temporary password", async () => {
      await forgot(demo, BUYER.username);
      const { password: temporary } = await temporaryPasswordMailedTo(BUYER.email);

      const result = await signIn(demo, BUYER.username, DEMO_PASSWORD);
      expect(result).toMatchObject({ ok: true, with: "password", contact: { mustChangePassword: false } });
      const row = await contactRow(BUYER.username);
      expect(row.tempPasswordHash).toBeNull();
      expect(row.tempPasswordIssuedAt).toBeInstanceOf(Date);
      expect(await signIn(demo, BUYER.username, temporary)).toEqual({ ok: false, reason: "invalid" });
      expect(await auditCount("contact.temp_password_cancelled", row.id)).toBe(1);
      expect((await getContactDetails(demo.id, row.id))!.temporaryPassword.status).toBe("cancelled");
    });

    it("signs in once with the temporary password, which revokes the old one and requires a new password", async () => {
      const before = await contactRow(BUYER.username);
      await forgot(demo, BUYER.username);
      const { password: temporary } = await temporaryPasswordMailedTo(BUYER.email);

      const first = await signIn(demo, BUYER.username, temporary);
      expect(first).toMatchObject({ ok: true, with: "temporary_password", contact: { mustChangePassword: true, sessionVersion: before.sessionVersion + 1 } });
      const row = await contactRow(BUYER.username);
      expect(row.mustChangePassword).toBe(true);
      expect(row.passwordHash).toBeNull();
      expect(row.tempPasswordUsedAt).toBeInstanceOf(Date);

      // Single use, and the old password has stopped working.
      expect(await signIn(demo, BUYER.username, temporary)).toEqual({ ok: false, reason: "temporary_used" });
      expect(await signIn(demo, BUYER.username, DEMO_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
      expect(CONTACT_SIGN_IN_MESSAGES.temporary_used).toMatch(/Request a new one/);
      expect((await getContactDetails(demo.id, row.id))!.temporaryPassword.status).toBe("awaiting_new_password");
    });

    it("accepts only one of two concurrent sign-ins with the same temporary password", async () => {
      await forgot(demo, BUYER.username);
      const { password: temporary } = await temporaryPasswordMailedTo(BUYER.email);
      const results = await Promise.all([signIn(demo, BUYER.username, temporary), signIn(demo, BUYER.username, temporary)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: "temporary_used" });
    });

    it(`expires after ${CONTACT_TEMP_PASSWORD.ttlHours} hours with a message to request a new one`, async () => {
      await forgot(demo, BUYER.username);
      const { password: temporary } = await temporaryPasswordMailedTo(BUYER.email);
      const db = await getDb();
      // Issued 48 hours and a second ago.
      await db
        .update(contacts)
        .set({ tempPasswordIssuedAt: sql`now() - interval '48 hours 1 second'`, tempPasswordExpiresAt: sql`now() - interval '1 second'` })
        .where(eq(contacts.username, BUYER.username));

      const result = await signIn(demo, BUYER.username, temporary);
      expect(result).toEqual({ ok: false, reason: "temporary_expired" });
      expect(CONTACT_SIGN_IN_MESSAGES.temporary_expired).toBe(
        "This temporary password has expired. Request a new one with Forgot Your Password.",
      );
      const row = await contactRow(BUYER.username);
      expect(row.failedSignIns).toBe(0);
      expect(row.mustChangePassword).toBe(false);
      expect((await getContactDetails(demo.id, row.id))!.temporaryPassword.status).toBe("expired");
      // The old password was never revoked by the self-service request.
      expect((await signIn(demo, BUYER.username, DEMO_PASSWORD)).ok).toBe(true);
    });

    it("answers the same and sends nothing for unknown usernames, contacts without website access and other organizations' contacts", async () => {
      const db = await getDb();
      await db.update(contacts).set({ websiteAccess: false }).where(eq(contacts.username, OWNER.username));
      await forgot(demo, "nobody-here");
      await forgot(demo, OWNER.username);
      await forgot(demo, HARBOUR.username);
      expect(await countEmailsTo(OWNER.email)).toBe(0);
      expect(await countEmailsTo(HARBOUR.email)).toBe(0);
      const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(emailOutbox)) as [{ n: number }];
      expect(n).toBe(0);
    });
  });

  describe("the organization's username setting", () => {
    it("puts the username in the email only when the setting is on", async () => {
      expect(await getOrganizationSettings(demo.id)).toEqual({ includeUsernameInContactEmails: false });
      await forgot(demo, BUYER.username);
      const off = await temporaryPasswordMailedTo(BUYER.email);
      expect(off.email.text).not.toContain(BUYER.username);
      expect(off.email.html).not.toContain(BUYER.username);

      await updateContactEmailSettings(demo.id, { includeUsernameInContactEmails: true }, { userId: adminId }, meta());
      await forgot(demo, BUYER.username);
      const on = await temporaryPasswordMailedTo(BUYER.email);
      expect(on.email.text).toContain(`Username: ${BUYER.username}`);
      expect(await auditCount("organization.settings_changed", demo.id)).toBeGreaterThanOrEqual(1);

      // Only this organization's emails change.
      expect(await getOrganizationSettings(other.id)).toEqual({ includeUsernameInContactEmails: false });
      await forgot(other, HARBOUR.username);
      expect((await temporaryPasswordMailedTo(HARBOUR.email)).email.text).not.toContain(HARBOUR.username);
    });
  });

  describe("staff reset", () => {
    it("revokes the old password at once, ends the contact's sessions, and never returns the password", async () => {
      const before = await contactRow(OWNER.username);
      const result = await resetContactPasswordByStaff(demo.id, before.id, { userId: adminId, via: "console" }, meta());
      expect(result).toMatchObject({ status: "sent", email: OWNER.email });
      const { password: temporary } = await temporaryPasswordMailedTo(OWNER.email);
      expect(JSON.stringify(result)).not.toContain(temporary);

      const after = await contactRow(OWNER.username);
      expect(after.passwordHash).toBeNull();
      expect(after.sessionVersion).toBe(before.sessionVersion + 1);
      expect(await signIn(demo, OWNER.username, DEMO_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
      expect(await auditCount("contact.admin_reset_requested", before.id)).toBe(1);

      const details = (await getContactDetails(demo.id, before.id))!;
      expect(details.hasPassword).toBe(false);
      expect(details.temporaryPassword).toMatchObject({ status: "pending", requestedBy: { via: "console", staffName: "Ada Admin" } });
      expect(details.temporaryPassword.lastSentAt).toBeInstanceOf(Date);

      const signedIn = await signIn(demo, OWNER.username, temporary);
      expect(signedIn).toMatchObject({ ok: true, with: "temporary_password", contact: { mustChangePassword: true } });
    });

    it("refuses a contact without website access", async () => {
      const owner = await contactRow(OWNER.username);
      await setContactWebsiteAccess(demo.id, owner.id, false, { userId: adminId }, meta());
      expect(await resetContactPasswordByStaff(demo.id, owner.id, { userId: adminId, via: "console" }, meta())).toEqual({ status: "no_website_access" });
      expect(await countEmailsTo(OWNER.email)).toBe(0);
    });
  });

  describe("the forced change", () => {
    async function signedInWithTemporary(username: string, email: string) {
      const row = await contactRow(username);
      await resetContactPasswordByStaff(demo.id, row.id, { userId: adminId, via: "console" }, meta());
      const { password } = await temporaryPasswordMailedTo(email);
      const result = await signIn(demo, username, password);
      if (!result.ok) throw new Error(result.reason);
      return { temporary: password, session: { contactId: row.id, organizationId: demo.id, sessionVersion: result.contact.sessionVersion } };
    }

    it('applies the contact rules: "abcdefgh" and "12345678" are refused, "abcdefg1" is accepted', async () => {
      const { temporary, session } = await signedInWithTemporary(OWNER.username, OWNER.email);
      const change = (newPassword: string, confirmPassword = newPassword) => changeContactPassword(session, { newPassword, confirmPassword }, meta());

      const cases: [string, string, "newPassword" | "confirmPassword", RegExp][] = [
        ["abcdefgh", "abcdefgh", "newPassword", /needs a number/],
        ["12345678", "12345678", "newPassword", /needs a letter/],
        ["abc1", "abc1", "newPassword", /at least 8 characters/],
        [`a1${"x".repeat(127)}`, `a1${"x".repeat(127)}`, "newPassword", /at most 128 characters/],
        [temporary, temporary, "newPassword", /different from your temporary password/],
        ["abcdefg1", "abcdefg2", "confirmPassword", /do not match/],
      ];
      for (const [password, confirm, field, message] of cases) {
        const result = await change(password, confirm);
        expect(result.ok, password.slice(0, 20)).toBe(false);
        if (!result.ok) expect(result.fieldErrors?.[field], password.slice(0, 20)).toMatch(message);
      }
      expect((await contactRow(OWNER.username)).mustChangePassword).toBe(true);

      const saved = await change("abcdefg1");
      expect(saved).toEqual({ ok: true, sessionVersion: session.sessionVersion + 1 });
      const row = await contactRow(OWNER.username);
      expect(row.mustChangePassword).toBe(false);
      expect(row.tempPasswordHash).toBeNull();
      expect(row.passwordChangedAt).toBeInstanceOf(Date);
      expect((await latestEmailTo(OWNER.email))!.template).toBe("contact-password-changed");
      expect(await auditCount("contact.password_changed", row.id)).toBe(1);
      expect((await getContactDetails(demo.id, row.id))!.temporaryPassword.status).toBe("completed");

      expect(await signIn(demo, OWNER.username, "abcdefg1")).toMatchObject({ ok: true, with: "password", contact: { mustChangePassword: false } });
      expect(await signIn(demo, OWNER.username, temporary)).toEqual({ ok: false, reason: "invalid" });
      // Done once: the old session version is over, and there is nothing left to force.
      expect(await change("abcdefg9")).toMatchObject({ ok: false, reason: "signed_out" });
      expect(await changeContactPassword({ ...session, sessionVersion: saved.ok ? saved.sessionVersion : 0 }, { newPassword: "abcdefg9", confirmPassword: "abcdefg9" }, meta())).toMatchObject({ ok: false, reason: "not_required" });
    });
  });

  describe("organization isolation", () => {
    it("scopes every staff-facing function to the acting organization", async () => {
      const owner = await contactRow(OWNER.username);
      const actor = { userId: adminId, via: "console" as const };

      expect((await searchContacts(other.id, "Corner")).rows).toEqual([]);
      expect((await searchContacts(other.id, "")).rows.map((r) => r.username)).toEqual([HARBOUR.username]);
      expect(await getContactDetails(other.id, owner.id)).toBeNull();
      expect(await resetContactPasswordByStaff(other.id, owner.id, actor, meta())).toEqual({ status: "not_found" });
      expect(await setContactWebsiteAccess(other.id, owner.id, false, { userId: adminId }, meta())).toEqual({ status: "not_found" });
      expect(await changeContactPassword({ contactId: owner.id, organizationId: other.id, sessionVersion: owner.sessionVersion }, { newPassword: "abcdefg1", confirmPassword: "abcdefg1" }, meta())).toMatchObject({ ok: false, reason: "signed_out" });

      const unchanged = await contactRow(OWNER.username);
      expect(unchanged).toMatchObject({ passwordHash: owner.passwordHash, websiteAccess: true, tempPasswordHash: null, sessionVersion: owner.sessionVersion });
      expect(await countEmailsTo(OWNER.email)).toBe(0);

      // Ids that are not UUIDs are "not found", never a database error.
      expect(await getContactDetails(demo.id, "not-a-uuid")).toBeNull();
      expect(await resetContactPasswordByStaff(demo.id, "1; drop table contacts", actor, meta())).toEqual({ status: "not_found" });
      expect(await setContactWebsiteAccess(demo.id, "", true, { userId: adminId }, meta())).toEqual({ status: "not_found" });
    });

    it("signs a contact in only on their own organization's storefront", async () => {
      expect(await signIn(demo, HARBOUR.username, DEMO_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
      expect(await signIn(other, HARBOUR.username, DEMO_PASSWORD)).toMatchObject({ ok: true });
      expect(await signIn(other, BUYER.username, DEMO_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    });

    it("checks a storefront session's row, organization, contact and version against the database", async () => {
      const buyer = await contactRow(BUYER.username);
      const db = await getDb();
      const start = (sessionVersion: number) =>
        startBrowserSession(db, { kind: "storefront", organizationId: demo.id, contactId: buyer.id, sessionVersion }, meta());
      const check = async (sessionId: string, store: Storefront) => {
        const claims = openContactSession(sealContactSession({ contactId: buyer.id, organizationId: demo.id, sessionId }))!;
        return resolveContactSession(claims, store, await findSessionContact(buyer.id), await findLiveBrowserSession("storefront", sessionId));
      };
      const { id } = await start(buyer.sessionVersion);
      expect(await check(id, demo)).toMatchObject({ id: buyer.id, retailerName: "Corner Store", sessionId: id });
      // Presented on another organization's storefront.
      expect(await check(id, other)).toBeNull();
      // A session that was signed out.
      const ended = await start(buyer.sessionVersion);
      await endBrowserSession(db, ended.id);
      expect(await check(ended.id, demo)).toBeNull();
      // A console session's row does not open the storefront.
      const [staff] = await db.select({ id: users.id }).from(users).where(eq(users.organizationId, demo.id)).limit(1);
      const consoleRow = await startBrowserSession(db, { kind: "console", organizationId: demo.id, userId: staff!.id, sessionVersion: 1 }, meta());
      expect(await check(consoleRow.id, demo)).toBeNull();
      // After anything that moves the session version on (here: website access off).
      await setContactWebsiteAccess(demo.id, buyer.id, false, { userId: adminId }, meta());
      expect(await check(id, demo)).toBeNull();
      const fresh = await contactRow(BUYER.username);
      expect(fresh.sessionVersion).toBe(buyer.sessionVersion + 1);
      // Website access itself is checked too.
      expect(await check((await start(fresh.sessionVersion)).id, demo)).toBeNull();
    });
  });

  describe("website access", () => {
    it("off refuses sign-in, ends sessions and cancels a pending temporary password; on restores the password", async () => {
      await forgot(demo, BUYER.username);
      const buyer = await contactRow(BUYER.username);
      expect(await setContactWebsiteAccess(demo.id, buyer.id, false, { userId: adminId }, meta())).toEqual({ status: "updated", websiteAccess: false, welcome: null });
      const off = await contactRow(BUYER.username);
      expect(off.tempPasswordHash).toBeNull();
      expect(off.sessionVersion).toBe(buyer.sessionVersion + 1);
      expect(await signIn(demo, BUYER.username, DEMO_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
      expect(await auditCount("contact.updated", buyer.id)).toBeGreaterThanOrEqual(1);

      expect(await setContactWebsiteAccess(demo.id, buyer.id, true, { userId: adminId }, meta())).toEqual({ status: "updated", websiteAccess: true, welcome: "not_needed" });
      expect((await signIn(demo, BUYER.username, DEMO_PASSWORD)).ok).toBe(true);
    });

    it("off voids a temporary password already emailed: with access back on, it does not sign in (a new welcome does)", async () => {
      const buyer = await contactRow(BUYER.username);
      expect(await resetContactPasswordByStaff(demo.id, buyer.id, { userId: adminId, via: "console" }, meta())).toMatchObject({ status: "sent" });
      const { password } = await temporaryPasswordMailedTo(BUYER.email);
      expect(await setContactWebsiteAccess(demo.id, buyer.id, false, { userId: adminId }, meta())).toEqual({ status: "updated", websiteAccess: false, welcome: null });
      expect((await getContactDetails(demo.id, buyer.id))!.temporaryPassword.status).toBe("cancelled");
      // The staff reset revoked their own password, so access back on emails a welcome with a new temporary one.
      expect(await setContactWebsiteAccess(demo.id, buyer.id, true, { userId: adminId }, meta())).toEqual({ status: "updated", websiteAccess: true, welcome: "sent" });
      expect(await signIn(demo, BUYER.username, password)).toEqual({ ok: false, reason: "invalid" });
      expect((await latestEmailTo(BUYER.email))?.template).toBe("contact-welcome");
      const db = await getDb();
      const [cancelled] = await db
        .select({ actorId: auditEvents.actorId, details: auditEvents.details })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "contact.temp_password_cancelled"), eq(auditEvents.targetId, buyer.id)))
        .orderBy(sql`${auditEvents.id} desc`)
        .limit(1);
      expect(cancelled).toEqual({ actorId: adminId, details: { reason: "website_access_off" } });
    });
  });

  describe("search and details", () => {
    beforeAll(async () => {
      const db = await getDb();
      const [retailer] = await db.insert(retailers).values({ organizationId: demo.id, name: "Zed 100% Mart" }).returning({ id: retailers.id });
      await db.insert(contacts).values(
        ["Ann Apple", "Ben Banana", "Cat Cherry"].map((name, i) => ({
          organizationId: demo.id,
          retailerId: retailer!.id,
          name,
          email: `zed${i}@zed.test`,
          username: `zed${i}`,
        })),
      );
    });

    it("finds contacts by retailer name or contact name, case-insensitively", async () => {
      const names = async (q: string) => (await searchContacts(demo.id, q)).rows.map((r) => r.name);
      expect(await names("corner store")).toEqual(["Bea Buyer", "Owen Owner"]);
      expect(await names("CORNER")).toEqual(["Bea Buyer", "Owen Owner"]);
      expect(await names("owen")).toEqual(["Owen Owner"]);
      expect(await names("cherry")).toEqual(["Cat Cherry"]);
      expect(await names("nothing like this")).toEqual([]);
      // LIKE wildcards are searched for literally.
      expect(await names("100%")).toEqual(["Ann Apple", "Ben Banana", "Cat Cherry"]);
      expect(await names("%")).toEqual(["Ann Apple", "Ben Banana", "Cat Cherry"]);
      expect(await names("_")).toEqual([]);
      expect(await names("")).toHaveLength(5);
    });

    it("pages the results", async () => {
      const first = await searchContacts(demo.id, "", { pageSize: 2 });
      expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2, pageCount: 3 });
      expect(first.rows.map((r) => r.name)).toEqual(["Bea Buyer", "Owen Owner"]);
      const third = await searchContacts(demo.id, "", { pageSize: 2, page: 3 });
      expect(third.rows.map((r) => r.name)).toEqual(["Cat Cherry"]);
      expect((await searchContacts(demo.id, "", { pageSize: 2, page: 9 })).rows).toEqual([]);
    });

    it("is served by trigram indexes on retailer and contact names", async () => {
      const db = await getDb();
      const result = await db.execute(sql`select indexname from pg_indexes where indexname in ('retailers_name_trgm_idx', 'contacts_name_trgm_idx') order by indexname`);
      const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { indexname: string }[];
      expect(rows.map((r) => r.indexname)).toEqual(["contacts_name_trgm_idx", "retailers_name_trgm_idx"]);
    });

    it("never carries a hash or a password in a contact's details", async () => {
      await forgot(demo, BUYER.username);
      const buyer = await contactRow(BUYER.username);
      const details = (await getContactDetails(demo.id, buyer.id))!;
      expect(details).toMatchObject({ name: "Bea Buyer", retailerName: "Corner Store", hasPassword: true, websiteAccess: true });
      expect(details.temporaryPassword).toMatchObject({ status: "pending", requestedBy: { via: "storefront", staffName: null } });
      const json = JSON.stringify(details);
      expect(json).not.toContain("argon2");
      expect(json).not.toContain(buyer.passwordHash!);
      expect(Object.keys(details)).not.toEqual(expect.arrayContaining(["passwordHash"]));
      const search = JSON.stringify(await searchContacts(demo.id, ""));
      expect(search).not.toContain("argon2");
    });
  });

  describe("rate limits and lock-out", () => {
    it(`sends at most ${CONTACT_TEMP_PASSWORD.emailsPerHour} temporary passwords per username per hour, answering the same`, async () => {
      for (let i = 0; i < CONTACT_TEMP_PASSWORD.emailsPerHour + 1; i++) await forgot(demo, BUYER.username);
      expect(await countEmailsTo(BUYER.email, "contact-temporary-password")).toBe(CONTACT_TEMP_PASSWORD.emailsPerHour);
      const buyer = await contactRow(BUYER.username);
      expect(await auditCount("contact.reset_suppressed", buyer.id)).toBe(1);
      // The same hourly budget holds for staff, who are told so.
      expect(await resetContactPasswordByStaff(demo.id, buyer.id, { userId: adminId, via: "console" }, meta())).toMatchObject({ status: "suppressed" });
    });

    it("limits Forgot Your Password requests per IP", async () => {
      const ip = { ip: "192.0.2.77", userAgent: "vitest" };
      for (let i = 0; i < 5; i++) expect(await requestContactPasswordReset(demo.id, `nobody${i}`, ip)).toEqual({ status: "accepted" });
      expect(await requestContactPasswordReset(demo.id, BUYER.username, ip)).toMatchObject({ status: "rate_limited" });
      expect(await countEmailsTo(BUYER.email)).toBe(0);
    });

    it("limits storefront sign-ins per IP and per username", async () => {
      const ip = { ip: "192.0.2.88", userAgent: "vitest" };
      for (let i = 0; i < 6; i++) expect((await signInContact(demo.id, { username: `ghost${i}`, password: "x" }, ip)).ok).toBe(false);
      expect(await signInContact(demo.id, { username: BUYER.username, password: DEMO_PASSWORD }, ip)).toMatchObject({ ok: false, reason: "rate_limited" });

      // Per username, from many addresses; unknown usernames are counted the same.
      for (let i = 0; i < 12; i++) expect(await signIn(demo, "Ghost", "x")).toEqual({ ok: false, reason: "invalid" });
      expect(await signIn(demo, "ghost", "x")).toMatchObject({ ok: false, reason: "rate_limited" });
      // Another organization's username of the same name has its own budget.
      expect(await signIn(other, "ghost", "x")).toEqual({ ok: false, reason: "invalid" });
    });

    it(`locks a contact after ${LOCKOUT.threshold} wrong passwords; an admin reset unlocks`, async () => {
      let last;
      for (let i = 0; i < LOCKOUT.threshold; i++) last = await signIn(demo, OWNER.username, `wrong-${i}`);
      expect(last).toMatchObject({ ok: false, reason: "locked" });
      expect(await signIn(demo, OWNER.username, DEMO_PASSWORD)).toMatchObject({ ok: false, reason: "locked" });
      const owner = await contactRow(OWNER.username);
      expect(await auditCount("contact.locked", owner.id)).toBe(1);
      expect((await getContactDetails(demo.id, owner.id))!.locked).toBe(true);

      await resetContactPasswordByStaff(demo.id, owner.id, { userId: adminId, via: "console" }, meta());
      const { password } = await temporaryPasswordMailedTo(OWNER.email);
      expect(await signIn(demo, OWNER.username, password)).toMatchObject({ ok: true, with: "temporary_password" });
    });
  });
});
