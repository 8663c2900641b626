import { createElement } from "react";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { contacts, organizations } from "@/db/schema";
import ContactPasswordChangedEmail from "@/emails/contact-password-changed";
import { recordAudit } from "@/lib/audit/events";
import { formatDateTime } from "@/lib/copy/format";
import { burnVerify, hashSecret, verifySecret } from "@/lib/credentials/hashing";
import { isRecentPassword, PASSWORD_REUSED_MESSAGE, rememberPassword } from "@/lib/credentials/history";
import { evaluateContactPassword, policyMessage } from "@/lib/credentials/policy";
import { env } from "@/lib/infra/env";
import { deliverAfterResponse, enqueueEmail } from "@/lib/mail";
import { LOCKOUT } from "@/lib/staff/sign-in";
import type { RequestMeta } from "@/lib/web/request-context";
import { isUuid } from "@/lib/web/schemas";
import { recordWrongContactPassword } from "./contacts";

export type ContactAccountChangeInput = { currentPassword: string; newPassword: string; confirmPassword: string };

export type ContactAccountChangeResult =
  | { ok: true; sessionVersion: number }
  | {
      ok: false;
      /** "signed_out": the session is no longer valid; "must_change": the forced change comes first. */
      reason?: "signed_out" | "must_change";
      message?: string;
      fieldErrors?: Partial<Record<keyof ContactAccountChangeInput, string>>;
    };

const SIGNED_OUT = { ok: false, reason: "signed_out", message: "Your session has ended. Sign in again." } as const;

/**
 * The storefront's account page: a signed-in contact changes their own password (existing,
 * new, confirmation). A wrong existing password counts towards the same lock-out as a wrong
 * sign-in, so a borrowed session cannot be used to guess it. Every other storefront session
 * ends (the caller re-issues this browser's cookie with the returned version) and the contact
 * gets a "password changed" email.
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
      passwordHash: contacts.passwordHash,
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
  if (row.lockedUntil && row.lockedUntil.getTime() > Date.now()) {
    return { ok: false, message: `Your account is locked for ${LOCKOUT.minutes} minutes after too many wrong passwords. Try again later.` };
  }
  if (input.newPassword !== input.confirmPassword) {
    return { ok: false, fieldErrors: { confirmPassword: "The two new passwords do not match." } };
  }
  const rightPassword = row.passwordHash ? await verifySecret(row.passwordHash, input.currentPassword) : await burnVerify(input.currentPassword);
  if (!rightPassword) {
    const counted = await recordWrongContactPassword({ id: session.contactId, organizationId: session.organizationId }, meta);
    if (!counted.ok && counted.reason === "locked") {
      return { ok: false, message: `Too many wrong passwords: your account is locked for ${LOCKOUT.minutes} minutes.` };
    }
    return { ok: false, fieldErrors: { currentPassword: "That is not your existing password." } };
  }
  if (input.newPassword === input.currentPassword) {
    return { ok: false, fieldErrors: { newPassword: "Choose a password different from your existing one." } };
  }
  const policy = evaluateContactPassword(input.newPassword);
  if (!policy.ok) return { ok: false, fieldErrors: { newPassword: policyMessage(policy) } };
  if (await isRecentPassword({ contactId: session.contactId }, input.newPassword)) {
    return { ok: false, fieldErrors: { newPassword: PASSWORD_REUSED_MESSAGE } };
  }

  const newHash = await hashSecret(input.newPassword);
  const now = new Date();
  const saved = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(contacts)
      .set({
        passwordHash: newHash,
        passwordChangedAt: now,
        sessionVersion: sql`${contacts.sessionVersion} + 1`,
        failedSignIns: 0,
        lockedUntil: null,
      })
      .where(and(eq(contacts.id, session.contactId), eq(contacts.sessionVersion, session.sessionVersion)))
      .returning({ sessionVersion: contacts.sessionVersion });
    if (!updated) return null;
    await rememberPassword(tx, { contactId: session.contactId }, newHash, row.passwordHash);
    await enqueueEmail(tx, {
      to: row.email,
      subject: `Your ${row.organizationName} storefront password was changed`,
      template: "contact-password-changed",
      element: createElement(ContactPasswordChangedEmail, {
        name: row.name,
        organizationName: row.organizationName,
        changedAt: formatDateTime(now),
        forgotUrl: new URL(`/store/${row.organizationSlug}/forgot-password`, env.APP_URL).toString(),
      }),
      organizationId: session.organizationId,
      subjectUserId: session.contactId,
    });
    await recordAudit(tx, {
      action: "contact.password_changed",
      organizationId: session.organizationId,
      actor: { type: "contact", id: session.contactId },
      target: { type: "contact", id: session.contactId },
      meta,
      details: { how: "storefront_account" },
    });
    return updated;
  });
  if (!saved) return SIGNED_OUT;
  deliverAfterResponse();
  return { ok: true, sessionVersion: saved.sessionVersion };
}
