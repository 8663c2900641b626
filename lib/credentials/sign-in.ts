import "server-only";
import { getDb } from "@/lib/infra/database";
import { burnVerify, hashSecret, needsRehash } from "@/lib/credentials/hashing";
import { auditAccount, type AccountKey, type Identity } from "@/lib/credentials/identity";
import { isLocked, LOCKOUT_CLEARED, secondsUntil, type WrongPasswordResult } from "@/lib/credentials/lockout";
import type { RequestMeta } from "@/lib/web/request-context";

/**
 * The skeleton every sign-in shares, staff or contact: refusals before any password is
 * checked, then (lib/credentials/lockout.ts) a wrong password counted, or the row a right one
 * writes. What lies between (one password, or a password and a temporary one) is the identity's.
 */

/**
 * The first half of every sign-in, staff or contact: the refusals decided before any password
 * is checked. An account that cannot sign in (`cannot`: unknown, disabled, no password…) and a
 * locked one each cost what a wrong password costs (`verifies` argon2 verifies), so the time
 * does not tell them apart; both are audited. Otherwise the account comes back: go on and
 * check the password.
 */
export async function refuseBeforePassword<A extends AccountKey & { lockedUntil: Date | null }>(
  identity: Identity,
  attempt: {
    account: A | null | undefined;
    /** Why this account cannot sign in at all (an unknown one included), or null if it can. */
    cannot: string | null;
    password: string;
    /** The verifies a wrong password costs on this identity's sign-in. */
    verifies: 1 | 2;
    /** The organization a refusal of an unknown account is recorded in. */
    organizationId: string | null;
    meta: RequestMeta;
    details?: Record<string, unknown>;
  },
): Promise<{ refused: WrongPasswordResult } | { account: A }> {
  const { account, meta, details = {} } = attempt;
  const burn = async () => {
    for (let i = 0; i < attempt.verifies; i++) await burnVerify(attempt.password);
  };
  const db = await getDb();
  if (!account || attempt.cannot) {
    await burn();
    await auditAccount(db, identity, account ?? null, {
      action: identity.events.signInFailed,
      actor: "anonymous",
      meta,
      details: { reason: attempt.cannot, ...details },
      organizationId: attempt.organizationId,
    });
    return { refused: { ok: false, reason: "invalid" } };
  }
  if (isLocked(account.lockedUntil)) {
    // The answer says "locked" (docs/decisions.md), but the work is a wrong password's.
    await burn();
    await auditAccount(db, identity, account, {
      action: identity.events.signInBlocked,
      actor: "anonymous",
      meta,
      details: { reason: "locked", ...details },
    });
    return { refused: { ok: false, reason: "locked", retryAfterSeconds: secondsUntil(account.lockedUntil) } };
  }
  return { account };
}

/**
 * What a sign-in with the right password writes to the account: the lock-out cleared, the time,
 * and the password hashed again when its argon2 parameters are older than today's.
 */
export async function rightPasswordChanges(passwordHash: string, password: string) {
  const newHash = needsRehash(passwordHash) ? await hashSecret(password) : undefined;
  return {
    set: { ...LOCKOUT_CLEARED, lastSignInAt: new Date(), ...(newHash ? { passwordHash: newHash } : {}) },
    /** For the audit event's details. */
    rehashed: newHash ? { rehashed: true } : {},
  };
}
