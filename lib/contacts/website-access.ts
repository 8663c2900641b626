import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/infra/database";
import { contacts } from "@/db/schema";
import { auditAccount, contactIdentity, endAllSessions } from "@/lib/credentials/identity";
import type { RequestMeta } from "@/lib/web/request-context";
import { isUuid } from "@/lib/web/schemas";

export type WebsiteAccessResult = { status: "updated"; websiteAccess: boolean } | { status: "not_found" };

/**
 * Turns a contact's storefront access on or off. Turning it off ends their sessions and
 * cancels a pending temporary password, so turning it on again does not revive one already
 * emailed; their own password comes back with access.
 */
export async function setContactWebsiteAccess(
  organizationId: string,
  contactId: string,
  enabled: boolean,
  actor: { userId: string },
  meta: RequestMeta,
): Promise<WebsiteAccessResult> {
  if (!isUuid(contactId)) return { status: "not_found" };
  const db = await getDb();
  const account = { id: contactId, organizationId };
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ websiteAccess: contacts.websiteAccess, holdsTemporary: sql<boolean>`(${contacts.tempPasswordHash} is not null)` })
      .from(contacts)
      .where(and(eq(contacts.id, contactId), eq(contacts.organizationId, organizationId)))
      .for("update");
    if (!current) return { status: "not_found" } as const;
    if (current.websiteAccess === enabled) return { status: "updated", websiteAccess: enabled } as const;
    await tx.update(contacts).set({ websiteAccess: enabled }).where(eq(contacts.id, contactId));
    if (!enabled) {
      await endAllSessions(tx, contactIdentity, contactId);
      await contactIdentity.voidResets(tx, contactId);
    }
    const by = { userId: actor.userId };
    await auditAccount(tx, contactIdentity, account, { action: "contact.updated", actor: by, meta, details: { websiteAccess: enabled } });
    if (!enabled && current.holdsTemporary) {
      await auditAccount(tx, contactIdentity, account, {
        action: "contact.temp_password_cancelled",
        actor: by,
        meta,
        details: { reason: "website_access_off" },
      });
    }
    return { status: "updated", websiteAccess: enabled } as const;
  });
}
