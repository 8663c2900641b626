import { and, eq } from "drizzle-orm";
import { organizations, users } from "@/db/schema";
import { getDb } from "@/lib/infra/database";
import type { Actor } from "@/lib/retailers/retailers";

/** An admin of the seeded organization `slug`, as the console's verbs take an actor. */
export async function adminOf(slug: string): Promise<Actor> {
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id, organizationId: users.organizationId })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(organizations.slug, slug), eq(users.userType, "admin")))
    .limit(1);
  if (!row) throw new Error(`no admin of ${slug}: seed the demo first`);
  return row;
}
