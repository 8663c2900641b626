import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/lib/infra/database";
import { contacts } from "@/db/schema";
import { auditAccount, contactIdentity, endAllSessions, type StaffActorRef } from "@/lib/credentials/identity";
import { consumeRateLimit } from "@/lib/infra/rate-limit";
import { deliverAfterResponse } from "@/lib/mail";
import type { RequestMeta } from "@/lib/web/request-context";
import { isUuid } from "@/lib/web/schemas";
import { contactIs, findContactRef, usernameKey, type ContactRef } from "@/lib/contacts/accounts";
import { prepareTemporaryPassword, writeTemporaryPassword, type PreparedTemporaryPassword } from "@/lib/contacts/temporary-passwords";

/**
 * What turning website access on did about the contact's first password: a welcome email
 * with a temporary password was sent; none was needed (the contact already has a password
 * of their own, which comes back with access); or it was withheld because the username's
 * hourly email budget is spent (Reset Password sends one later).
 */
export const welcomeOutcomes = ["sent", "not_needed", "suppressed"] as const;
export type WelcomeOutcome = (typeof welcomeOutcomes)[number];

export type WebsiteAccessResult =
  | { status: "updated"; websiteAccess: boolean; welcome: WelcomeOutcome | null }
  | { status: "not_found" };

/** The welcome's temporary password, prepared before the transaction (argon2 is slow), or why there is none. */
export type PreparedWelcome = { outcome: "sent"; prepared: PreparedTemporaryPassword } | { outcome: "suppressed" };

export async function prepareWelcome(organizationId: string, username: string): Promise<PreparedWelcome> {
  const budget = await consumeRateLimit("contactResetEmailsPerUsername", usernameKey(organizationId, username));
  if (!budget.ok) return { outcome: "suppressed" };
  return { outcome: "sent", prepared: await prepareTemporaryPassword(organizationId) };
}

/**
 * Inside the caller's transaction: emails a contact just given website access their welcome
 * with a temporary password, through the same path as a staff reset (so its first sign-in
 * forces a password of their own). The caller runs deliverAfterResponse() after the commit.
 */
export async function writeWelcome(
  tx: Executor,
  contact: ContactRef,
  welcome: PreparedWelcome,
  actor: StaffActorRef,
  meta: RequestMeta,
): Promise<WelcomeOutcome> {
  if (welcome.outcome === "suppressed") {
    await auditAccount(tx, contactIdentity, contact, {
      action: "contact.reset_suppressed",
      actor,
      meta,
      details: { via: "console", reason: "hourly_limit", purpose: "welcome" },
    });
    return "suppressed";
  }
  await writeTemporaryPassword(tx, contact, welcome.prepared, { via: "apiKeyId" in actor ? "api" : "console", by: actor }, "welcome", meta);
  return "sent";
}

/**
 * Turns a contact's storefront access on or off. Turning it off ends their sessions and
 * cancels a pending temporary password, so turning it on again does not revive one already
 * emailed; their own password comes back with access. Turning it on for a contact with no
 * password of their own emails a welcome with a temporary password.
 */
export async function setContactWebsiteAccess(
  organizationId: string,
  contactId: string,
  enabled: boolean,
  actor: StaffActorRef,
  meta: RequestMeta,
): Promise<WebsiteAccessResult> {
  if (!isUuid(contactId)) return { status: "not_found" };
  const contact = await findContactRef(contactIs(organizationId, contactId));
  if (!contact) return { status: "not_found" };
  const db = await getDb();
  const [before] = await db
    .select({ hasPassword: sql<boolean>`(${contacts.passwordHash} is not null)` })
    .from(contacts)
    .where(eq(contacts.id, contactId));
  const welcome = enabled && !contact.websiteAccess && !before?.hasPassword ? await prepareWelcome(organizationId, contact.username) : null;

  const result = await db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        websiteAccess: contacts.websiteAccess,
        hasPassword: sql<boolean>`(${contacts.passwordHash} is not null)`,
        holdsTemporary: sql<boolean>`(${contacts.tempPasswordHash} is not null)`,
      })
      .from(contacts)
      .where(contactIs(organizationId, contactId))
      .for("update");
    if (!current) return { status: "not_found" } as const;
    if (current.websiteAccess === enabled) return { status: "updated", websiteAccess: enabled, welcome: null } as const;
    await tx.update(contacts).set({ websiteAccess: enabled }).where(eq(contacts.id, contactId));
    if (!enabled) {
      await endAllSessions(tx, contactIdentity, contactId);
      await contactIdentity.voidResets(tx, contactId);
    }
    const by = actor;
    await auditAccount(tx, contactIdentity, contact, { action: "contact.updated", actor: by, meta, details: { websiteAccess: enabled } });
    if (!enabled && current.holdsTemporary) {
      await auditAccount(tx, contactIdentity, contact, {
        action: "contact.temp_password_cancelled",
        actor: by,
        meta,
        details: { reason: "website_access_off" },
      });
    }
    // A password set between the first read and the lock still comes back with access.
    const outcome = enabled ? (welcome && !current.hasPassword ? await writeWelcome(tx, { ...contact, websiteAccess: true }, welcome, by, meta) : "not_needed") : null;
    return { status: "updated", websiteAccess: enabled, welcome: outcome } as const;
  });
  if (result.status === "updated" && result.welcome === "sent") deliverAfterResponse();
  return result;
}
