import "server-only";
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/lib/infra/database";
import { appSessions, organizations, passwordResets, users, type UserType } from "@/db/schema";

/** What a signed-in request needs to know about its user (no secrets). */
export type SessionUser = {
  id: string;
  username: string;
  displayName: string;
  userType: UserType;
  status: "active" | "disabled";
  sessionVersion: number;
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
};

const sessionUserColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  userType: users.userType,
  status: users.status,
  sessionVersion: users.sessionVersion,
  organizationId: users.organizationId,
  organizationName: organizations.name,
  organizationSlug: organizations.slug,
};

export async function getSessionUser(userId: string): Promise<SessionUser | null> {
  const db = await getDb();
  const [row] = await db
    .select(sessionUserColumns)
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}

/** Usernames are matched case-insensitively, as email addresses are. */
export function usernameEquals(username: string) {
  return sql`lower(${users.username}) = lower(${username})`;
}

/** Ends every console session and app token of a user: their session version moves on. */
export async function bumpSessionVersion(ex: Executor, userId: string): Promise<number> {
  const [row] = await ex
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  return row?.sessionVersion ?? 0;
}

export type UserListRow = {
  id: string;
  displayName: string;
  username: string;
  userType: UserType;
  status: "active" | "disabled";
  lastSignInAt: Date | null;
  passwordChangedAt: Date | null;
};

/** Active users per type, for the dashboard. */
export async function countUsersByType(organizationId: string): Promise<Record<UserType, number>> {
  const db = await getDb();
  const rows = await db
    .select({ userType: users.userType, n: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`${users.organizationId} = ${organizationId} and ${users.status} = 'active'`)
    .groupBy(users.userType);
  const out: Record<UserType, number> = { admin: 0, dual: 0, device: 0, scanpack: 0 };
  for (const r of rows) out[r.userType] = Number(r.n);
  return out;
}

/** A user as the password flows need them (no secrets). */
export type AccountRef = {
  id: string;
  username: string;
  displayName: string;
  userType: UserType;
  status: "active" | "disabled";
  organizationId: string;
  organizationName: string;
};

const accountColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  userType: users.userType,
  status: users.status,
  organizationId: users.organizationId,
  organizationName: organizations.name,
};

async function findAccount(where: SQL, ex?: Executor): Promise<AccountRef | null> {
  const db = ex ?? (await getDb());
  const [row] = await db
    .select(accountColumns)
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(where)
    .limit(1);
  return row ?? null;
}

export function findUserByUsername(username: string, ex?: Executor): Promise<AccountRef | null> {
  return findAccount(usernameEquals(username), ex);
}

export function findUserById(userId: string, ex?: Executor): Promise<AccountRef | null> {
  return findAccount(eq(users.id, userId), ex);
}

/**
 * Ends every console session and app token of a user: the session version moves on (the
 * console compares it on each request) and their app tokens are revoked.
 */
export async function endAllSessions(ex: Executor, userId: string): Promise<number> {
  const version = await bumpSessionVersion(ex, userId);
  await ex
    .update(appSessions)
    .set({ revokedAt: new Date() })
    .where(sql`${appSessions.userId} = ${userId} and ${appSessions.revokedAt} is null`);
  return version;
}

/**
 * Voids every open emailed reset and invite of a user, so no link + code sent before can set
 * a password: a password change, a newer reset, and an admin changing the address, the user
 * type or disabling the account all end them. Returns how many were voided, for the audit.
 */
export async function voidOpenResets(ex: Executor, userId: string): Promise<number> {
  const voided = await ex
    .update(passwordResets)
    .set({ revokedAt: new Date() })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt)))
    .returning({ id: passwordResets.id });
  return voided.length;
}
