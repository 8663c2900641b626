import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Executor } from "@/lib/infra/database";
import { contacts, organizations, retailers } from "@/db/schema";
import { actorRefOf, auditAccount, contactIdentity, endAllSessions } from "@/lib/credentials/identity";
import { isUniqueViolation } from "@/lib/infra/unique-violation";
import { deliverAfterResponse } from "@/lib/mail";
import { retailerIs, type Actor } from "@/lib/retailers/retailers";
import type { RequestMeta } from "@/lib/web/request-context";
import { EMAIL_TOO_LONG, isUuid, MAX_EMAIL_LENGTH, MAX_USERNAME_LENGTH, textField, USERNAME_TOO_LONG } from "@/lib/web/schemas";
import { PROVISIONING_FIELD_COPY as FIELD } from "@/lib/copy/provisioning";
import { SETTINGS_COPY } from "@/lib/copy/organizations";
import { contactIs, notRemoved, usernameIs } from "@/lib/contacts/accounts";
import { prepareWelcome, writeWelcome, type PreparedWelcome, type WelcomeOutcome } from "@/lib/contacts/website-access";

/**
 * What an admin does to their organization's contacts: add one to a retailer, edit their
 * name, username or email, remove them. Each verb is one user action on one contact, takes
 * the acting organization (another company's contact or retailer is not found) and parsed
 * input, and returns a reason rather than a sentence, so a CSV import can call it per row.
 */

export const MAX_CONTACT_NAME_LENGTH = 100;

