import { asc, inArray, lt } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { auditEvents } from "@/db/schema";
import { noteDatabaseError } from "@/lib/infra/availability";
import { env } from "@/lib/infra/env";

/** Between two batches: sign-ins and other writes get the database's attention first. */
const PAUSE_BETWEEN_BATCHES_MS = 20;

export type PurgeOptions = {
  /** Events created before `now` minus this many days go. */
  retentionDays?: number;
  batchSize?: number;
  now?: Date;
};

/** The moment before which an audit event has expired. */
export function auditCutoff(now = new Date(), retentionDays = env.AUDIT_RETENTION_DAYS): Date {
  return new Date(now.getTime() - retentionDays * 86_400_000);
}

/**
 * Deletes at most one batch of expired audit events, oldest first, and says how many. The rows
 * are picked FOR UPDATE SKIP LOCKED, so two instances purging at once take different rows and
 * neither waits on the other; inserts never touch these rows, so nothing else waits either.
 */
export async function purgeExpiredAuditBatch(options: PurgeOptions = {}, ex?: Executor): Promise<number> {
  const db = ex ?? (await getDb());
  const cutoff = auditCutoff(options.now, options.retentionDays);
  const expired = db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(lt(auditEvents.createdAt, cutoff))
    .orderBy(asc(auditEvents.createdAt))
    .limit(options.batchSize ?? env.AUDIT_PURGE_BATCH)
    .for("update", { skipLocked: true });
  const deleted = await db.delete(auditEvents).where(inArray(auditEvents.id, expired)).returning({ id: auditEvents.id });
  return deleted.length;
}

/**
 * Purges batch after batch until a batch comes back short (nothing expired is left, or another
 * instance holds the rest), pausing between batches. `shouldStop` ends it early (shutdown, bench).
 */
export async function purgeExpiredAudit(
  options: PurgeOptions & { shouldStop?: () => boolean; pauseMs?: number } = {},
): Promise<{ deleted: number; batches: number }> {
  const batchSize = options.batchSize ?? env.AUDIT_PURGE_BATCH;
  let deleted = 0;
  let batches = 0;
  for (;;) {
    if (options.shouldStop?.()) break;
    const n = await purgeExpiredAuditBatch({ ...options, batchSize });
    deleted += n;
    batches++;
    if (n < batchSize) break;
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? PAUSE_BETWEEN_BATCHES_MS));
  }
  return { deleted, batches };
}

type PurgerState = { timer?: NodeJS.Timeout; running?: boolean };
const purger: PurgerState = ((globalThis as { __gatehouseAuditPurger?: PurgerState }).__gatehouseAuditPurger ??= {});

async function runPurge(): Promise<void> {
  if (purger.running) return;
  purger.running = true;
  try {
    const { deleted } = await purgeExpiredAudit({ shouldStop: () => !purger.timer });
    if (deleted) console.log(`[audit] deleted ${deleted} events older than ${env.AUDIT_RETENTION_DAYS} days`);
  } catch (error) {
    noteDatabaseError(error);
    console.error("[audit] retention purge failed:", (error as Error).message);
  } finally {
    purger.running = false;
  }
}

/** Deletes expired audit events at start and every AUDIT_PURGE_INTERVAL_SECONDS; one per process. */
export function startAuditPurger(): void {
  if (purger.timer) return;
  purger.timer = setInterval(() => void runPurge(), env.AUDIT_PURGE_INTERVAL_SECONDS * 1000);
  purger.timer.unref();
  void runPurge();
}

export function stopAuditPurger(): void {
  clearInterval(purger.timer);
  purger.timer = undefined;
}
