import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { contacts, retailers } from "@/db/schema";

export type ContactListRow = {
  id: string;
  name: string;
  email: string;
  username: string;
  websiteAccess: boolean;
  retailerName: string;
};

/** An organization's contacts with their retailer; never any password column. */
export async function listContacts(organizationId: string, options: { limit?: number } = {}): Promise<ContactListRow[]> {
  const db = await getDb();
  return db
    .select({
      id: contacts.id,
      name: contacts.name,
      email: contacts.email,
      username: contacts.username,
      websiteAccess: contacts.websiteAccess,
      retailerName: retailers.name,
    })
    .from(contacts)
    .innerJoin(retailers, eq(retailers.id, contacts.retailerId))
    .where(eq(contacts.organizationId, organizationId))
    .orderBy(retailers.name, contacts.name)
    .limit(options.limit ?? 50);
}
