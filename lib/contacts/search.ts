import "server-only";
import { and, count, desc, eq, ilike, or, sql } from "drizzle-orm";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import { z } from "zod";
import { getDb } from "@/lib/infra/database";
import { apiKeys, auditEvents, contacts, retailers, users } from "@/db/schema";
import { isUuid, pageNumberField, searchQueryField } from "@/lib/web/schemas";
import { contactIs, notRemoved } from "@/lib/contacts/accounts";

/**
 * The console's and the apps' view of an organization's contacts: the search, and one
 * contact's details. Never a hash: only whether a password is set and the state of the newest
 * temporary password. Every function takes the acting organization id and filters on it.
 */

const listColumns = {
  id: contacts.id,
  name: contacts.name,
  email: contacts.email,
  username: contacts.username,
  websiteAccess: contacts.websiteAccess,
  retailerId: contacts.retailerId,
  retailerName: retailers.name,
};

export type ContactListRow = SelectResultFields<typeof listColumns>;

export const CONTACT_SEARCH_PAGE_SIZE = 20;

/** The console's and the apps' search box: a few words at most, and a page number. */
export const contactSearchSchema = z.object({ q: searchQueryField, page: pageNumberField });

export type ContactSearchResult = {
  rows: ContactListRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
};


/** LIKE treats % and _ as wildcards; a search for them means the characters themselves. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of an organization's contacts whose retailer name or own name contains `q`
 * (case-insensitive; trigram indexes serve it). An empty `q` lists them all.
 */
export async function searchContacts(
  organizationId: string,
  q: string,
  options: { page?: number; pageSize?: number; after?: { retailerName: string; name: string; id: string }; retailerId?: string } = {},
): Promise<ContactSearchResult> {
  const pageSize = Math.min(Math.max(options.pageSize ?? CONTACT_SEARCH_PAGE_SIZE, 1), 100);
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const term = q.trim().slice(0, 100);
  const where = and(
    eq(contacts.organizationId, organizationId),
    notRemoved,
    term ? or(ilike(retailers.name, likePattern(term)), ilike(contacts.name, likePattern(term))) : undefined,
    options.retailerId ? eq(contacts.retailerId, options.retailerId) : undefined,
  );
  const after = options.after
    ? sql`(${retailers.name}, ${contacts.name}, ${contacts.id}) > (${options.after.retailerName}, ${options.after.name}, ${options.after.id}::uuid)`
    : undefined;
  const db = await getDb();
  const [rows, [counted]] = await Promise.all([
    db
      .select(listColumns)
      .from(contacts)
      .innerJoin(retailers, eq(retailers.id, contacts.retailerId))
      .where(and(where, after))
      .orderBy(retailers.name, contacts.name, contacts.id)
      .limit(pageSize)
      .offset(options.after ? 0 : (page - 1) * pageSize),
    db.select({ n: count() }).from(contacts).innerJoin(retailers, eq(retailers.id, contacts.retailerId)).where(where),
  ]);
  const total = Number(counted?.n ?? 0);
  return { rows, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

export type TemporaryPasswordStatus =
  /** Never sent. */
  | "none"
  /** Sent, not used, not expired. */
  | "pending"
  /** Sent and not used in time. */
  | "expired"
  /** Used to sign in; the contact has not chosen a new password yet. */
  | "awaiting_new_password"
  /** Used, and the contact saved a new password. */
  | "completed"
  /** Cancelled: the contact signed in with their previous password, or website access was turned off. */
  | "cancelled";

const detailColumns = {
  ...listColumns,
  retailerId: contacts.retailerId,
  lastSignInAt: contacts.lastSignInAt,
  passwordChangedAt: contacts.passwordChangedAt,
  /** Whether a password of the contact's own is set (false after an admin reset, until they choose one). */
  hasPassword: sql<boolean>`(${contacts.passwordHash} is not null)`,
  locked: sql<boolean>`coalesce(${contacts.lockedUntil} > now(), false)`,
  mustChangePassword: contacts.mustChangePassword,
  createdAt: contacts.createdAt,
};

export type ContactDetails = SelectResultFields<typeof detailColumns> & {
  temporaryPassword: {
    status: TemporaryPasswordStatus;
    lastSentAt: Date | null;
    expiresAt: Date | null;
    /** Who asked for the newest one: the contact (storefront), or staff in the console or an app. */
    requestedBy: { via: "storefront" | "console" | "app" | "api"; staffName: string | null } | null;
  };
};

/**
 * One contact of the acting organization, for the console: never a hash, only whether a
 * password is set and the state of the newest temporary password. Another organization's
 * contact, or an id that is not one, is null (the page answers 404).
 */
export async function getContactDetails(organizationId: string, contactId: string): Promise<ContactDetails | null> {
  if (!isUuid(contactId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      ...detailColumns,
      tempHeld: sql<boolean>`(${contacts.tempPasswordHash} is not null)`,
      tempExpired: sql<boolean>`coalesce(${contacts.tempPasswordExpiresAt} <= now(), true)`,
      tempIssuedAt: contacts.tempPasswordIssuedAt,
      tempExpiresAt: contacts.tempPasswordExpiresAt,
      tempUsedAt: contacts.tempPasswordUsedAt,
    })
    .from(contacts)
    .innerJoin(retailers, eq(retailers.id, contacts.retailerId))
    .where(contactIs(organizationId, contactId))
    .limit(1);
  if (!row) return null;

  const [issued] = row.tempIssuedAt
    ? await db
        .select({ details: auditEvents.details, staffName: sql<string | null>`coalesce(${users.displayName}, ${apiKeys.name})` })
        .from(auditEvents)
        .leftJoin(users, and(eq(users.id, auditEvents.actorId), eq(users.organizationId, organizationId)))
        .leftJoin(apiKeys, and(eq(apiKeys.id, auditEvents.actorId), eq(apiKeys.organizationId, organizationId)))
        .where(
          and(
            eq(auditEvents.organizationId, organizationId),
            eq(auditEvents.targetId, contactId),
            eq(auditEvents.action, "contact.temp_password_issued"),
          ),
        )
        .orderBy(desc(auditEvents.id))
        .limit(1)
    : [];
  const via = issued?.details.via;

  let status: TemporaryPasswordStatus;
  if (!row.tempIssuedAt) status = "none";
  else if (row.tempHeld && row.tempUsedAt) status = "awaiting_new_password";
  else if (row.tempHeld) status = row.tempExpired ? "expired" : "pending";
  else if (row.passwordChangedAt && row.passwordChangedAt >= row.tempIssuedAt) status = "completed";
  else status = "cancelled";

  const { tempHeld: _h, tempExpired: _e, tempIssuedAt, tempExpiresAt, tempUsedAt: _u, ...details } = row;
  return {
    ...details,
    temporaryPassword: {
      status,
      lastSentAt: tempIssuedAt,
      expiresAt: row.tempHeld ? tempExpiresAt : null,
      requestedBy:
        via === "storefront" || via === "console" || via === "app" || via === "api"
          ? { via, staffName: via === "storefront" ? null : (issued?.staffName ?? null) }
          : null,
    },
  };
}
