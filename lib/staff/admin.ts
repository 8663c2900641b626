import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import { getDb, type Db, type Tx } from "@/lib/infra/database";
import { userSearchText, users, type UserType } from "@/db/schema";
import type { Actor, AuditAction } from "@/lib/audit/events";
import { lockLicences } from "@/lib/organizations/licences";
import { isUniqueViolation } from "@/lib/infra/unique-violation";
import { createInvite, isEmailAddress, requestPasswordReset } from "@/lib/staff/reset-request";
import type { RequestMeta } from "@/lib/web/request-context";
import { actorRefOf, auditAccount, endAllSessions, staffIdentity } from "@/lib/credentials/identity";
import { findUserById, usernameEquals } from "@/lib/staff/accounts";

/**
 * What an admin does to the users of their own organization. Every verb takes the acting
 * admin's organization and filters on it: another company's user id is simply not found.
 */

export type { Actor } from "@/lib/audit/events";

export const USERS_PAGE_SIZE = 25;
/** Below this many characters the search matches name or username prefixes; from it, anywhere. */
export const TRIGRAM_MIN_QUERY = 3;

/** `after`: the last row of the previous page (the management API's cursor) instead of a page number. */
export type UserSearch = { q?: string; type?: UserType; page?: number; pageSize?: number; after?: { displayName: string; id: string } };