/** The fields Add contact and Edit contact share. */
export const contactInputSchema = z.object({
  name: textField("The name", { error: FIELD.enterContactName })
    .trim()
    .min(1, FIELD.enterContactName)
    .max(MAX_CONTACT_NAME_LENGTH, FIELD.contactNameTooLong(MAX_CONTACT_NAME_LENGTH)),
  username: textField("The username", { error: FIELD.enterUsername })
    .trim()
    .min(1, FIELD.enterUsername)
    .max(MAX_USERNAME_LENGTH, USERNAME_TOO_LONG),
  email: textField("The email address", { error: FIELD.enterContactEmail })
    .trim()
    .min(1, FIELD.enterContactEmail)
    .max(MAX_EMAIL_LENGTH, EMAIL_TOO_LONG)
    .pipe(z.email(FIELD.notContactEmail)),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

/** Add contact: the shared fields, and whether the contact gets website access (a checkbox). */
export const newContactSchema = contactInputSchema.extend({
  websiteAccess: z
    .enum(["on"], SETTINGS_COPY.tickOrEmpty)
    .optional()
    .transform((v) => v === "on"),
});
export type NewContactInput = z.infer<typeof newContactSchema>;

export type ProvisioningFailure = "not_found" | "retailer_not_found" | "username_taken";
export type ProvisioningResult<T = object> = ({ ok: true } & T) | { ok: false; reason: ProvisioningFailure };

async function usernameTaken(ex: Executor, organizationId: string, username: string, exceptId?: string): Promise<boolean> {
  const [row] = await ex
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(usernameIs(organizationId, username), exceptId ? sql`${contacts.id} <> ${exceptId}` : undefined))
    .limit(1);
  return Boolean(row);
}

/** Both requests passed the duplicate check and one insert or update lost the race. */
function orUsernameTaken(error: unknown): ProvisioningResult<never> {
  if (isUniqueViolation(error)) return { ok: false, reason: "username_taken" };
  throw error;
}

/**
 * Adds a contact to one of the organization's retailers. With website access, the contact is
 * emailed a welcome with a temporary password (in the same transaction), and their first
 * sign-in makes them choose their own.
 */
export async function addContact(
  actor: Actor,
  retailerId: string,
  input: NewContactInput,
  meta: RequestMeta,
): Promise<ProvisioningResult<{ contactId: string; welcome: WelcomeOutcome | null }>> {
  if (!isUuid(retailerId)) return { ok: false, reason: "retailer_not_found" };
  const organizationId = actor.organizationId;
  const db = await getDb();
  if (await usernameTaken(db, organizationId, input.username)) return { ok: false, reason: "username_taken" };
  const welcome = input.websiteAccess ? await prepareWelcome(organizationId, input.username) : null;
  try {
    const result = await db.transaction(async (tx) => {
      const [retailer] = await tx
        .select({ id: retailers.id, organizationName: organizations.name, organizationSlug: organizations.slug })
        .from(retailers)
        .innerJoin(organizations, eq(organizations.id, retailers.organizationId))
        .where(retailerIs(organizationId, retailerId))
        .limit(1)
        // Held until the contact is in: removeRetailer, waiting on it, then counts this contact.
        .for("share", { of: retailers });
      if (!retailer) return { ok: false, reason: "retailer_not_found" } as const;
      return addContactIn(tx, actor, retailer, input, welcome, meta);
    });
    if (result.ok && result.welcome === "sent") deliverAfterResponse();
    return result;
  } catch (error) {
    return orUsernameTaken(error);
  }
}

/** A retailer of the acting organization, found by the caller, with what a welcome email names. */
export type RetailerOfContact = { id: string; organizationName: string; organizationSlug: string };

/**
 * Add contact inside the caller's transaction (the console's one contact, or one row of a CSV
 * import): the username check, the insert, its audit event and the welcome. The caller found
 * `retailer` within the actor's organization and prepared `welcome` outside the transaction;
 * it runs deliverAfterResponse() after the commit when the welcome was sent.
 */
export async function addContactIn(
  tx: Executor,
  actor: Actor,
  retailer: RetailerOfContact,
  input: NewContactInput,
  welcome: PreparedWelcome | null,
  meta: RequestMeta,
): Promise<ProvisioningResult<{ contactId: string; welcome: WelcomeOutcome | null }>> {
  const organizationId = actor.organizationId;
  if (await usernameTaken(tx, organizationId, input.username)) return { ok: false, reason: "username_taken" };
  const [row] = await tx
    .insert(contacts)
    .values({ organizationId, retailerId: retailer.id, name: input.name, username: input.username, email: input.email, websiteAccess: input.websiteAccess })
    .returning({ id: contacts.id });
  const contact = {
    id: row!.id,
    organizationId,
    organizationName: retailer.organizationName,
    organizationSlug: retailer.organizationSlug,
    name: input.name,
    email: input.email,
    username: input.username,
    websiteAccess: input.websiteAccess,
  };
  const by = actorRefOf(actor);
  await auditAccount(tx, contactIdentity, contact, {
    action: "contact.created",
    actor: by,
    meta,
    details: { retailerId: retailer.id, username: input.username, websiteAccess: input.websiteAccess },
  });
  const outcome = welcome ? await writeWelcome(tx, contact, welcome, by, meta) : null;
  return { ok: true, contactId: contact.id, welcome: outcome };
}

/** Usernames match case-insensitively and addresses are compared the same way: "Bob" → "bob" is no change of identity. */
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Edits a contact's name, username and email. A new username or email ends the contact's
 * sessions and voids an open temporary password: whoever held either was told under the old
 * identity, and a password emailed to the old address must not outlive the change.
 */
export async function editContact(
  actor: Actor,
  contactId: string,
  input: ContactInput,
  meta: RequestMeta,
): Promise<ProvisioningResult<{ sessionsEnded: boolean }>> {
  if (!isUuid(contactId)) return { ok: false, reason: "not_found" };
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const result = await editContactIn(tx, actor, contactId, input, meta);
      return result.ok ? { ok: true, sessionsEnded: result.sessionsEnded } : result;
    });
  } catch (error) {
    return orUsernameTaken(error);
  }
}

/**
 * Edit contact inside the caller's transaction (the console's form, or a CSV import's row for a
 * username that already exists): says which fields changed, none when the input matches.
 */
