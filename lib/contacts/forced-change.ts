import "server-only";
import { createElement } from "react";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/infra/database";
import { contacts, organizations } from "@/db/schema";
import ContactPasswordChangedEmail from "@/emails/contact-password-changed";
import { formatDateTime } from "@/lib/copy/format";
import { hashSecret, verifySecret } from "@/lib/credentials/hashing";
import { auditAccount, contactIdentity } from "@/lib/credentials/identity";
import { newPasswordRefusal, saveNewPassword } from "@/lib/credentials/password-change";
import { evaluateContactPassword } from "@/lib/credentials/policy";
import { deliverAfterResponse, enqueueEmail } from "@/lib/mail";
import type { RequestMeta } from "@/lib/web/request-context";
import { isUuid } from "@/lib/web/schemas";
import { storefrontUrl } from "@/lib/contacts/accounts";
import { NEW_PASSWORD_COPY } from "@/lib/copy/password";
import { ACCESS_MESSAGES } from "@/lib/copy/access";

export type ContactPasswordChangeInput = { newPassword: string; confirmPassword: string };

export type ContactPasswordChangeResult =
  | { ok: true; sessionVersion: number }
  | {
      ok: false;
      /** "signed_out": the session is no longer valid; "not_required": there is no forced change to make. */
      reason?: "signed_out" | "not_required";
      message?: string;
      fieldErrors?: Partial<Record<keyof ContactPasswordChangeInput, string>>;
    };

const SESSION_ENDED = { ok: false, reason: "signed_out", message: ACCESS_MESSAGES.sessionEnded } as const;

/**
 * The forced change after a temporary-password sign-in: a new password that meets the
 * contact rules and is not the temporary one. Ends every other storefront session (the
 * caller re-issues this browser's cookie with the returned version) and emails a notice.
 */
export async function changeContactPassword(
  session: { contactId: string; organizationId: string; sessionVersion: number },
  input: ContactPasswordChangeInput,
  meta: RequestMeta,
): Promise<ContactPasswordChangeResult> {
  if (!isUuid(session.contactId)) return { ok: false, reason: "signed_out" };
  const db = await getDb();
  const [row] = await db
    .select({
      name: contacts.name,
      email: contacts.email,
      sessionVersion: contacts.sessionVersion,
      websiteAccess: contacts.websiteAccess,
      mustChangePassword: contacts.mustChangePassword,
      tempPasswordHash: contacts.tempPasswordHash,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
    })
    .from(contacts)
    .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
    .where(and(eq(contacts.id, session.contactId), eq(contacts.organizationId, session.organizationId)))
    .limit(1);
  if (!row || !row.websiteAccess || row.sessionVersion !== session.sessionVersion) return SESSION_ENDED;
  if (!row.mustChangePassword) return { ok: false, reason: "not_required" };

  if (input.newPassword !== input.confirmPassword) {
    return { ok: false, fieldErrors: { confirmPassword: NEW_PASSWORD_COPY.mismatch } };
  }
  // A temporary password always meets the contact rules, so asking this first changes no answer.
  if (row.tempPasswordHash && (await verifySecret(row.tempPasswordHash, input.newPassword))) {
    return { ok: false, fieldErrors: { newPassword: "Choose a password different from your temporary password." } };
  }
  const policy = evaluateContactPassword(input.newPassword);
  const refusal = await newPasswordRefusal(contactIdentity, session.contactId, input.newPassword, policy);
  if (refusal) return { ok: false, fieldErrors: { newPassword: refusal } };

  const newHash = await hashSecret(input.newPassword);
  const now = new Date();
  const account = { id: session.contactId, organizationId: session.organizationId };
  const sessionVersion = await db.transaction(async (tx) => {
    // Only while this session is current and the change still pending (not cancelled meanwhile).
    const version = await saveNewPassword(tx, contactIdentity, session.contactId, newHash, {
      now,
      onlyIf: and(eq(contacts.sessionVersion, session.sessionVersion), eq(contacts.mustChangePassword, true)),
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
      details: { how: "forced_after_temporary_password" },
    });
    return version;
  });
  if (sessionVersion === null) return SESSION_ENDED;
  deliverAfterResponse();
  return { ok: true, sessionVersion };
}
