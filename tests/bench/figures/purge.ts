import { useDatabase } from "@/lib/infra/database";
import { auditCutoff, purgeExpiredAudit } from "@/lib/audit/retention";
import { env } from "@/lib/infra/env";
import { SIZES } from "../config";
import type { BenchDatabase } from "../database";
import { closedLoop, httpClient, mergeLoads, type LoadResult } from "../load";
import { summarize, type Summary } from "../stats";
import { addressOf, authJsSignIn } from "./sign-in";

export type PurgeFigures = {
  expiredBefore: number;
  deleted: number;
  batches: number;
  /** Events deleted per second while the purge ran. */
  perSecond: number;
  purgeMs: number;
  /** Sign-ins with no purge running, and while one runs: the same clients, alternating windows. */
  quiet: Summary;
  during: Summary;
  failed: number;
  failures: string[];
};

/**
 * Figure: the retention purge (lib/audit/retention.ts, as the server's timer runs it, here in
 * this process on the same database) against sign-ins through the server. Windows alternate
 * quiet / purging so a neighbour's load falls on both alike; each purging window stops the
 * purge at its end (between two batches).
 */
export async function measurePurge(options: {
  baseUrl: string;
  db: BenchDatabase;
  usernames: string[];
  password: string;
}): Promise<PurgeFigures> {
  const { db } = options;
  useDatabase(db.handle);
  const cutoff = auditCutoff(new Date(), env.AUDIT_RETENTION_DAYS);
  const [expiredRow] = await db.sql<{ expired: number }[]>`
    select count(*)::int as expired from audit_events where created_at < ${cutoff}`;
  const expired = expiredRow!.expired;
  const client = httpClient(options.baseUrl, SIZES.purgeClients * 2);
  try {
    const authJs = await authJsSignIn(client, options.password);
    let next = 0;
    const signIn = async (): Promise<true | string> => {
      const n = next++;
      const result = await authJs.signIn(options.usernames[n % options.usernames.length]!, addressOf(n + 100_000));
      return result.ok ? true : result.error;
    };
    await closedLoop({ concurrency: SIZES.purgeClients, total: SIZES.purgeClients * 3, request: signIn });
    const durationMs = SIZES.purgeWindowSeconds * 1000;
    const quiet: LoadResult[] = [];
    const during: LoadResult[] = [];
    let deleted = 0;
    let batches = 0;
    let purgeMs = 0;
    for (let round = 0; round < SIZES.purgeRounds; round++) {
      quiet.push(await closedLoop({ concurrency: SIZES.purgeClients, durationMs, request: signIn }));
      let stop = false;
      const t0 = performance.now();
      let ended = 0;
      const purge = purgeExpiredAudit({ shouldStop: () => stop }).finally(() => (ended = performance.now()));
      const load = await closedLoop({ concurrency: SIZES.purgeClients, durationMs, request: signIn });
      stop = true;
      const done = await purge;
      purgeMs += ended - t0;
      deleted += done.deleted;
      batches += done.batches;
      during.push(load);
    }
    const all = mergeLoads([...quiet, ...during]);
    return {
      expiredBefore: expired,
      deleted,
      batches,
      perSecond: (deleted / purgeMs) * 1000,
      purgeMs,
      quiet: summarize(mergeLoads(quiet).latencies),
      during: summarize(mergeLoads(during).latencies),
      failed: all.failed,
      failures: all.failures,
    };
  } finally {
    client.close();
  }
}
