import "server-only";
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import { getDb } from "@/lib/infra/database";
import { contacts, organizations } from "@/db/schema";
import { env } from "@/lib/infra/env";

/**
 * Retailers' contacts as accounts: how a storefront username names one, and the contact as
 * the password flows need them (no secrets). Every function staff reach takes the acting
 * organization id and filters on it.
 */

/** A removed contact is kept for the audit trail only: no lookup, sign-in or list finds it. */
export const notRemoved = isNull(contacts.removedAt);

/**
 * Contact usernames are unique per organization among contacts not removed, and matched
 * case-insensitively.
 */
export function usernameIs(organizationId: string, username: string): SQL {
  return and(eq(contacts.organizationId, organizationId), sql`lower(${contacts.username}) = lower(${username})`, notRemoved)!;
}

/** One contact of the acting organization, by id (not a removed one). */
export function contactIs(organizationId: string, contactId: string): SQL {
  return and(eq(contacts.id, contactId), eq(contacts.organizationId, organizationId), notRemoved)!;
}

/** Rate-limit key of one storefront username (known or not). */
export const usernameKey = (organizationId: string, username: string) => `${organizationId}:${username.trim()}`;

const contactRefColumns = {
  id: contacts.id,
  organizationId: contacts.organizationId,
  organizationName: organizations.name,
  organizationSlug: organizations.slug,
  name: contacts.name,
  email: contacts.email,
  username: contacts.username,
  websiteAccess: contacts.websiteAccess,
};

/** A contact as the password flows need them (no secrets). */
export type ContactRef = SelectResultFields<typeof contactRefColumns>;

export async function findContactRef(where: SQL): Promise<ContactRef | null> {
  const db = await getDb();
  const [row] = await db
    .select(contactRefColumns)
    .from(contacts)
    .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
    .where(where)
    .limit(1);
  return row ?? null;
}

export function storefrontUrl(slug: string, page: "login" | "forgot-password"): string {
  return new URL(`/store/${slug}/${page}`, env.APP_URL).toString();
}
