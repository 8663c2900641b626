import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/lib/infra/database";
import { users, type AppName } from "@/db/schema";
import { changeWithAudit } from "@/lib/audit/events";
import { verifySecret } from "@/lib/credentials/hashing";
import { auditAccount, staffIdentity } from "@/lib/credentials/identity";
import { recordWrongPassword } from "@/lib/credentials/lockout";
import { refuseBeforePassword, rightPasswordChanges } from "@/lib/credentials/sign-in";
import { consumeRateLimit } from "@/lib/infra/rate-limit";
import { endBrowserSession } from "@/lib/sessions/records";
import type { RequestMeta } from "@/lib/web/request-context";
import { selectStaffAccounts, usernameEquals, type StaffAccount } from "@/lib/staff/accounts";

export type SignedInStaff = Omit<StaffAccount, "status">;

export type SignInResult =
  | { ok: true; user: SignedInStaff }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/** Where a sign-in comes from, recorded with its audit events: the console or one of the apps. */
export type SignInChannel = { app?: AppName };

/**
 * Checks a staff user's username and password. Every refusal costs one argon2 verify; unknown
 * users, disabled users, users without a password and wrong passwords get the same "invalid".
 * The console and the apps share it, so they share the lock-out count and the per-IP budget.
 */
export async function signInStaff(
  input: { username: string; password: string },
  meta: RequestMeta,
  channel: SignInChannel = {},
): Promise<SignInResult> {
  const via = channel.app ? { app: channel.app } : {};
  const db = await getDb();
  // The budget and the account together: one round trip of waiting instead of two.
  const [limited, user] = await Promise.all([consumeRateLimit("signInPerIp", meta.ip), findForSignIn(db, input.username)]);
  if (!limited.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: limited.retryAfterSeconds };

  const checked = await refuseBeforePassword(staffIdentity, {
    account: user,
    cannot: !user ? "unknown_user" : user.status !== "active" ? "disabled" : !user.passwordHash ? "no_password" : null,
    password: input.password,
    verifies: 1,
    organizationId: user?.organizationId ?? null,
    meta,
    details: via,
  });
  if ("refused" in checked) return checked.refused;
  const { account } = checked;
  // Refused above when it is null ("no_password").
  const passwordHash = account.passwordHash!;
  if (!(await verifySecret(passwordHash, input.password))) return recordWrongPassword(staffIdentity, account, meta, via);

  const { set, rehashed } = await rightPasswordChanges(passwordHash, input.password);
  await changeWithAudit(
    db,
    db.update(users).set(set).where(eq(users.id, account.id)),
    {
      action: staffIdentity.events.signInSucceeded,
      organizationId: account.organizationId,
      actor: { type: "user", id: account.id },
      target: { type: "user", id: account.id },
      meta,
      details: { ...rehashed, ...via },
    },
  );
  const { passwordHash: _hash, lockedUntil: _locked, status: _status, ...signedIn } = account;
  return { ok: true, user: signedIn };
}

async function findForSignIn(db: Db, username: string) {
  const [user] = await selectStaffAccounts(db, { passwordHash: users.passwordHash, lockedUntil: users.lockedUntil })
    .where(usernameEquals(username))
    .limit(1);
  return user;
}

/** Console "Sign out": this browser's session ends on the server (its other sessions stay). */
export async function signOutStaff(
  user: { id: string; organizationId: string; sessionId: string },
  meta: RequestMeta,
): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await endBrowserSession(tx, user.sessionId);
    await auditAccount(tx, staffIdentity, user, { action: "signout", actor: "self", meta, details: { sessionId: user.sessionId } });
  });
}
