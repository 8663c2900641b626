import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import { getDb } from "@/lib/infra/database";
import { contacts, retailers } from "@/db/schema";
import { notRemoved } from "@/lib/contacts/accounts";

/**
 * The Contacts export: every contact of one organization (not removed), with their retailer.
 * Names, usernames, addresses and dates only: no hash, temporary password or session of any
 * kind is selected.
 */

export const CONTACT_EXPORT_HEADER = ["Retailer", "Account code", "Contact name", "Username", "Email", "Website access", "Last sign-in", "Added"] as const;

/** Rows per query: keyset pages by id, so each batch is one indexed range however large the organization. */
export const EXPORT_BATCH_SIZE = 500;

export async function* contactExportRows(organizationId: string, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<(string | null)[][]> {
  const db = await getDb();
  let after: string | null = null;
  for (;;) {
    const rows = await db
      .select({
        id: contacts.id,
        retailer: retailers.name,
        code: retailers.code,
        name: contacts.name,
        username: contacts.username,
        email: contacts.email,
        websiteAccess: contacts.websiteAccess,
        lastSignInAt: contacts.lastSignInAt,
        createdAt: contacts.createdAt,
      })
      .from(contacts)
      .innerJoin(retailers, eq(retailers.id, contacts.retailerId))
      .where(and(eq(contacts.organizationId, organizationId), notRemoved, after ? gt(contacts.id, after) : undefined))
      .orderBy(asc(contacts.id))
      .limit(batchSize);
    if (!rows.length) return;
    yield rows.map((r) => [r.retailer, r.code, r.name, r.username, r.email, r.websiteAccess ? "yes" : "no", r.lastSignInAt?.toISOString() ?? null, r.createdAt.toISOString()]);
    if (rows.length < batchSize) return;
    after = rows.at(-1)!.id;
  }
}
