import "server-only";
import { createElement } from "react";
import { and, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/lib/infra/database";
import { contacts } from "@/db/schema";
import ContactTemporaryPasswordEmail from "@/emails/contact-temporary-password";
import ContactWelcomeEmail from "@/emails/contact-welcome";
import { hashSecret } from "@/lib/credentials/hashing";
import { auditAccount, contactIdentity, endAllSessions, type AccountEventActor, type StaffActorRef } from "@/lib/credentials/identity";
import { LOCKOUT_CLEARED } from "@/lib/credentials/lockout";
import { newTemporaryPassword } from "@/lib/credentials/temporary-password";
import { env } from "@/lib/infra/env";
import { consumeRateLimit } from "@/lib/infra/rate-limit";
import { deliverAfterResponse, enqueueEmail } from "@/lib/mail";
import { getOrganizationSettings } from "@/lib/organizations/organizations";
import type { RequestMeta } from "@/lib/web/request-context";
import { isUuid } from "@/lib/web/schemas";
import { contactIs, findContactRef, storefrontUrl, usernameIs, usernameKey, type ContactRef } from "@/lib/contacts/accounts";

/**
 * Temporary passwords, a contact's only way back in: the storefront's "Forgot Your Password"
 * and a staff reset (console or app) email one. It works once, within its lifetime, and the
 * contact must then choose a new password (lib/contacts/forced-change.ts).
 */

/** Lifetime and email budget of temporary passwords (env-overridable, see README). */
export const CONTACT_TEMP_PASSWORD = {
  ttlHours: env.CONTACT_TEMP_PASSWORD_HOURS,
  emailsPerHour: env.CONTACT_RESET_EMAILS_PER_HOUR,
} as const;

export function temporaryPasswordValidFor(): string {
  const h = CONTACT_TEMP_PASSWORD.ttlHours;
  return h === 1 ? "1 hour" : `${h} hours`;
}

type Requester = { via: "storefront" } | { via: "console" | "app" | "api"; by: StaffActorRef };

/** A temporary password ready to be stored and emailed (hashed outside any transaction: argon2 is slow). */
export type PreparedTemporaryPassword = { temporaryPassword: string; temporaryHash: string; includeUsername: boolean };

export async function prepareTemporaryPassword(organizationId: string): Promise<PreparedTemporaryPassword> {
  const temporaryPassword = newTemporaryPassword();
  const [temporaryHash, settings] = await Promise.all([hashSecret(temporaryPassword), getOrganizationSettings(organizationId)]);
  return { temporaryPassword, temporaryHash, includeUsername: settings.includeUsernameInContactEmails };
}

/**
 * Stores the temporary password's hash with its expiry, enqueues the email in the same
 * transaction, audits the request and the issue. A staff reset also revokes the contact's
 * password and ends their sessions; a self-service request changes nothing else.
 */
async function issueTemporaryPassword(
  contact: ContactRef,
  temporaryPassword: string,
  temporaryHash: string,
  requester: Requester,
  meta: RequestMeta,
): Promise<Date> {
  const { includeUsernameInContactEmails } = await getOrganizationSettings(contact.organizationId);
  const db = await getDb();
  const expiresAt = await db.transaction((tx) =>
    writeTemporaryPassword(tx, contact, { temporaryPassword, temporaryHash, includeUsername: includeUsernameInContactEmails }, requester, "reset", meta),
  );
  deliverAfterResponse();
  return expiresAt;
}

/**
 * The one way a temporary password is stored and emailed, inside the caller's transaction: a
 * reset (the contact's or staff's) or the welcome a contact gets when staff give them website
 * access. The caller runs deliverAfterResponse() after the commit.
 */
export async function writeTemporaryPassword(
  tx: Executor,
  contact: ContactRef,
  prepared: PreparedTemporaryPassword,
  requester: Requester,
  purpose: "reset" | "welcome",
  meta: RequestMeta,
): Promise<Date> {
  const { temporaryPassword, temporaryHash, includeUsername: includeUsernameInContactEmails } = prepared;
  const byStaff = requester.via !== "storefront";
  const now = new Date();
  const expiresAt = new Date(now.getTime() + CONTACT_TEMP_PASSWORD.ttlHours * 3600_000);
  const actor: AccountEventActor = byStaff ? requester.by : "anonymous";
  {
    await tx
      .update(contacts)
      .set({
        tempPasswordHash: temporaryHash,
        tempPasswordExpiresAt: expiresAt,
        tempPasswordIssuedAt: now,
        tempPasswordUsedAt: null,
        ...(byStaff ? { passwordHash: null, mustChangePassword: false, ...LOCKOUT_CLEARED } : {}),
      })
      .where(and(eq(contacts.id, contact.id), eq(contacts.organizationId, contact.organizationId)));
    if (byStaff) await endAllSessions(tx, contactIdentity, contact.id);
    const emailProps = {
      name: contact.name,
      organizationName: contact.organizationName,
      temporaryPassword,
      loginUrl: storefrontUrl(contact.organizationSlug, "login"),
      validFor: temporaryPasswordValidFor(),
      username: includeUsernameInContactEmails ? contact.username : null,
    };
    await enqueueEmail(tx, {
      to: contact.email,
      fromName: contact.organizationName,
      ...(purpose === "welcome"
        ? {
            subject: `Welcome to the ${contact.organizationName} storefront`,
            template: "contact-welcome",
            element: createElement(ContactWelcomeEmail, emailProps),
          }
        : {
            subject: `Your temporary password for the ${contact.organizationName} storefront`,
            template: "contact-temporary-password",
            element: createElement(ContactTemporaryPasswordEmail, { ...emailProps, requestedBy: byStaff ? "staff" : "contact" }),
          }),
      organizationId: contact.organizationId,
      subjectUserId: contact.id,
    });
    await auditAccount(tx, contactIdentity, contact, {
      action: purpose === "welcome" ? "contact.welcome_sent" : byStaff ? "contact.admin_reset_requested" : "contact.reset_requested",
      actor,
      meta,
      details: { via: requester.via, outcome: "issued" },
    });
    await auditAccount(tx, contactIdentity, contact, {
      action: "contact.temp_password_issued",
      actor,
      meta,
      details: {
        via: requester.via,
        purpose,
        expiresAt: expiresAt.toISOString(),
        previousPasswordRevoked: byStaff,
        usernameIncluded: includeUsernameInContactEmails,
      },
    });
  }
  return expiresAt;
}

/** A temporary password withheld because the username's hourly email budget is spent. */
async function auditSuppressed(contact: ContactRef, actor: AccountEventActor, via: Requester["via"], meta: RequestMeta) {
  await auditAccount(await getDb(), contactIdentity, contact, {
    action: "contact.reset_suppressed",
    actor,
    meta,
    details: { via, reason: "hourly_limit", limit: CONTACT_TEMP_PASSWORD.emailsPerHour },
  });
}

export type ContactResetRequestResult = { status: "accepted" } | { status: "rate_limited"; retryAfterSeconds: number };

/**
 * The storefront's "Forgot Your Password": when `username` names a contact of this
 * organization with website access, a temporary password is emailed to the contact's
 * address. The old password keeps working. The answer (and the argon2 work) is the same
 * whether or not anything was sent.
 */
export async function requestContactPasswordReset(
  organizationId: string,
  username: string,
  meta: RequestMeta,
): Promise<ContactResetRequestResult> {
  const limited = await consumeRateLimit("contactResetRequestPerIp", meta.ip);
  if (!limited.ok) return { status: "rate_limited", retryAfterSeconds: limited.retryAfterSeconds };

  // Every path pays for one argon2 hash, so the response time does not tell whether it sent.
  const temporaryPassword = newTemporaryPassword();
  const temporaryHash = await hashSecret(temporaryPassword);
  const contact = await findContactRef(usernameIs(organizationId, username));
  const budget = await consumeRateLimit("contactResetEmailsPerUsername", usernameKey(organizationId, username));

  if (!contact || !contact.websiteAccess) {
    await auditAccount(await getDb(), contactIdentity, contact, {
      action: "contact.reset_requested",
      actor: "anonymous",
      organizationId,
      meta,
      details: { via: "storefront", outcome: contact ? "no_website_access" : "unknown_username" },
    });
    return { status: "accepted" };
  }
  if (!budget.ok) {
    await auditSuppressed(contact, "anonymous", "storefront", meta);
    return { status: "accepted" };
  }
  await issueTemporaryPassword(contact, temporaryPassword, temporaryHash, { via: "storefront" }, meta);
  return { status: "accepted" };
}

/** The staff part of a requester, without the channel it came through. */
const staffRef = (actor: StaffActorRef): StaffActorRef => ("apiKeyId" in actor ? { apiKeyId: actor.apiKeyId } : { userId: actor.userId });

export type StaffContactResetResult =
  | { status: "sent"; email: string; expiresAt: Date }
  | { status: "not_found" }
  | { status: "no_website_access" }
  | { status: "suppressed"; retryAfterSeconds: number };

/**
 * Reset Password in the Management Portal (or an app user's reset): a temporary password is
 * emailed to the contact, and their old password stops working at once. Staff never see it.
 */
export async function resetContactPasswordByStaff(
  organizationId: string,
  contactId: string,
  actor: StaffActorRef & { via: "console" | "app" | "api" },
  meta: RequestMeta,
): Promise<StaffContactResetResult> {
  if (!isUuid(contactId)) return { status: "not_found" };
  const contact = await findContactRef(contactIs(organizationId, contactId));
  if (!contact) return { status: "not_found" };
  if (!contact.websiteAccess) return { status: "no_website_access" };
  const budget = await consumeRateLimit("contactResetEmailsPerUsername", usernameKey(organizationId, contact.username));
  if (!budget.ok) {
    await auditSuppressed(contact, staffRef(actor), actor.via, meta);
    return { status: "suppressed", retryAfterSeconds: budget.retryAfterSeconds };
  }
  const temporaryPassword = newTemporaryPassword();
  const temporaryHash = await hashSecret(temporaryPassword);
  const expiresAt = await issueTemporaryPassword(
    contact,
    temporaryPassword,
    temporaryHash,
    { via: actor.via, by: staffRef(actor) },
    meta,
  );
  return { status: "sent", email: contact.email, expiresAt };
}