/** The Users table's query, exposed so a test can check its plan uses the search index. */
export function userSearchQuery(db: Db, organizationId: string, search: UserSearch) {
  const q = search.q?.trim().toLowerCase() ?? "";
  const pageSize = search.pageSize ?? USERS_PAGE_SIZE;
  const page = Math.max(1, search.page ?? 1);
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const text = userSearchText(users);
  const match =
    q.length === 0
      ? undefined
      : q.length >= TRIGRAM_MIN_QUERY
        ? sql`${text} like ${`%${escaped}%`}`
        : sql`(lower(${users.displayName}) like ${`${escaped}%`} or lower(${users.username}) like ${`${escaped}%`})`;
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      username: users.username,
      userType: users.userType,
      status: users.status,
      lastSignInAt: users.lastSignInAt,
      passwordChangedAt: users.passwordChangedAt,
    })
    .from(users)
    .where(
      and(
        eq(users.organizationId, organizationId),
        search.type ? eq(users.userType, search.type) : undefined,
        match,
        search.after ? sql`(${users.displayName}, ${users.id}) > (${search.after.displayName}, ${search.after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(users.displayName), asc(users.id))
    // One extra row says whether there is a next page, without counting 100,000 rows.
    .limit(pageSize + 1)
    .offset(search.after ? 0 : (page - 1) * pageSize);
}

/** One row of the Users table, as its query selects it. */
export type UserListRow = Awaited<ReturnType<typeof userSearchQuery>>[number];

export async function searchUsers(
  organizationId: string,
  search: UserSearch,
): Promise<{ rows: UserListRow[]; hasNext: boolean; page: number }> {
  const pageSize = search.pageSize ?? USERS_PAGE_SIZE;
  const rows = await userSearchQuery(await getDb(), organizationId, search);
  return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize, page: Math.max(1, search.page ?? 1) };
}

const userDetailsColumns = {
  id: users.id,
  displayName: users.displayName,
  username: users.username,
  emailTo: users.emailTo,
  userType: users.userType,
  status: users.status,
  hasPassword: sql<boolean>`${users.passwordHash} is not null`,
  passwordChangedAt: users.passwordChangedAt,
  lastSignInAt: users.lastSignInAt,
  lockedUntil: users.lockedUntil,
  createdAt: users.createdAt,
};

/** User Details: the account without its secrets, only whether a password is set. */
export type UserDetails = SelectResultFields<typeof userDetailsColumns>;

export async function getUserDetails(organizationId: string, userId: string): Promise<UserDetails | null> {
  const db = await getDb();
  const [row] = await db
    .select(userDetailsColumns)
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organizationId, organizationId)))
    .limit(1);
  return row ?? null;
}

export type UserInput = {
  displayName: string;
  username: string;
  emailTo: string | null;
  userType: UserType;
};

export type AdminResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; reason: "not_found" | "username_taken" | "no_licence" | "own_account" | "not_email" | "disabled" };

async function usernameTaken(tx: Tx, username: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(usernameEquals(username), exceptId ? sql`${users.id} <> ${exceptId}` : undefined))
    .limit(1);
  return Boolean(row);
}

/** An event an admin caused on one of their organization's users. */
function auditAdminAction(
  tx: Tx,
  actor: Actor,
  userId: string,
  action: AuditAction,
  meta: RequestMeta,
  details?: Record<string, unknown>,
) {
  return auditAccount(tx, staffIdentity, { id: userId, organizationId: actor.organizationId }, {
    action,
    actor: actorRefOf(actor),
    meta,
    details,
  });
}

/** Adds a user if a licence is free; a user whose username is an email gets the invite. */
export async function addUser(
  actor: Actor,
  input: UserInput,
  meta: RequestMeta,
): Promise<AdminResult<{ userId: string; invited: boolean }>> {
  const db = await getDb();
  try {
    return await db.transaction((tx) => addUserIn(tx, actor, input, meta, { invite: true }));
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "username_taken" };
    throw error;
  }
}

/**
 * Add user inside the caller's transaction (the console's form, or a CSV import's row): the
 * licence, the username check, the insert and its audit event. `invite: false` leaves the
 * invite out (an import where the admin did not ask for invites); Reset Password sends one later.
 */
export async function addUserIn(
  tx: Tx,
  actor: Actor,
  input: UserInput,
  meta: RequestMeta,
  options: { invite: boolean },
): Promise<AdminResult<{ userId: string; invited: boolean }>> {
  const usage = await lockLicences(tx, actor.organizationId);
  if (usage.free < 1) return { ok: false, reason: "no_licence" };
  if (await usernameTaken(tx, input.username)) return { ok: false, reason: "username_taken" };
  const [created] = await tx
    .insert(users)
    .values({ ...input, organizationId: actor.organizationId, status: "active" })
    .returning({ id: users.id });
  const userId = created!.id;
  await auditAdminAction(tx, actor, userId, "user.created", meta, { userType: input.userType });
  const invited = options.invite && isEmailAddress(input.username);
  if (invited) {
    const account = (await findUserById(userId, tx))!;
    await createInvite(tx, account, meta, actor);
  }
  return { ok: true, userId, invited };
}

/**
 * Edits a user's details. A new username or user type ends their sessions (the old
 * claims no longer describe them) and voids their open resets and invites (the old address,
 * or an invite to the old role, must not set a password); a new display name or "email to"
 * changes neither. Admins cannot demote themselves out of the console.
 */
export async function editUser(actor: Actor, userId: string, input: UserInput, meta: RequestMeta): Promise<AdminResult> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const result = await editUserIn(tx, actor, userId, input, meta);
      return result.ok ? { ok: true } : result;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "username_taken" };
    throw error;
  }
}

/** Edit user inside the caller's transaction (the console's form, or a CSV import's row): says which fields changed. */
export async function editUserIn(
  tx: Tx,
  actor: Actor,
  userId: string,
  input: UserInput,
  meta: RequestMeta,
): Promise<AdminResult<{ changed: (keyof UserInput)[] }>> {
  const [current] = await tx
    .select({ username: users.username, displayName: users.displayName, emailTo: users.emailTo, userType: users.userType })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organizationId, actor.organizationId)))
    .for("update");
  if (!current) return { ok: false, reason: "not_found" };
  if (actor.kind !== "api_key" && userId === actor.id && input.userType !== current.userType && !["admin", "dual"].includes(input.userType)) {
    return { ok: false, reason: "own_account" };
  }
  if (input.username.toLowerCase() !== current.username.toLowerCase() && (await usernameTaken(tx, input.username, userId))) {
    return { ok: false, reason: "username_taken" };
  }
  const changed = (["displayName", "username", "emailTo", "userType"] as const).filter((k) => (input[k] ?? null) !== (current[k] ?? null));
  if (changed.length === 0) return { ok: true, changed };
  await tx
    .update(users)
    .set({ displayName: input.displayName, username: input.username, emailTo: input.emailTo, userType: input.userType })
    .where(eq(users.id, userId));
  const identityChanged = changed.includes("username") || changed.includes("userType");
  if (!identityChanged) {
    await auditAdminAction(tx, actor, userId, "user.updated", meta, { changed });
    return { ok: true, changed };
  }
  await endAllSessions(tx, staffIdentity, userId);
  const resetsVoided = await staffIdentity.voidResets(tx, userId);
  await auditAdminAction(tx, actor, userId, "user.updated", meta, { changed, resetsVoided });
  return { ok: true, changed };
}

/**
 * Disabled users cannot sign in anywhere, lose every session, app token and open reset or
 * invite, and free a licence. Enabling again sends nothing: the admin sends a reset if needed.
 */
export async function disableUser(actor: Actor, userId: string, meta: RequestMeta): Promise<AdminResult> {
  if (actor.kind !== "api_key" && userId === actor.id) return { ok: false, reason: "own_account" };
  return setStatus(actor, userId, "disabled", meta);
}

/** Enabling needs a free licence. */
export function enableUser(actor: Actor, userId: string, meta: RequestMeta): Promise<AdminResult> {
  return setStatus(actor, userId, "active", meta);
}

async function setStatus(actor: Actor, userId: string, status: "active" | "disabled", meta: RequestMeta): Promise<AdminResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const usage = await lockLicences(tx, actor.organizationId);
    const [current] = await tx
      .select({ status: users.status })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.organizationId, actor.organizationId)))
      .for("update");
    if (!current) return { ok: false, reason: "not_found" } as const;
    if (current.status === status) return { ok: true } as const;
    if (status === "active" && usage.free < 1) return { ok: false, reason: "no_licence" } as const;
    await tx.update(users).set({ status }).where(eq(users.id, userId));
    if (status === "active") {
      await auditAdminAction(tx, actor, userId, "user.enabled", meta);
      return { ok: true } as const;
    }
    await endAllSessions(tx, staffIdentity, userId);
    const resetsVoided = await staffIdentity.voidResets(tx, userId);
    await auditAdminAction(tx, actor, userId, "user.disabled", meta, { resetsVoided });
    return { ok: true } as const;
  });
}

/** "Sign out everywhere": every console session and app token of the user ends. */
export async function signOutEverywhere(actor: Actor, userId: string, meta: RequestMeta): Promise<AdminResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.organizationId, actor.organizationId)));
    if (!found) return { ok: false, reason: "not_found" } as const;
    await endAllSessions(tx, staffIdentity, userId);
    await auditAdminAction(tx, actor, userId, "sessions.revoked", meta);
    return { ok: true } as const;
  });
}

/**
 * User Details → More options → Reset Password: the same email as the login page's reset,
 * sent to the username address. The admin never sees the code or a password.
 */
export async function adminResetPassword(
  actor: Actor,
  userId: string,
  meta: RequestMeta,
): Promise<AdminResult<{ email: string; suppressed: boolean }>> {
  const user = await findUserById(userId);
  if (!user || user.organizationId !== actor.organizationId) return { ok: false, reason: "not_found" };
  if (user.status !== "active") return { ok: false, reason: "disabled" };
  const result = await requestPasswordReset(user.username, meta, {
    via: "admin",
    by: actor,
  });
  switch (result.status) {
    case "sent":
      return { ok: true, email: result.email, suppressed: false };
    case "suppressed":
      return { ok: true, email: user.username, suppressed: true };
    case "not_email":
      return { ok: false, reason: "not_email" };
    default:
      return { ok: false, reason: "not_found" };
  }
}
