import "server-only";
import { and, eq } from "drizzle-orm";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import { getDb } from "@/lib/infra/database";
import { contacts, organizations, retailers } from "@/db/schema";
import { isUuid } from "@/lib/web/schemas";
import { notRemoved } from "@/lib/contacts/accounts";

const sessionContactColumns = {
  id: contacts.id,
  name: contacts.name,
  username: contacts.username,
  email: contacts.email,
  retailerName: retailers.name,
  organizationId: contacts.organizationId,
  organizationName: organizations.name,
  organizationSlug: organizations.slug,
  sessionVersion: contacts.sessionVersion,
  websiteAccess: contacts.websiteAccess,
  mustChangePassword: contacts.mustChangePassword,
};

/** What a signed-in storefront request knows about its contact (no secrets). */
export type SessionContact = SelectResultFields<typeof sessionContactColumns> & {
  /** The storefront session (browser_sessions row) of this request. */
  sessionId: string;
};

/** The contact a storefront session names; lib/sessions/storefront-cookie.ts adds the session. */
export async function findSessionContact(contactId: string): Promise<Omit<SessionContact, "sessionId"> | null> {
  if (!isUuid(contactId)) return null;
  const db = await getDb();
  const [row] = await db
    .select(sessionContactColumns)
    .from(contacts)
    .innerJoin(retailers, eq(retailers.id, contacts.retailerId))
    .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
    .where(and(eq(contacts.id, contactId), notRemoved))
    .limit(1);
  return row ?? null;
}
