import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.APP_URL = "https://shop.example.test";
});

import { getDb } from "@/lib/infra/database";
import { auditEvents, contacts, emailOutbox, organizations, rateLimits, users } from "@/db/schema";
import { seedDemo } from "@/lib/infra/demo-seed";
import { addContact, editContact, listRetailerContacts, newContactSchema, removeContact } from "@/lib/contacts/provisioning";
import { changeContactPassword } from "@/lib/contacts/forced-change";
import { signInContact } from "@/lib/contacts/sign-in";
import { getContactDetails, searchContacts } from "@/lib/contacts/search";
import { setContactWebsiteAccess } from "@/lib/contacts/website-access";
import { resetContactPasswordByStaff } from "@/lib/contacts/temporary-passwords";
import { contactExportRows, CONTACT_EXPORT_HEADER } from "@/lib/contacts/export";
import { userExportRows } from "@/lib/staff/export";
import { createRetailer, getRetailer, retailerInputSchema, searchRetailers, updateRetailer, type Actor } from "@/lib/retailers/retailers";
import { csvStream } from "@/lib/web/csv";
import { startBrowserSession, findLiveBrowserSession } from "@/lib/sessions/records";
import { setTransport } from "@/lib/mail";
import { updateContactEmailSettings } from "@/lib/organizations/organizations";
import { adminOf } from "../helpers/actors";
import { countEmailsTo, latestEmailTo } from "../helpers/outbox";

let ipCounter = 0;
const meta = () => ({ ip: `10.9.${(++ipCounter >> 8) & 255}.${ipCounter & 255}`, userAgent: "vitest" });

let demo: Actor;
let other: Actor;
let demoRetailer: string;
let otherRetailer: string;

async function contactRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(contacts).where(eq(contacts.id, id));
  return row!;
}

async function temporaryPasswordIn(address: string) {
  const email = await latestEmailTo(address);
  const password = /Your temporary password:\s+(\S+)/.exec(email?.text ?? "")?.[1];
  if (!password) throw new Error(`no temporary password in: ${email?.text?.slice(0, 300)}`);
  return { password, email: email! };
}

let n = 0;
/** A contact input of its own per test, so no test depends on another's rows. */
function person(websiteAccess = false) {
  const k = ++n;
  return { name: `Pat Person ${k}`, username: `pat${k}`, email: `pat${k}@shop.test`, websiteAccess };
}

async function added(actor: Actor, retailerId: string, input = person()) {
  const result = await addContact(actor, retailerId, input, meta());
  if (!result.ok) throw new Error(`not added: ${result.reason}`);
  return { ...result, input };
}

const sessionOf = (c: { id: string; organizationId: string; sessionVersion: number }) => ({ contactId: c.id, organizationId: c.organizationId, sessionVersion: c.sessionVersion });

/** Whether a storefront session still counts: live, and of the contact's current session version (what currentSession checks). */
async function sessionStillValid(sessionId: string, contactId: string): Promise<boolean> {
  const live = await findLiveBrowserSession("storefront", sessionId);
  return Boolean(live) && live!.sessionVersion === (await contactRow(contactId)).sessionVersion;
}

const signIn = (organizationId: string, username: string, password: string) => signInContact(organizationId, { username, password }, meta());

