import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/infra/database";
import { organizations, users, type AppName, type UserType } from "@/db/schema";
import { changeWithAudit, recordAudit } from "@/lib/audit/events";
import { env } from "@/lib/infra/env";
import { burnVerify, hashSecret, needsRehash, verifySecret } from "@/lib/credentials/hashing";
import { consumeRateLimit } from "@/lib/infra/rate-limit";
import { endBrowserSession } from "@/lib/sessions/records";
import type { RequestMeta } from "@/lib/web/request-context";
import { usernameEquals } from "@/lib/staff/accounts";

/** Lock-out rule: LOCKOUT_THRESHOLD wrong passwords in a row lock the account for LOCKOUT_MINUTES. */
export const LOCKOUT = { threshold: env.LOCKOUT_THRESHOLD, minutes: env.LOCKOUT_MINUTES } as const;

export type SignedInStaff = {
  id: string;
  userType: UserType;
  organizationId: string;
  organizationSlug: string;
  organizationName: string;
  sessionVersion: number;
  displayName: string;
  username: string;
};

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

  if (!user || !user.passwordHash || user.status !== "active") {
    await burnVerify(input.password);
    await recordAudit(db, {
      action: "signin.failed",
      organizationId: user?.organizationId ?? null,
      actor: { type: "anonymous" },
      target: user ? { type: "user", id: user.id } : undefined,
      meta,
      details: { reason: !user ? "unknown_user" : user.status !== "active" ? "disabled" : "no_password", ...via },
    });
    return { ok: false, reason: "invalid" };
  }

  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    // The answer says "locked" (docs/decisions.md), but the work is a wrong password's: one verify.
    await burnVerify(input.password);
    await recordAudit(db, {
      action: "signin.blocked",
      organizationId: user.organizationId,
      actor: { type: "anonymous" },
      target: { type: "user", id: user.id },
      meta,
      details: { reason: "locked", ...via },
    });
    return { ok: false, reason: "locked", retryAfterSeconds: secondsUntil(user.lockedUntil) };
  }

  if (!(await verifySecret(user.passwordHash, input.password))) {
    return recordWrongPassword(user, meta, via);
  }

  const newHash = needsRehash(user.passwordHash) ? await hashSecret(input.password) : undefined;
  await changeWithAudit(
    db,
    db
      .update(users)
      .set({
        failedSignIns: 0,
        lockedUntil: null,
        lastSignInAt: new Date(),
        ...(newHash ? { passwordHash: newHash } : {}),
      })
      .where(eq(users.id, user.id)),
    {
      action: "signin.succeeded",
      organizationId: user.organizationId,
      actor: { type: "user", id: user.id },
      target: { type: "user", id: user.id },
      meta,
      details: { ...(newHash ? { rehashed: true } : {}), ...via },
    },
  );
  const { passwordHash: _hash, lockedUntil: _locked, status: _status, ...signedIn } = user;
  return { ok: true, user: signedIn };
}

async function findForSignIn(db: Db, username: string) {
  const [user] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      userType: users.userType,
      status: users.status,
      passwordHash: users.passwordHash,
      sessionVersion: users.sessionVersion,
      lockedUntil: users.lockedUntil,
      organizationId: users.organizationId,
      organizationSlug: organizations.slug,
      organizationName: organizations.name,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(usernameEquals(username))
    .limit(1);
  return user;
}

/**
 * Counts a wrong password in one statement, so instances sharing the database count
 * together; the attempt that reaches the threshold locks the account and restarts the count.
 */
export async function recordWrongPassword(
  user: { id: string; organizationId: string },
  meta: RequestMeta,
  via: SignInChannel = {},
): Promise<SignInResult> {
  const db = await getDb();
  const reachesLimit = sql`${users.failedSignIns} + 1 >= ${LOCKOUT.threshold}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({
        failedSignIns: sql`case when ${reachesLimit} then 0 else ${users.failedSignIns} + 1 end`,
        lockedUntil: sql`case when ${reachesLimit} then now() + make_interval(mins => ${LOCKOUT.minutes}) else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, user.id))
      .returning({ lockedUntil: users.lockedUntil, failedSignIns: users.failedSignIns });
    const lockedNow = !!row?.lockedUntil && row.lockedUntil.getTime() > Date.now() && row.failedSignIns === 0;
    await recordAudit(tx, {
      action: "signin.failed",
      organizationId: user.organizationId,
      actor: { type: "anonymous" },
      target: { type: "user", id: user.id },
      meta,
      details: { reason: "wrong_password", ...via },
    });
    if (!lockedNow || !row?.lockedUntil) return { ok: false, reason: "invalid" } as const;
    await recordAudit(tx, {
      action: "account.locked",
      organizationId: user.organizationId,
      actor: { type: "system" },
      target: { type: "user", id: user.id },
      meta,
      details: { minutes: LOCKOUT.minutes, ...via },
    });
    return { ok: false, reason: "locked", retryAfterSeconds: secondsUntil(row.lockedUntil) } as const;
  });
}

function secondsUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 1000));
}

/** Console "Sign out": this browser's session ends on the server (its other sessions stay). */
export async function signOutStaff(
  user: { id: string; organizationId: string; sessionId: string },
  meta: RequestMeta,
): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await endBrowserSession(tx, user.sessionId);
    await recordAudit(tx, {
      action: "signout",
      organizationId: user.organizationId,
      actor: { type: "user", id: user.id },
      target: { type: "user", id: user.id },
      meta,
      details: { sessionId: user.sessionId },
    });
  });
}
