import { and, count, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { organizations, users } from "@/db/schema";

export type LicenceUsage = { licences: number; used: number; free: number };

/** Licences are used by active users; disabled users free theirs. */
export async function getLicenceUsage(organizationId: string, ex?: Executor): Promise<LicenceUsage> {
  const db = ex ?? (await getDb());
  const [org] = await db
    .select({ licences: organizations.licenceCount })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  const [active] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.status, "active")));
  const licences = org?.licences ?? 0;
  const used = active?.n ?? 0;
  return { licences, used, free: Math.max(0, licences - used) };
}
