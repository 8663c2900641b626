import { SIZES } from "../config";
import type { BenchDatabase } from "../database";
import { closedLoop, formActionPoster, httpClient, mergeLoads, type LoadResult } from "../load";
import { summarize, type Summary } from "../stats";

export type ResetFigures = {
  instant: Summary;
  slow: Summary;
  providerDelayMs: number;
  requests: number;
  failed: number;
  failures: string[];
  /** Emails the fake provider accepted, of those requested, once the outbox drained (or gave up). */
  delivered: number;
  /** Calls the provider got (more than `delivered`: some emails were sent twice, deduplicated by key). */
  providerCalls: number;
  drainMs: number;
};

type FakeProvider = { setDelay: (ms: number) => void; accepted: Map<string, string>; requests: unknown[] };

/**
 * Figure 3: the Forgot Password form's server action ("Send me reset password instructions"),
 * posted as the browser posts it, each request for an account of its own. Rounds alternate an
 * instant provider and one answering in `providerDelayMs`; delivery happens after the response,
 * so the two should not differ.
 */
export async function measureResetRequest(options: {
  baseUrl: string;
  db: BenchDatabase;
  usernames: string[];
  provider: FakeProvider;
}): Promise<ResetFigures> {
  const client = httpClient(options.baseUrl, SIZES.resetClients * 2);
  try {
    const postForm = await formActionPoster(client, options.baseUrl, "/forgot-password");
    const post = async (email: string): Promise<true | string> => {
      const answer = await postForm({ email });
      if (answer.status === 200 && answer.body.includes('"ok":true')) return true;
      return `forgot-password answered ${answer.status}: ${answer.body.slice(0, 160)}`;
    };
    let next = 0;
    const request = async () => {
      const email = options.usernames[next++];
      return email ? post(email) : "ran out of bench accounts";
    };

    // Warm up on accounts that do not exist (same argon2 cost, no email).
    await closedLoop({ concurrency: SIZES.resetClients, total: 12, request: (i) => post(`nobody${i}@bench.test`) });

    const instant: LoadResult[] = [];
    const slow: LoadResult[] = [];
    for (let round = 0; round < SIZES.resetRounds; round++) {
      for (const delay of [0, SIZES.providerDelayMs]) {
        options.provider.setDelay(delay);
        const run = await closedLoop({ concurrency: SIZES.resetClients, total: SIZES.resetRequestsPerPhase, request });
        (delay === 0 ? instant : slow).push(run);
      }
    }
    const all = mergeLoads([...instant, ...slow]);
    if (all.ok === 0) throw new Error(`no reset request succeeded: ${all.failures.join("; ")}`);

    // Let delivery finish (each slow send holds 2 s), to show the emails did go out.
    const drainStart = performance.now();
    const deadline = drainStart + SIZES.drainSeconds * 1000;
    let pending = Number.POSITIVE_INFINITY;
    while (performance.now() < deadline) {
      const [row] = await options.db.sql<{ n: number }[]>`select count(*)::int as n from email_outbox where status = 'pending'`;
      pending = row!.n;
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    return {
      instant: summarize(mergeLoads(instant).latencies),
      slow: summarize(mergeLoads(slow).latencies),
      providerDelayMs: SIZES.providerDelayMs,
      requests: all.ok + all.failed,
      failed: all.failed,
      failures: all.failures,
      delivered: options.provider.accepted.size,
      providerCalls: options.provider.requests.length,
      drainMs: performance.now() - drainStart,
    };
  } finally {
    options.provider.setDelay(0);
    client.close();
  }
}
