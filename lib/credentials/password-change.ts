import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/lib/infra/database";
import { isRecentPassword, PASSWORD_REUSED_MESSAGE, rememberPassword } from "@/lib/credentials/history";
import { burnVerify, verifySecret } from "@/lib/credentials/hashing";
import { type AccountKey, type Identity } from "@/lib/credentials/identity";
import { isLocked, LOCKOUT_CLEARED, recordWrongPassword } from "@/lib/credentials/lockout";
import { policyMessage, type PolicyResult } from "@/lib/credentials/policy";
import { NEW_PASSWORD_COPY } from "@/lib/copy/password";
import type { RequestMeta } from "@/lib/web/request-context";

export type OwnChangeRefusal =
  /** "locked": it already was; "locked_now": this wrong existing password locked it. */
  | { ok: false; reason: "locked" | "locked_now" }
  | { ok: false; fieldErrors: { currentPassword?: string; newPassword?: string } };

/**
 * The checks when a signed-in person changes their own password, staff (Profile Settings) or
 * contact (the storefront's account page), or null when they pass: not locked, the existing
 * password right — a wrong one counts towards the same lock-out as a wrong sign-in, so a
 * borrowed session cannot be used to guess it — and the new one different from it.
 */
export async function refuseOwnChange(
  identity: Identity,
  account: AccountKey,
  stored: { hash: string | null; lockedUntil: Date | null },
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<OwnChangeRefusal | null> {
  if (isLocked(stored.lockedUntil)) return { ok: false, reason: "locked" };
  const right = stored.hash ? await verifySecret(stored.hash, input.currentPassword) : await burnVerify(input.currentPassword);
  if (!right) {
    const counted = await recordWrongPassword(identity, account, meta);
    if (counted.reason === "locked") return { ok: false, reason: "locked_now" };
    return { ok: false, fieldErrors: { currentPassword: NEW_PASSWORD_COPY.wrongExisting } };
  }
  if (input.newPassword === input.currentPassword) return { ok: false, fieldErrors: { newPassword: NEW_PASSWORD_COPY.sameAsExisting } };
  return null;
}

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
