import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import { getDb } from "@/lib/infra/database";
import { contacts, organizations } from "@/db/schema";
import { env } from "@/lib/infra/env";

/**
 * Retailers' contacts as accounts: how a storefront username names one, and the contact as
 * the password flows need them (no secrets). Every function staff reach takes the acting
 * organization id and filters on it.
 */

/** Contact usernames are unique per organization and matched case-insensitively. */
export function usernameIs(organizationId: string, username: string): SQL {
  return and(eq(contacts.organizationId, organizationId), sql`lower(${contacts.username}) = lower(${username})`)!;
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
