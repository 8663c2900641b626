import "server-only";
import { and, desc, eq, gt, isNull, lt } from "drizzle-orm";
import { getDb } from "@/lib/infra/database";
import { passwordResets, users } from "@/db/schema";
import { RESET_POLICY } from "@/lib/staff/reset-request";

export type PendingReset = { purpose: "reset" | "invite"; expiresAt: Date; requestedAt: Date };

/**
 * The reset or invitation a user could still complete (not used, replaced, expired or spent on
 * wrong codes), for User Details. Scoped to the admin's organization; no hash leaves here.
 */
export async function findPendingReset(organizationId: string, userId: string): Promise<PendingReset | null> {
  const db = await getDb();
  const [row] = await db
    .select({ purpose: passwordResets.purpose, expiresAt: passwordResets.expiresAt, requestedAt: passwordResets.createdAt })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.userId, userId),
        eq(users.organizationId, organizationId),
        isNull(passwordResets.usedAt),
        isNull(passwordResets.revokedAt),
        gt(passwordResets.expiresAt, new Date()),
        lt(passwordResets.attempts, RESET_POLICY.maxCodeAttempts),
      ),
    )
    .orderBy(desc(passwordResets.createdAt))
    .limit(1);
  return row ?? null;
}
