import "server-only";
import { createElement } from "react";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/infra/database";
import { contacts, organizations } from "@/db/schema";
import ContactPasswordChangedEmail from "@/emails/contact-password-changed";
import { formatDateTime } from "@/lib/copy/format";
import { NEW_PASSWORD_COPY } from "@/lib/copy/password";
import { hashSecret } from "@/lib/credentials/hashing";
import { auditAccount, contactIdentity } from "@/lib/credentials/identity";
import { newPasswordRefusal, refuseOwnChange, saveNewPassword } from "@/lib/credentials/password-change";
import { evaluateContactPassword } from "@/lib/credentials/policy";
import { deliverAfterResponse, enqueueEmail } from "@/lib/mail";
import type { RequestMeta } from "@/lib/web/request-context";
import { isUuid } from "@/lib/web/schemas";
import { storefrontUrl } from "@/lib/contacts/accounts";

export type ContactAccountChangeInput = { currentPassword: string; newPassword: string; confirmPassword: string };

export type ContactAccountChangeResult =
  | { ok: true; sessionVersion: number }
  | {
      ok: false;
      /**
       * "signed_out": the session is no longer valid; "must_change": the forced change comes
       * first; "locked" / "locked_now": the account was, or this wrong existing password made it, locked.
       */
      reason?: "signed_out" | "must_change" | "locked" | "locked_now";
      fieldErrors?: Partial<Record<keyof ContactAccountChangeInput, string>>;
    };

const SIGNED_OUT = { ok: false, reason: "signed_out" } as const;

/**
 * The storefront's account page: a signed-in contact changes their own password (existing,
 * new, confirmation), through the same checks as a staff user's Profile Settings. Every other
 * storefront session ends (the caller re-issues this browser's cookie with the returned
 * version) and the contact gets a "password changed" email.
 */
export async function changeOwnContactPassword(
  session: { contactId: string; organizationId: string; sessionVersion: number },
  input: ContactAccountChangeInput,
  meta: RequestMeta,
): Promise<ContactAccountChangeResult> {
  if (!isUuid(session.contactId)) return SIGNED_OUT;
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
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
    })
    .from(contacts)
    .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
    .where(and(eq(contacts.id, session.contactId), eq(contacts.organizationId, session.organizationId)))
    .limit(1);
  if (!row || !row.websiteAccess || row.sessionVersion !== session.sessionVersion) return SIGNED_OUT;
  if (row.mustChangePassword) return { ok: false, reason: "must_change" };
  if (input.newPassword !== input.confirmPassword) {
    return { ok: false, fieldErrors: { confirmPassword: NEW_PASSWORD_COPY.mismatch } };
  }
  const account = { id: session.contactId, organizationId: session.organizationId };
  const refused = await refuseOwnChange(contactIdentity, account, row, input, meta);
  if (refused) return refused;
  const refusal = await newPasswordRefusal(contactIdentity, account.id, input.newPassword, evaluateContactPassword(input.newPassword));
  if (refusal) return { ok: false, fieldErrors: { newPassword: refusal } };

  const newHash = await hashSecret(input.newPassword);
  const now = new Date();
  const sessionVersion = await db.transaction(async (tx) => {
    // Only while this session is still the current one.
    const version = await saveNewPassword(tx, contactIdentity, account.id, newHash, {
      now,
      onlyIf: eq(contacts.sessionVersion, session.sessionVersion),
    });
    if (version === null) return null;
    await enqueueEmail(tx, {
      to: row.email,
      fromName: row.organizationName,
      subject: `Your ${row.organizationName} storefront password was changed`,
      template: "contact-password-changed",
      element: createElement(ContactPasswordChangedEmail, {
        name: row.name,
        organizationName: row.organizationName,
        changedAt: formatDateTime(now),
        forgotUrl: storefrontUrl(row.organizationSlug, "forgot-password"),
      }),
      organizationId: session.organizationId,
      subjectUserId: session.contactId,
    });
    await auditAccount(tx, contactIdentity, account, {
      action: "contact.password_changed",
      actor: "self",
      meta,
      details: { how: "storefront_account" },
    });
    return version;
  });
  if (sessionVersion === null) return SIGNED_OUT;
  deliverAfterResponse();
  return { ok: true, sessionVersion };
}