export async function editContactIn(
  tx: Executor,
  actor: Actor,
  contactId: string,
  input: ContactInput,
  meta: RequestMeta,
): Promise<ProvisioningResult<{ sessionsEnded: boolean; changed: (keyof ContactInput)[] }>> {
  const organizationId = actor.organizationId;
  const [current] = await tx
    .select({ name: contacts.name, username: contacts.username, email: contacts.email })
    .from(contacts)
    .where(contactIs(organizationId, contactId))
    .for("update");
  if (!current) return { ok: false, reason: "not_found" };
  if (await usernameTaken(tx, organizationId, input.username, contactId)) return { ok: false, reason: "username_taken" };
  const changed = (["name", "username", "email"] as const).filter((f) => current[f] !== input[f]);
  if (!changed.length) return { ok: true, sessionsEnded: false, changed };
  await tx.update(contacts).set({ name: input.name, username: input.username, email: input.email }).where(eq(contacts.id, contactId));
  const identityChanged = !same(current.username, input.username) || !same(current.email, input.email);
  const by = actorRefOf(actor);
  const account = { id: contactId, organizationId };
  let voided = 0;
  if (identityChanged) {
    await endAllSessions(tx, contactIdentity, contactId);
    voided = await contactIdentity.voidResets(tx, contactId);
  }
  await auditAccount(tx, contactIdentity, account, {
    action: "contact.updated",
    actor: by,
    meta,
    details: { changed, sessionsEnded: identityChanged, ...(changed.includes("username") ? { usernameFrom: current.username, usernameTo: input.username } : {}) },
  });
  if (voided) {
    await auditAccount(tx, contactIdentity, account, {
      action: "contact.temp_password_cancelled",
      actor: by,
      meta,
      details: { reason: changed.includes("email") ? "email_changed" : "username_changed" },
    });
  }
  return { ok: true, sessionsEnded: identityChanged, changed };
}

/**
 * Removes a contact. The row stays for the audit trail, but the contact loses website access,
 * their sessions end, an open temporary password is voided, they vanish from every list, and
 * their username is free for a new contact (the unique index covers contacts not removed).
 */
export async function removeContact(actor: Actor, contactId: string, meta: RequestMeta): Promise<ProvisioningResult<{ retailerId: string; name: string }>> {
  if (!isUuid(contactId)) return { ok: false, reason: "not_found" };
  const organizationId = actor.organizationId;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ username: contacts.username, name: contacts.name, retailerId: contacts.retailerId })
      .from(contacts)
      .where(contactIs(organizationId, contactId))
      .for("update");
    if (!current) return { ok: false, reason: "not_found" } as const;
    await tx.update(contacts).set({ removedAt: new Date(), websiteAccess: false }).where(eq(contacts.id, contactId));
    await endAllSessions(tx, contactIdentity, contactId);
    await contactIdentity.voidResets(tx, contactId);
    await auditAccount(tx, contactIdentity, { id: contactId, organizationId }, {
      action: "contact.removed",
      actor: actorRefOf(actor),
      meta,
      details: { username: current.username, retailerId: current.retailerId },
    });
    return { ok: true, retailerId: current.retailerId, name: current.name } as const;
  });
}

export type RetailerContactRow = { id: string; name: string; username: string; email: string; websiteAccess: boolean };

/** A retailer's contacts (not removed), for its page. */
export async function listRetailerContacts(organizationId: string, retailerId: string): Promise<RetailerContactRow[]> {
  if (!isUuid(retailerId)) return [];
  const db = await getDb();
  return db
    .select({ id: contacts.id, name: contacts.name, username: contacts.username, email: contacts.email, websiteAccess: contacts.websiteAccess })
    .from(contacts)
    .where(and(eq(contacts.organizationId, organizationId), eq(contacts.retailerId, retailerId), notRemoved))
    .orderBy(asc(contacts.name), asc(contacts.id));
}
