import "server-only";
import { cache } from "react";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/infra/database";
import { organizations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/events";
import type { RequestMeta } from "@/lib/web/request-context";
import { textField } from "@/lib/web/schemas";
import { forgetStorefront, noteStorefront } from "@/lib/organizations/known-storefronts";

/** An organization as its storefront shows it. */
export type Storefront = { id: string; name: string; slug: string };

/** What a storefront slug in a URL may look like; anything else is not looked up. */
export const storeSlugSchema = textField("The storefront address")
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62})$/, "That is not a storefront address.");

async function findStorefront(slug: string): Promise<Storefront | null> {
  const parsed = storeSlugSchema.safeParse(slug);
  if (!parsed.success) return null;
  const db = await getDb();
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.slug, parsed.data))
    .limit(1);
  if (row) noteStorefront(row.slug);
  else forgetStorefront(parsed.data);
  return row ?? null;
}

/** The organization whose storefront is at `/store/<slug>`, or null (the page answers 404). */
export const getStorefront = cache(findStorefront);

export type OrganizationSettings = { includeUsernameInContactEmails: boolean };

export async function getOrganizationSettings(organizationId: string): Promise<OrganizationSettings> {
  const db = await getDb();
  const [row] = await db
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  return { includeUsernameInContactEmails: row?.settings.includeUsernameInContactEmails === true };
}

/**
 * The console's "Include username in contact password emails" switch. Off by default: a
 * temporary password and the username it belongs to should not travel in one email.
 */
export async function updateContactEmailSettings(
  organizationId: string,
  settings: OrganizationSettings,
  actor: { userId: string },
  meta: RequestMeta,
): Promise<OrganizationSettings> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(organizations)
      .set({
        settings: sql`${organizations.settings} || ${JSON.stringify({
          includeUsernameInContactEmails: settings.includeUsernameInContactEmails,
        })}::jsonb`,
      })
      .where(eq(organizations.id, organizationId));
    await recordAudit(tx, {
      action: "organization.settings_changed",
      organizationId,
      actor: { type: "user", id: actor.userId },
      target: { type: "organization", id: organizationId },
      meta,
      details: { includeUsernameInContactEmails: settings.includeUsernameInContactEmails },
    });
  });
  return getOrganizationSettings(organizationId);
}
