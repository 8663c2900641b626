import "server-only";
import { and, eq, lt } from "drizzle-orm";
import { importJobs } from "@/db/schema";
import { getDb, type Executor } from "@/lib/infra/database";
import { env } from "@/lib/infra/env";

/**
 * A preview nobody confirmed holds a file's names and email addresses for no purpose: after
 * IMPORT_PREVIEW_TTL_HOURS it goes, with its rows (they cascade). Confirmed imports stay, as the
 * record of what was done. Says how many previews went.
 */
export async function purgeStalePreviews(now = new Date(), ex?: Executor): Promise<number> {
  const db = ex ?? (await getDb());
  const cutoff = new Date(now.getTime() - env.IMPORT_PREVIEW_TTL_HOURS * 3_600_000);
  const gone = await db
    .delete(importJobs)
    .where(and(eq(importJobs.status, "preview"), lt(importJobs.createdAt, cutoff)))
    .returning({ id: importJobs.id });
  return gone.length;
}
