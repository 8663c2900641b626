import "server-only";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { executeTogether, getDb } from "@/lib/infra/database";
import { appSessions, users, type AppName, type UserType } from "@/db/schema";
import { appsFor } from "@/lib/staff/access";
import { auditAccount, staffIdentity } from "@/lib/credentials/identity";
import { env } from "@/lib/infra/env";
import type { RequestMeta } from "@/lib/web/request-context";
import { SESSION_POLICY } from "@/lib/sessions/records";
import { selectStaffAccounts } from "@/lib/staff/accounts";
import { signInStaff } from "@/lib/staff/sign-in";
import { digestToken, isWellFormedToken, newToken } from "@/lib/credentials/tokens";

/** Lifetime of an app bearer token (APP_TOKEN_TTL_DAYS, see README). */
export const APP_TOKEN_TTL_DAYS = env.APP_TOKEN_TTL_DAYS;

/** A signed-in app user as the apps see them (no secrets). */
export type AppUser = {
  id: string;
  name: string;
  type: UserType;
  organization: { id: string; name: string; slug: string };
};

export type AppSignInResult =
  | { ok: true; token: string; expiresAt: Date; app: AppName; user: AppUser }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "locked" | "rate_limited"; retryAfterSeconds: number }
  | { ok: false; reason: "app_not_allowed"; userType: UserType };

/**
 * Signs a device, dual or ScanPack user in to one app and issues its bearer token. The
 * password check is the console's (signInStaff): the same lock-out count and per-IP budget.
 * Which apps a user type may use is checked only after the password, so the answer never
 * tells a stranger what kind of account a username is. Only the token's digest is stored.
 */
export async function signInToApp(
  input: { username: string; password: string; app: AppName },
  meta: RequestMeta,
): Promise<AppSignInResult> {
  const result = await signInStaff({ username: input.username, password: input.password }, meta, { app: input.app });
  if (!result.ok) {
    if (result.reason === "invalid") return { ok: false, reason: "invalid_credentials" };
    return { ok: false, reason: result.reason, retryAfterSeconds: result.retryAfterSeconds };
  }
  const user = result.user;
  const db = await getDb();
  if (!appsFor(user.userType).includes(input.app)) {
    await auditAccount(db, staffIdentity, user, {
      action: "app.signin.refused",
      actor: "self",
      meta,
      details: { app: input.app, userType: user.userType },
    });
    return { ok: false, reason: "app_not_allowed", userType: user.userType };
  }

  const token = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + APP_TOKEN_TTL_DAYS * 86_400_000);
  // Expired tokens of this user are of no further use; dropping them here keeps the table small.
  const dropExpired = db.delete(appSessions).where(and(eq(appSessions.userId, user.id), lt(appSessions.expiresAt, now)));
  // The version read at sign-in: a password change racing this sign-in leaves the token dead.
  const issue = db.insert(appSessions).values({
    tokenHash: digestToken(token),
    userId: user.id,
    app: input.app,
    sessionVersion: user.sessionVersion,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  await executeTogether(db, dropExpired, issue);
  return {
    ok: true,
    token,
    expiresAt,
    app: input.app,
    user: {
      id: user.id,
      name: user.displayName,
      type: user.userType,
      organization: { id: user.organizationId, name: user.organizationName, slug: user.organizationSlug },
    },
  };
}

/** A live app session: the token's app, its expiry and its user. */
export type AppSession = { id: string; app: AppName; expiresAt: Date; user: AppUser };

export type AppAuthResult =
  | { ok: true; session: AppSession }
  | { ok: false; reason: "unauthorized" }
  | { ok: false; reason: "session_revoked"; cause: "signed_out" | "expired" | "account_changed" };

/**
 * Checks a bearer token. Unknown or malformed tokens are "unauthorized"; a token we issued
 * that no longer counts is "session_revoked": signed out, expired, or its user's session
 * version moved on (password change or reset, disable, "sign out everywhere"), the user was
 * disabled, or their user type no longer allows the app.
 */
export async function authenticateAppToken(bearer: string | null | undefined): Promise<AppAuthResult> {
  if (!bearer || !isWellFormedToken(bearer)) return { ok: false, reason: "unauthorized" };
  const db = await getDb();
  const [row] = await selectStaffAccounts(db, {
    tokenId: appSessions.id,
    app: appSessions.app,
    tokenVersion: appSessions.sessionVersion,
    expiresAt: appSessions.expiresAt,
    revokedAt: appSessions.revokedAt,
    lastSeenAt: appSessions.lastSeenAt,
  })
    .innerJoin(appSessions, eq(appSessions.userId, users.id))
    .where(eq(appSessions.tokenHash, digestToken(bearer)))
    .limit(1);
  if (!row) return { ok: false, reason: "unauthorized" };
  // endAllSessions also sets revoked_at, so the account's state is asked first: it names the cause.
  if (row.tokenVersion !== row.sessionVersion || row.status !== "active" || !appsFor(row.userType).includes(row.app)) {
    return { ok: false, reason: "session_revoked", cause: "account_changed" };
  }
  if (row.revokedAt) return { ok: false, reason: "session_revoked", cause: "signed_out" };
  if (row.expiresAt.getTime() <= Date.now()) return { ok: false, reason: "session_revoked", cause: "expired" };
  if (Date.now() - row.lastSeenAt.getTime() > SESSION_POLICY.touchSeconds * 1000) {
    await db.update(appSessions).set({ lastSeenAt: sql`now()` }).where(eq(appSessions.id, row.tokenId));
  }
  return {
    ok: true,
    session: {
      id: row.tokenId,
      app: row.app,
      expiresAt: row.expiresAt,
      user: {
        id: row.id,
        name: row.displayName,
        type: row.userType,
        organization: { id: row.organizationId, name: row.organizationName, slug: row.organizationSlug },
      },
    },
  };
}

/** Ends one app session (the app's "Sign out"); the user's other tokens keep working. */
export async function signOutOfApp(
  bearer: string | null | undefined,
  meta: RequestMeta,
): Promise<{ ok: true } | Extract<AppAuthResult, { ok: false }>> {
  const auth = await authenticateAppToken(bearer);
  if (!auth.ok) return auth;
  const { session } = auth;
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(appSessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(appSessions.id, session.id), isNull(appSessions.revokedAt)));
    await auditAccount(tx, staffIdentity, { id: session.user.id, organizationId: session.user.organization.id }, {
      action: "app.signout",
      actor: "self",
      meta,
      details: { app: session.app, sessionId: session.id },
    });
  });
  return { ok: true };
}
