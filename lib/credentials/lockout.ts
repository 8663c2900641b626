import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/infra/database";
import { env } from "@/lib/infra/env";
import { auditAccount, type AccountKey, type Identity } from "@/lib/credentials/identity";
import type { RequestMeta } from "@/lib/web/request-context";

/**
 * Lock-out, the same for staff and contacts: LOCKOUT_THRESHOLD wrong passwords in a row lock
 * the account for LOCKOUT_MINUTES. The count lives in the account's row (db/schema.ts's
 * credential columns), so every instance sharing the database counts together.
 */
export const LOCKOUT = { threshold: env.LOCKOUT_THRESHOLD, minutes: env.LOCKOUT_MINUTES } as const;

/** Whole seconds until `date`, at least 1: what a Retry-After says. */
export function secondsUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 1000));
}

/** Whether a locked-until value still locks the account now. */
export function isLocked(lockedUntil: Date | null): lockedUntil is Date {
  return !!lockedUntil && lockedUntil.getTime() > Date.now();
}

export type WrongPasswordResult = { ok: false; reason: "invalid" } | { ok: false; reason: "locked"; retryAfterSeconds: number };

/** The columns a sign-in that worked resets: the count of wrong passwords and any lock. */
export const LOCKOUT_CLEARED = { failedSignIns: 0, lockedUntil: null } as const;

/**
 * Counts a wrong password in one statement, so instances sharing the database count
 * together; the attempt that reaches the threshold locks the account and restarts the count.
 * Audits the failure (and the lock) with `details` added.
 */
export async function recordWrongPassword(
  identity: Identity,
  account: AccountKey,
  meta: RequestMeta,
  details: Record<string, unknown> = {},
): Promise<WrongPasswordResult> {
  const t = identity.table;
  const reachesLimit = sql`${t.failedSignIns} + 1 >= ${LOCKOUT.threshold}`;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(t)
      .set({
        failedSignIns: sql`case when ${reachesLimit} then 0 else ${t.failedSignIns} + 1 end`,
        lockedUntil: sql`case when ${reachesLimit} then now() + make_interval(mins => ${LOCKOUT.minutes}) else ${t.lockedUntil} end`,
      })
      .where(eq(t.id, account.id))
      .returning({ lockedUntil: t.lockedUntil, failedSignIns: t.failedSignIns });
    await auditAccount(tx, identity, account, {
      action: identity.events.signInFailed,
      actor: "anonymous",
      meta,
      details: { reason: "wrong_password", ...details },
    });
    const lockedNow = isLocked(row?.lockedUntil ?? null) && row?.failedSignIns === 0;
    if (!lockedNow || !row?.lockedUntil) return { ok: false, reason: "invalid" } as const;
    await auditAccount(tx, identity, account, {
      action: identity.events.locked,
      actor: "system",
      meta,
      details: { minutes: LOCKOUT.minutes, ...details },
    });
    return { ok: false, reason: "locked", retryAfterSeconds: secondsUntil(row.lockedUntil) } as const;
  });
}
