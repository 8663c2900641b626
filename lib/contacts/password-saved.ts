import "server-only";
import { createElement } from "react";
import { and, eq, type SQL } from "drizzle-orm";
import { contacts, organizations } from "@/db/schema";
import { getDb } from "@/lib/infra/database";
import ContactPasswordChangedEmail from "@/emails/contact-password-changed";
import { formatDateTime } from "@/lib/copy/format";
import { auditAccount, contactIdentity, type AccountKey } from "@/lib/credentials/identity";
import { saveNewPassword } from "@/lib/credentials/password-change";
import { deliverAfterResponse, enqueueEmail } from "@/lib/mail";
import type { RequestMeta } from "@/lib/web/request-context";
import { storefrontUrl } from "@/lib/contacts/accounts";
import { isUuid } from "@/lib/web/schemas";

export type ContactNotice = { name: string; email: string; organizationName: string; organizationSlug: string };

export type ContactSession = { contactId: string; organizationId: string; sessionVersion: number };

/**
 * The signed-in contact whose own password is about to change, while that session is still
 * current (website access on, the same session version), with what the checks and the notice
 * need; null otherwise. Hashes stay in lib/.
 */
export async function findContactForChange(session: ContactSession) {
  if (!isUuid(session.contactId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      name: contacts.name,
      email: contacts.email,
      sessionVersion: contacts.sessionVersion,
      websiteAccess: contacts.websiteAccess,
      mustChangePassword: contacts.mustChangePassword,
      hash: contacts.passwordHash,
      lockedUntil: contacts.lockedUntil,
      tempPasswordHash: contacts.tempPasswordHash,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
    })
    .from(contacts)
    .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
    .where(and(eq(contacts.id, session.contactId), eq(contacts.organizationId, session.organizationId)))
    .limit(1);
  if (!row || !row.websiteAccess || row.sessionVersion !== session.sessionVersion) return null;
  return row;
}

/**
 * A contact's own new password, from the forced change or the account page: saved through the
 * credential core while `onlyIf` still holds, with the "password changed" email and the audit
 * event in the same transaction. Returns the new session version, or null when `onlyIf` no
 * longer held and nothing changed.
 */
export async function saveOwnContactPassword(
  account: AccountKey,
  contact: ContactNotice,
  newHash: string,
  change: { onlyIf: SQL | undefined; how: "forced_after_temporary_password" | "storefront_account" },
  meta: RequestMeta,
): Promise<number | null> {
  const now = new Date();
  const db = await getDb();
  const version = await db.transaction(async (tx) => {
    const saved = await saveNewPassword(tx, contactIdentity, account.id, newHash, { now, onlyIf: change.onlyIf });
    if (saved === null) return null;
    await enqueueEmail(tx, {
      to: contact.email,
      fromName: contact.organizationName,
      subject: `Your ${contact.organizationName} storefront password was changed`,
      template: "contact-password-changed",
      element: createElement(ContactPasswordChangedEmail, {
        name: contact.name,
        organizationName: contact.organizationName,
        changedAt: formatDateTime(now),
        forgotUrl: storefrontUrl(contact.organizationSlug, "forgot-password"),
      }),
      organizationId: account.organizationId,
      subjectUserId: account.id,
    });
    await auditAccount(tx, contactIdentity, account, { action: "contact.password_changed", actor: "self", meta, details: { how: change.how } });
    return saved;
  });
  if (version !== null) deliverAfterResponse();
  return version;
}
