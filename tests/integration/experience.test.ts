import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.APP_URL = "https://shop.example.test";
});

import { getDb } from "@/lib/infra/database";
import { auditEvents, contacts, organizations, passwordResets, users } from "@/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@/lib/infra/demo-seed";
import { changeOwnContactPassword } from "@/lib/contacts/account";
import { signInContact } from "@/lib/contacts/sign-in";
import { verifySecret } from "@/lib/credentials/hashing";
import { setTransport } from "@/lib/mail";
import { LOCKOUT } from "@/lib/credentials/lockout";
import { requestPasswordReset } from "@/lib/staff/reset-request";
import { findPendingReset } from "@/lib/staff/pending-reset";
import { latestEmailTo } from "../helpers/outbox";

const meta = { ip: "10.9.9.9", userAgent: "vitest" };
const NEW = "lantern42x";

async function contactRow(username: string) {
  const [row] = await (await getDb()).select().from(contacts).where(eq(contacts.username, username));
  return row!;
}

async function orgId(slug: string) {
  const [row] = await (await getDb()).select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
  return row!.id;
}

describe("issue 14: the storefront account page and User Details' pending reset", () => {
  beforeAll(async () => {
    setTransport(null);
    await seedDemo(await getDb());
  });

  it("a signed-in contact changes their password: existing checked, rules, other sessions end, an email in the organization's name", async () => {
    const before = await contactRow("cornerowner");
    const session = { contactId: before.id, organizationId: before.organizationId, sessionVersion: before.sessionVersion };

    expect(await changeOwnContactPassword(session, { currentPassword: DEMO_PASSWORD, newPassword: NEW, confirmPassword: `${NEW}!` }, meta)).toMatchObject({
      ok: false,
      fieldErrors: { confirmPassword: "The two new passwords do not match." },
    });
    expect(await changeOwnContactPassword(session, { currentPassword: "wrong-one", newPassword: NEW, confirmPassword: NEW }, meta)).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: "That is not your existing password." },
    });
    expect((await contactRow("cornerowner")).failedSignIns).toBe(1);
    expect(await changeOwnContactPassword(session, { currentPassword: DEMO_PASSWORD, newPassword: "abcdefgh", confirmPassword: "abcdefgh" }, meta)).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: "The password needs a number." },
    });

    const result = await changeOwnContactPassword(session, { currentPassword: DEMO_PASSWORD, newPassword: NEW, confirmPassword: NEW }, meta);
    expect(result).toEqual({ ok: true, sessionVersion: before.sessionVersion + 1 });
    const after = await contactRow("cornerowner");
    expect(await verifySecret(after.passwordHash!, NEW)).toBe(true);
    expect(after.failedSignIns).toBe(0);
    const mail = await latestEmailTo(after.email);
    expect(mail?.template).toBe("contact-password-changed");
    expect(mail?.subject).toBe("Your Demo Wholesale storefront password was changed");
    const audit = await (await getDb()).select({ details: auditEvents.details }).from(auditEvents).where(eq(auditEvents.action, "contact.password_changed"));
    expect(audit.map((a) => a.details)).toContainEqual({ how: "storefront_account" });

    // The old session version is over: a second browser's cookie no longer works here.
    expect(await changeOwnContactPassword(session, { currentPassword: NEW, newPassword: "another42x", confirmPassword: "another42x" }, meta)).toMatchObject({
      ok: false,
      reason: "signed_out",
    });
    expect(await signInContact(after.organizationId, { username: "cornerowner", password: NEW }, meta)).toMatchObject({ ok: true });
  });

  it("guessing the existing password through the account page locks the contact like sign-in does", async () => {
    const row = await contactRow("harbourbuyer");
    const session = { contactId: row.id, organizationId: row.organizationId, sessionVersion: row.sessionVersion };
    let last;
    for (let i = 0; i < LOCKOUT.threshold; i++) {
      last = await changeOwnContactPassword(session, { currentPassword: `guess-${i}`, newPassword: NEW, confirmPassword: NEW }, meta);
    }
    expect(last).toMatchObject({ ok: false, reason: "locked_now" });
    // Even the right password is refused while locked.
    expect(await changeOwnContactPassword(session, { currentPassword: DEMO_PASSWORD, newPassword: NEW, confirmPassword: NEW }, meta)).toMatchObject({
      ok: false,
      reason: "locked",
    });
  });

  it("another organization's session cannot change a contact's password", async () => {
    const row = await contactRow("cornerbuyer");
    const session = { contactId: row.id, organizationId: await orgId("other"), sessionVersion: row.sessionVersion };
    expect(await changeOwnContactPassword(session, { currentPassword: DEMO_PASSWORD, newPassword: NEW, confirmPassword: NEW }, meta)).toMatchObject({
      ok: false,
      reason: "signed_out",
    });
    expect(await verifySecret((await contactRow("cornerbuyer")).passwordHash!, DEMO_PASSWORD)).toBe(true);
  });

  it("User Details' pending reset: shown until used or expired, never across organizations", async () => {
    const db = await getDb();
    const [user] = await db.select({ id: users.id, organizationId: users.organizationId }).from(users).where(eq(users.username, "dual@demo.test"));
    expect(await findPendingReset(user!.organizationId, user!.id)).toBeNull();

    await requestPasswordReset("dual@demo.test", meta, { via: "forgot-password" });
    const pending = await findPendingReset(user!.organizationId, user!.id);
    expect(pending).toMatchObject({ purpose: "reset" });
    expect(pending!.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await findPendingReset(await orgId("other"), user!.id)).toBeNull();

    await db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.userId, user!.id));
    expect(await findPendingReset(user!.organizationId, user!.id)).toBeNull();
  });
});