describe("provisioning retailers and contacts", () => {
  beforeAll(async () => {
    setTransport(null);
    const db = await getDb();
    await seedDemo(db);
    demo = await adminOf("demo");
    other = await adminOf("other");
    const a = await createRetailer(demo, { name: "Provisioned Shop", code: "PROV-1" }, meta());
    const b = await createRetailer(other, { name: "Other's Shop", code: null }, meta());
    if (!a.ok || !b.ok) throw new Error("retailers not created");
    demoRetailer = a.retailerId;
    otherRetailer = b.retailerId;
  });

  beforeEach(async () => {
    const db = await getDb();
    await db.delete(rateLimits);
    await db.delete(emailOutbox);
    await db.update(organizations).set({ settings: {} });
  });

  describe("retailers", () => {
    it("creates a retailer with an audit event, and refuses an account code already used in the organization whatever its case", async () => {
      const created = await createRetailer(demo, retailerInputSchema.parse({ name: "  Corner Deli ", code: " cd-77 " }), meta());
      expect(created.ok).toBe(true);
      if (!created.ok) return;
      expect(await getRetailer(demo.organizationId, created.retailerId)).toMatchObject({ name: "Corner Deli", code: "cd-77" });
      expect(await createRetailer(demo, { name: "Another", code: "CD-77" }, meta())).toEqual({ ok: false, reason: "code_taken" });
      // Another organization may use the same code, and retailers without a code never clash.
      expect((await createRetailer(other, { name: "Elsewhere", code: "cd-77" }, meta())).ok).toBe(true);
      expect((await createRetailer(demo, { name: "No code 1", code: null }, meta())).ok).toBe(true);
      expect((await createRetailer(demo, { name: "No code 2", code: null }, meta())).ok).toBe(true);
      const db = await getDb();
      const events = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "retailer.created"), eq(auditEvents.targetId, created.retailerId)));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ organizationId: demo.organizationId, actorId: demo.id, targetType: "retailer" });
    });

    it("renames a retailer and keeps its own code, refuses another's code, and answers not found for another organization's retailer", async () => {
      const created = await createRetailer(demo, { name: "Rename Me", code: "RN-1" }, meta());
      if (!created.ok) throw new Error("not created");
      expect(await updateRetailer(demo, created.retailerId, { name: "Renamed", code: "rn-1" }, meta())).toEqual({ ok: true });
      expect(await getRetailer(demo.organizationId, created.retailerId)).toMatchObject({ name: "Renamed", code: "rn-1" });
      expect(await updateRetailer(demo, created.retailerId, { name: "Renamed", code: "prov-1" }, meta())).toEqual({ ok: false, reason: "code_taken" });
      expect(await updateRetailer(demo, otherRetailer, { name: "Hijacked", code: null }, meta())).toEqual({ ok: false, reason: "not_found" });
      expect(await updateRetailer(demo, "not-a-uuid", { name: "x", code: null }, meta())).toEqual({ ok: false, reason: "not_found" });
      expect(await getRetailer(other.organizationId, otherRetailer)).toMatchObject({ name: "Other's Shop" });
      expect(await getRetailer(demo.organizationId, otherRetailer)).toBeNull();
    });

    it("searches retailers by name or code within the organization only, with contact counts that leave removed contacts out", async () => {
      const a = await added(demo, demoRetailer);
      await added(demo, demoRetailer);
      await removeContact(demo, a.contactId, meta());
      const found = await searchRetailers(demo.organizationId, "prov-");
      expect(found.rows.map((r) => r.id)).toEqual([demoRetailer]);
      expect(found.rows[0]!.contactCount).toBe((await listRetailerContacts(demo.organizationId, demoRetailer)).length);
      expect((await searchRetailers(demo.organizationId, "Other's")).total).toBe(0);
      expect((await searchRetailers(demo.organizationId, "%")).total).toBe(0);
      const paged = await searchRetailers(demo.organizationId, "", { pageSize: 2, page: 1 });
      expect(paged.rows).toHaveLength(2);
      expect(paged.pageCount).toBe(Math.ceil(paged.total / 2));
    });

    it("refuses bad input at the edge with a message per field", () => {
      const parsed = retailerInputSchema.safeParse({ name: " ", code: "x".repeat(51) });
      expect(parsed.success).toBe(false);
      const fields = Object.fromEntries(parsed.error!.issues.map((i) => [String(i.path[0]), i.message]));
      expect(fields.name).toBe("Enter the retailer's name.");
      expect(fields.code).toMatch(/at most 50/);
      expect(retailerInputSchema.safeParse({ name: "Nul\u0000Shop" }).success).toBe(false);
    });
  });

  describe("contacts", () => {
    it("adds a contact to the organization's retailer; another organization's retailer is not found", async () => {
      const { contactId, input } = await added(demo, demoRetailer);
      const row = await contactRow(contactId);
      expect(row).toMatchObject({ organizationId: demo.organizationId, retailerId: demoRetailer, username: input.username, websiteAccess: false, passwordHash: null });
      expect(await addContact(demo, otherRetailer, person(), meta())).toEqual({ ok: false, reason: "retailer_not_found" });
      expect(await countEmailsTo(input.email)).toBe(0);
    });

    it("keeps usernames unique within the organization whatever their case, but not across organizations", async () => {
      const { input } = await added(demo, demoRetailer);
      expect(await addContact(demo, demoRetailer, { ...person(), username: input.username.toUpperCase() }, meta())).toEqual({ ok: false, reason: "username_taken" });
      expect((await addContact(other, otherRetailer, { ...person(), username: input.username }, meta())).ok).toBe(true);
      const second = await added(demo, demoRetailer);
      expect(await editContact(demo, second.contactId, { ...second.input, username: ` ${input.username}`.trim().toUpperCase() }, meta())).toEqual({
        ok: false,
        reason: "username_taken",
      });
    });

    it("parses the Add contact form: trimmed, a real email address, the checkbox as a boolean", () => {
      expect(newContactSchema.parse({ name: " Ann ", username: " ann ", email: "ann@shop.test", websiteAccess: "on" })).toEqual({
        name: "Ann",
        username: "ann",
        email: "ann@shop.test",
        websiteAccess: true,
      });
      expect(newContactSchema.parse({ name: "Ann", username: "ann", email: "ann@shop.test" }).websiteAccess).toBe(false);
      const bad = newContactSchema.safeParse({ name: "", username: "", email: "not an address", websiteAccess: "yes" });
      expect(bad.success).toBe(false);
      expect(new Set(bad.error!.issues.map((i) => i.path[0]))).toEqual(new Set(["name", "username", "email", "websiteAccess"]));
    });

    it("with website access, enqueues exactly one welcome email whose temporary password signs in once and forces a new password", async () => {
      const { contactId, input, welcome } = await added(demo, demoRetailer, person(true));
      expect(welcome).toBe("sent");
      expect(await countEmailsTo(input.email)).toBe(1);
      expect(await countEmailsTo(input.email, "contact-welcome")).toBe(1);
      const { password, email } = await temporaryPasswordIn(input.email);
      // The organization's default leaves the username out of the email.
      expect(email.text).not.toContain(input.username);
      expect(email.text).toContain("48 hours");
      const row = await contactRow(contactId);
      expect(row.tempPasswordHash).toMatch(/^\$argon2id\$/);
      expect(row.tempPasswordExpiresAt!.getTime() - Date.now()).toBeGreaterThan(47.9 * 3600_000);

      const first = await signIn(demo.organizationId, input.username, password);
      expect(first).toMatchObject({ ok: true, with: "temporary_password", contact: { mustChangePassword: true } });
      if (!first.ok) return;
      expect(await signIn(demo.organizationId, input.username, password)).toMatchObject({ ok: false, reason: "temporary_used" });
      const changed = await changeContactPassword(sessionOf(first.contact), { newPassword: "myown1234", confirmPassword: "myown1234" }, meta());
      expect(changed.ok).toBe(true);
      expect(await signIn(demo.organizationId, input.username, "myown1234")).toMatchObject({ ok: true, with: "password", contact: { mustChangePassword: false } });
      expect(await getContactDetails(demo.organizationId, contactId)).toMatchObject({ temporaryPassword: { status: "completed" } });
    });

    it("names the username in the welcome only when the organization's setting says so", async () => {
      await updateContactEmailSettings(demo.organizationId, { includeUsernameInContactEmails: true }, { userId: demo.id }, meta());
      const { input } = await added(demo, demoRetailer, person(true));
      expect((await temporaryPasswordIn(input.email)).email.text).toContain(`Username: ${input.username}`);
    });

    it("turning website access on later sends the welcome once; off ends sessions and voids it; on again with a password of their own sends nothing", async () => {
      const { contactId, input } = await added(demo, demoRetailer);
      expect(await setContactWebsiteAccess(demo.organizationId, contactId, true, { userId: demo.id }, meta())).toEqual({ status: "updated", websiteAccess: true, welcome: "sent" });
      expect(await setContactWebsiteAccess(demo.organizationId, contactId, true, { userId: demo.id }, meta())).toEqual({ status: "updated", websiteAccess: true, welcome: null });
      expect(await countEmailsTo(input.email, "contact-welcome")).toBe(1);
      const { password } = await temporaryPasswordIn(input.email);
      const first = await signIn(demo.organizationId, input.username, password);
      if (!first.ok) throw new Error("temporary password refused");
      await changeContactPassword(sessionOf(first.contact), { newPassword: "myown1234", confirmPassword: "myown1234" }, meta());

      await setContactWebsiteAccess(demo.organizationId, contactId, false, { userId: demo.id }, meta());
      expect(await signIn(demo.organizationId, input.username, "myown1234")).toMatchObject({ ok: false, reason: "invalid" });
      expect(await setContactWebsiteAccess(demo.organizationId, contactId, true, { userId: demo.id }, meta())).toMatchObject({ welcome: "not_needed" });
      expect(await countEmailsTo(input.email, "contact-welcome")).toBe(1);
      expect(await signIn(demo.organizationId, input.username, "myown1234")).toMatchObject({ ok: true, with: "password" });
      expect(await setContactWebsiteAccess(other.organizationId, contactId, false, { userId: other.id }, meta())).toEqual({ status: "not_found" });
    });

    it("an email or username change ends the contact's sessions and voids the open temporary password; a name change does neither", async () => {
      const { contactId, input } = await added(demo, demoRetailer, person(true));
      const { password } = await temporaryPasswordIn(input.email);
      const before = await contactRow(contactId);
      const session = await startBrowserSession(await getDb(), { kind: "storefront", organizationId: demo.organizationId, contactId, sessionVersion: before.sessionVersion }, meta());

      expect(await editContact(demo, contactId, { ...input, name: "Pat Renamed" }, meta())).toEqual({ ok: true, sessionsEnded: false });
      expect(await sessionStillValid(session.id, contactId)).toBe(true);
      expect((await contactRow(contactId)).tempPasswordHash).not.toBeNull();

      const newEmail = `moved-${input.email}`;
      expect(await editContact(demo, contactId, { name: "Pat Renamed", username: input.username, email: newEmail }, meta())).toEqual({ ok: true, sessionsEnded: true });
      const after = await contactRow(contactId);
      expect(after).toMatchObject({ email: newEmail, tempPasswordHash: null, mustChangePassword: false });
      expect(after.sessionVersion).toBe(before.sessionVersion + 1);
      expect(await sessionStillValid(session.id, contactId)).toBe(false);
      expect(await signIn(demo.organizationId, input.username, password)).toMatchObject({ ok: false, reason: "invalid" });

      const db = await getDb();
      const cancelled = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "contact.temp_password_cancelled"), eq(auditEvents.targetId, contactId)));
      expect(cancelled.map((e) => e.details.reason)).toEqual(["email_changed"]);

      // A new temporary password, then a username change: it stops working too.
      await resetContactPasswordByStaff(demo.organizationId, contactId, { userId: demo.id, via: "console" }, meta());
      const reset = await temporaryPasswordIn(newEmail);
      expect(await editContact(demo, contactId, { name: "Pat Renamed", username: `${input.username}-new`, email: newEmail }, meta())).toMatchObject({ ok: true, sessionsEnded: true });
      expect(await signIn(demo.organizationId, `${input.username}-new`, reset.password)).toMatchObject({ ok: false, reason: "invalid" });
      expect(await editContact(other, contactId, { name: "x", username: "x", email: "x@x.test" }, meta())).toEqual({ ok: false, reason: "not_found" });
    });

    it("remove is soft: the row and its audit trail stay, sign-in and lists lose the contact, sessions end, and the username is free again", async () => {
      const { contactId, input } = await added(demo, demoRetailer, person(true));
      const { password } = await temporaryPasswordIn(input.email);
      const row = await contactRow(contactId);
      const session = await startBrowserSession(await getDb(), { kind: "storefront", organizationId: demo.organizationId, contactId, sessionVersion: row.sessionVersion }, meta());

      expect(await removeContact(other, contactId, meta())).toEqual({ ok: false, reason: "not_found" });
      expect(await removeContact(demo, contactId, meta())).toEqual({ ok: true, retailerId: demoRetailer, name: input.name });
      expect(await removeContact(demo, contactId, meta())).toEqual({ ok: false, reason: "not_found" });

      const kept = await contactRow(contactId);
      expect(kept.removedAt).toBeInstanceOf(Date);
      expect(kept).toMatchObject({ websiteAccess: false, tempPasswordHash: null });
      expect(await sessionStillValid(session.id, contactId)).toBe(false);
      expect(await signIn(demo.organizationId, input.username, password)).toMatchObject({ ok: false, reason: "invalid" });
      expect(await getContactDetails(demo.organizationId, contactId)).toBeNull();
      expect((await searchContacts(demo.organizationId, input.name)).total).toBe(0);
      expect((await listRetailerContacts(demo.organizationId, demoRetailer)).map((c) => c.id)).not.toContain(contactId);
      expect(await setContactWebsiteAccess(demo.organizationId, contactId, true, { userId: demo.id }, meta())).toEqual({ status: "not_found" });
      expect(await editContact(demo, contactId, input, meta())).toEqual({ ok: false, reason: "not_found" });

      // The same username, in another case, names a new contact; the removed one stays removed.
      const again = await addContact(demo, demoRetailer, { ...input, username: input.username.toUpperCase(), websiteAccess: false }, meta());
      expect(again.ok).toBe(true);
      const db = await getDb();
      const trail = await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, contactId));
      expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(["contact.created", "contact.welcome_sent", "contact.temp_password_issued", "contact.removed"]));
    });
  });

  describe("export", () => {
    async function csvOf(stream: ReadableStream<Uint8Array>) {
      // ignoreBOM keeps the byte-order mark in the text, so the test can see it is there.
      return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
    }

    it("streams the organization's contacts in batches, without removed contacts, other organizations or any secret, formulas neutralised", async () => {
      const risky = await added(demo, demoRetailer, { ...person(true), name: "=HYPERLINK(\"http://evil.test\")" });
      const gone = await added(demo, demoRetailer);
      await removeContact(demo, gone.contactId, meta());
      const foreign = await added(other, otherRetailer);
      const db = await getDb();
      const secrets = (await db.select({ h: contacts.tempPasswordHash }).from(contacts).where(eq(contacts.id, risky.contactId)))[0]!.h!;

      const csv = await csvOf(csvStream(CONTACT_EXPORT_HEADER, contactExportRows(demo.organizationId, 3)));
      expect(csv.startsWith("\uFEFFRetailer,Account code,Contact name,Username,Email,Website access,Last sign-in,Added\n")).toBe(true);
      const lines = csv.trim().split("\n");
      const all = await db.select({ removedAt: contacts.removedAt }).from(contacts).where(eq(contacts.organizationId, demo.organizationId));
      expect(lines.length - 1).toBe(all.filter((c) => !c.removedAt).length);
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
      expect(csv).not.toContain(gone.input.username + ",");
      expect(csv).not.toContain(foreign.input.username);
      expect(csv).not.toContain(secrets);
      expect(csv).not.toMatch(/\$argon2/);
    });

    it("streams the organization's users without a hash", async () => {
      const csv = await csvOf(csvStream(["Name"], userExportRows(demo.organizationId, 2)));
      expect(csv).toContain("admin@demo.test");
      expect(csv).not.toMatch(/\$argon2/);
      const db = await getDb();
      const count = (await db.select({ id: users.id }).from(users).where(eq(users.organizationId, demo.organizationId))).length;
      expect(csv.trim().split("\n").length - 1).toBe(count);
      expect(csv).not.toContain("@other");
    });
  });
});
