import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import { getDb, type Executor } from "@/lib/infra/database";
import { organizations, users } from "@/db/schema";

/**
 * A staff user with their organization, as every staff lookup selects it (no secrets): the
 * session check, the password flows and the sign-in add what they need to these.
 */
const staffAccountColumns = {
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

/** What a signed-in request and the password flows know about a user. */
export type StaffAccount = SelectResultFields<typeof staffAccountColumns>;

/** The users-joined-with-their-organization select, with `extra` columns beside the account's. */
export function selectStaffAccounts<T extends SelectedFields>(ex: Executor, extra: T) {
  return ex
    .select({ ...staffAccountColumns, ...extra })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId));
}

export async function getSessionUser(userId: string): Promise<StaffAccount | null> {
  const [row] = await selectStaffAccounts(await getDb(), {}).where(eq(users.id, userId)).limit(1);
  return row ?? null;
}

/** Usernames are matched case-insensitively, as email addresses are. */
export function usernameEquals(username: string) {
  return sql`lower(${users.username}) = lower(${username})`;
}

async function findAccount(where: SQL, ex?: Executor): Promise<StaffAccount | null> {
  const [row] = await selectStaffAccounts(ex ?? (await getDb()), {}).where(where).limit(1);
  return row ?? null;
}

export function findUserByUsername(username: string, ex?: Executor): Promise<StaffAccount | null> {
  return findAccount(usernameEquals(username), ex);
}

export function findUserById(userId: string, ex?: Executor): Promise<StaffAccount | null> {
  return findAccount(eq(users.id, userId), ex);
}
