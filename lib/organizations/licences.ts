import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import { getDb, type Executor, type Tx } from "@/lib/infra/database";
import { organizations, users, type UserType } from "@/db/schema";
import { recordAudit } from "@/lib/audit/events";
import type { RequestMeta } from "@/lib/web/request-context";

export type LicenceUsage = { licences: number; used: number; free: number };

/** The most licences an organization can hold; a typo should not order a million. */
export const MAX_LICENCES = 100_000;

/** Licences are used by active users; disabled users free theirs. */
const usesLicence = (organizationId: string) => and(eq(users.organizationId, organizationId), eq(users.status, "active"));

export async function getLicenceUsage(organizationId: string, ex?: Executor): Promise<LicenceUsage> {
  const db = ex ?? (await getDb());
  const [org] = await db
    .select({ licences: organizations.licenceCount })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  const [active] = await db
    .select({ n: count() })
    .from(users)
    .where(usesLicence(organizationId));
  const licences = org?.licences ?? 0;
  const used = active?.n ?? 0;
  return { licences, used, free: Math.max(0, licences - used) };
}

/**
 * The dashboard's licences and its active users by type, in one statement: every active user
 * has a type, so the types' counts add up to the licences used.
 */
export async function getLicenceUsageByType(organizationId: string): Promise<{ usage: LicenceUsage; byType: Record<UserType, number> }> {
  const db = await getDb();
  const rows = await db
    .select({ licences: organizations.licenceCount, userType: users.userType, n: sql<number>`count(${users.id})::int` })
    .from(organizations)
    .leftJoin(users, usesLicence(organizationId))
    .where(eq(organizations.id, organizationId))
    .groupBy(organizations.licenceCount, users.userType);
  const byType: Record<UserType, number> = { admin: 0, dual: 0, device: 0, scanpack: 0 };
  for (const r of rows) if (r.userType) byType[r.userType] = Number(r.n);
  const licences = rows[0]?.licences ?? 0;
  const used = Object.values(byType).reduce((a, n) => a + n, 0);
  return { usage: { licences, used, free: Math.max(0, licences - used) }, byType };
}

/**
 * Locks the organization's row for the rest of the transaction and returns its usage, so
 * two admins taking the last free licence at once cannot both succeed.
 */
export async function lockLicences(tx: Tx, organizationId: string): Promise<LicenceUsage> {
  await tx.execute(sql`select id from ${organizations} where ${organizations.id} = ${organizationId} for update`);
  return getLicenceUsage(organizationId, tx);
}

export type SetLicencesResult =
  | { ok: true; usage: LicenceUsage }
  | { ok: false; reason: "below_active"; usage: LicenceUsage };

/** Subscription: change the licence count, never below the active users. */
export async function setLicenceCount(
  organizationId: string,
  licences: number,
  actor: { id: string },
  meta: RequestMeta,
): Promise<SetLicencesResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const usage = await lockLicences(tx, organizationId);
    if (licences < usage.used) return { ok: false, reason: "below_active", usage } as const;
    await tx.update(organizations).set({ licenceCount: licences }).where(eq(organizations.id, organizationId));
    await recordAudit(tx, {
      action: "licences.changed",
      organizationId,
      actor: { type: "user", id: actor.id },
      target: { type: "organization", id: organizationId },
      meta,
      details: { from: usage.licences, to: licences },
    });
    return { ok: true, usage: { licences, used: usage.used, free: licences - usage.used } } as const;
  });
}
