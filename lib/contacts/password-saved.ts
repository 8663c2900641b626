import "server-only";
import { createElement } from "react";
import type { SQL } from "drizzle-orm";
import { getDb } from "@/lib/infra/database";
import ContactPasswordChangedEmail from "@/emails/contact-password-changed";
import { formatDateTime } from "@/lib/copy/format";
import { auditAccount, contactIdentity, type AccountKey } from "@/lib/credentials/identity";
import { saveNewPassword } from "@/lib/credentials/password-change";
import { deliverAfterResponse, enqueueEmail } from "@/lib/mail";
import type { RequestMeta } from "@/lib/web/request-context";
import { storefrontUrl } from "@/lib/contacts/accounts";

export type ContactNotice = { name: string; email: string; organizationName: string; organizationSlug: string };

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
