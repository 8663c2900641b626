import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import { getDb } from "@/lib/infra/database";
import { users } from "@/db/schema";
import { EXPORT_BATCH_SIZE } from "@/lib/contacts/export";

/**
 * The Users export: every staff user of one organization. Names, usernames, types, status and
 * dates only: no hash, reset, code or token of any kind is selected.
 */

export const USER_EXPORT_HEADER = ["Name", "Username", "Email to", "User type", "Status", "Last sign-in", "Password changed", "Added"] as const;

export async function* userExportRows(organizationId: string, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<(string | null)[][]> {
  const db = await getDb();
  let after: string | null = null;
  for (;;) {
    const rows = await db
      .select({
        id: users.id,
        name: users.displayName,
        username: users.username,
        emailTo: users.emailTo,
        userType: users.userType,
        status: users.status,
        lastSignInAt: users.lastSignInAt,
        passwordChangedAt: users.passwordChangedAt,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(and(eq(users.organizationId, organizationId), after ? gt(users.id, after) : undefined))
      .orderBy(asc(users.id))
      .limit(batchSize);
    if (!rows.length) return;
    yield rows.map((r) => [
      r.name,
      r.username,
      r.emailTo,
      r.userType,
      r.status,
      r.lastSignInAt?.toISOString() ?? null,
      r.passwordChangedAt?.toISOString() ?? null,
      r.createdAt.toISOString(),
    ]);
    if (rows.length < batchSize) return;
    after = rows.at(-1)!.id;
  }
}
