import "server-only";
import { and, asc, inArray, lt, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/lib/infra/database";
import { auditEvents } from "@/db/schema";
import { noteDatabaseError } from "@/lib/infra/availability";
import { env } from "@/lib/infra/env";

/**
 * Between two batches the purge rests twice as long as the batch took, so it keeps to a third of
 * one connection's time: a backlog (a first start on a year of events) never crowds out sign-ins,
 * while a day's worth of expired events takes a batch or two.
 */
const REST_PER_BATCH_TIME = 2;
const MIN_PAUSE_MS = 10;
/** pg_try_advisory_xact_lock key: one instance purges at a time, the others skip their turn. */
const PURGE_LOCK = 0x6175_6469; // "audi"

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
 * Deletes at most one batch of expired audit events, oldest first, and says how many: 0 when
 * none is left, or while another instance is deleting a batch (the transaction-scoped advisory
 * lock is taken once, by the uncorrelated subquery, and no one waits for it). Inserts never touch
 * expired rows, so nothing else waits either; no row locks are taken beyond the delete's own.
 */
export async function purgeExpiredAuditBatch(options: PurgeOptions = {}, ex?: Executor): Promise<number> {
  const db = ex ?? (await getDb());
  const cutoff = auditCutoff(options.now, options.retentionDays);
  const expired = db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(lt(auditEvents.createdAt, cutoff), sql`(select pg_try_advisory_xact_lock(${PURGE_LOCK}))`))
    .orderBy(asc(auditEvents.createdAt))
    .limit(options.batchSize ?? env.AUDIT_PURGE_BATCH);
  const deleted = await db.delete(auditEvents).where(inArray(auditEvents.id, expired)).returning({ id: auditEvents.id });
  return deleted.length;
}

/**
 * Purges batch after batch until a batch comes back short (nothing expired is left, or another
 * instance is at it), resting between batches. `shouldStop` ends it early (shutdown, bench).
 */
export async function purgeExpiredAudit(
  options: PurgeOptions & { shouldStop?: () => boolean; pauseMs?: number } = {},
): Promise<{ deleted: number; batches: number }> {
  const batchSize = options.batchSize ?? env.AUDIT_PURGE_BATCH;
  let deleted = 0;
  let batches = 0;
  for (;;) {
    if (options.shouldStop?.()) break;
    const started = performance.now();
    const n = await purgeExpiredAuditBatch({ ...options, batchSize });
    deleted += n;
    batches++;
    if (n < batchSize) break;
    const rest = options.pauseMs ?? Math.max(MIN_PAUSE_MS, (performance.now() - started) * REST_PER_BATCH_TIME);
    await new Promise((resolve) => setTimeout(resolve, rest));
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
