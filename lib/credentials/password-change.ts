import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/lib/infra/database";
import { isRecentPassword, PASSWORD_REUSED_MESSAGE, rememberPassword } from "@/lib/credentials/history";
import { type Identity } from "@/lib/credentials/identity";
import { LOCKOUT_CLEARED } from "@/lib/credentials/lockout";
import { policyMessage, type PolicyResult } from "@/lib/credentials/policy";

/**
 * Why a new password may not be set, or null: the identity's policy (`policy`, already
 * evaluated: staff and contacts have rules of their own), then the account's history.
 */
export async function newPasswordRefusal(identity: Identity, id: string, newPassword: string, policy: PolicyResult): Promise<string | null> {
  // policyMessage names an unmet rule whenever the policy is not met.
  if (!policy.ok) return policyMessage(policy)!;
  if (await isRecentPassword(identity, id, newPassword)) return PASSWORD_REUSED_MESSAGE;
  return null;
}

/**
 * What every password change does, staff or contact, in the caller's transaction: save the
 * hash, clear the lock-out, record it in the history, end every session and app token (the
 * session version moves on), and void whatever emailed way to set a password was still open.
 * `onlyIf` makes the change conditional (a contact's forced change must still be pending);
 * when it no longer holds nothing changes and the answer is null. Returns the new session version.
 */
export async function saveNewPassword(
  tx: Tx,
  identity: Identity,
  id: string,
  newHash: string,
  options: { onlyIf?: SQL; now?: Date } = {},
): Promise<number | null> {
  const t = identity.table;
  const [previous] = await tx.select({ hash: t.passwordHash }).from(t).where(eq(t.id, id));
  const [saved] = await tx
    .update(t)
    .set({
      passwordHash: newHash,
      passwordChangedAt: options.now ?? new Date(),
      ...LOCKOUT_CLEARED,
      sessionVersion: sql`${t.sessionVersion} + 1`,
    })
    .where(and(eq(t.id, id), options.onlyIf))
    .returning({ sessionVersion: t.sessionVersion });
  if (!saved) return null;
  await rememberPassword(tx, identity, id, newHash, previous?.hash ?? null);
  await identity.revokeTokens(tx, id);
  await identity.voidResets(tx, id);
  return saved.sessionVersion;
}
