import { verify } from "@node-rs/argon2";
import { availableParallelism } from "node:os";
import { SIZES } from "../config";
import { backendPids, type BenchDatabase } from "../database";
import { closedLoop, httpClient, mergeLoads, type LoadResult } from "../load";
import { cpuMs, ownCpuMs } from "../processes";
import { summarize, type Summary } from "../stats";

export type SignInFigures = {
  ceiling: { opsPerSecond: number; latency: Summary; cpuMsPerVerify: number; singleVerifyMs: number };
  signIn: {
    perSecond: number;
    latency: Summary;
    singleClient: Summary;
    failed: number;
    failures: string[];
    /** CPU spent per sign-in, by process: where the time goes besides argon2. */
    cpuMsPerSignIn: { server: number; postgres: number; client: number };
  };
  rounds: { ceilingPerSecond: number; signInPerSecond: number }[];
};

/**
 * Figures 1 and 2. Rounds alternate the ceiling (raw @node-rs/argon2 verify in this process,
 * `clients` at a time, with the app's parameters) and the real thing (`clients` concurrent
 * sign-ins through Auth.js Credentials against `next start`), so a neighbour's load on the
 * shared cores falls on both alike.
 */
export async function measureSignIn(options: {
  baseUrl: string;
  serverPid: number;
  db: BenchDatabase;
  usernames: string[];
  password: string;
  passwordHash: string;
}): Promise<SignInFigures> {
  const { baseUrl, usernames, password, passwordHash } = options;
  const client = httpClient(baseUrl, SIZES.signInClients * 2);
  try {
    // The csrf pair is a double-submit cookie: one pair serves every request.
    const csrf = await client.send("GET", "/api/auth/csrf");
    const csrfToken = (JSON.parse(csrf.body) as { csrfToken: string }).csrfToken;
    const cookie = [csrf.headers["set-cookie"] ?? []]
      .flat()
      .map((c) => c.split(";")[0])
      .join("; ");
    let next = 0;
    const signIn = async (): Promise<true | string> => {
      const username = usernames[next++ % usernames.length]!;
      const body = new URLSearchParams({ username, password, csrfToken }).toString();
      const answer = await client.send("POST", "/api/auth/callback/credentials", {
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        body,
      });
      const setCookie = [answer.headers["set-cookie"] ?? []].flat().join("\n");
      if (answer.status === 302 && setCookie.includes("authjs.session-token=")) return true;
      return `sign-in answered ${answer.status} → ${answer.headers.location ?? answer.body.slice(0, 120)}`;
    };
    const verifyOnce = async (): Promise<true | string> => ((await verify(passwordHash, password)) ? true : "argon2 verify said no");

    // Warm up: JIT, the connection pool, Auth.js's lazy config; one verify for the single-verify time.
    await closedLoop({ concurrency: 4, total: 24, request: signIn });
    const single = await closedLoop({ concurrency: 1, total: 12, request: verifyOnce });
    const singleClient = await closedLoop({ concurrency: 1, total: 12, request: signIn });

    const ceilingRuns: LoadResult[] = [];
    const signInRuns: LoadResult[] = [];
    const rounds: SignInFigures["rounds"] = [];
    let ceilingCpu = 0;
    const cpu = { server: 0, postgres: 0, client: 0 };
    const durationMs = SIZES.roundSeconds * 1000;
    for (let round = 0; round < SIZES.signInRounds; round++) {
      const ownBefore = ownCpuMs();
      const ceilingRun = await closedLoop({ concurrency: SIZES.signInClients, durationMs, request: verifyOnce });
      ceilingCpu += ownCpuMs() - ownBefore;
      ceilingRuns.push(ceilingRun);

      const pgBefore = cpuByPid(await backendPids(options.db));
      const serverBefore = cpuMs(options.serverPid) ?? 0;
      const clientBefore = ownCpuMs();
      const signInRun = await closedLoop({ concurrency: SIZES.signInClients, durationMs, request: signIn });
      cpu.client += ownCpuMs() - clientBefore;
      cpu.server += (cpuMs(options.serverPid) ?? 0) - serverBefore;
      // Backends the pool opened during the run count from zero.
      const pgAfter = cpuByPid(await backendPids(options.db));
      for (const [pid, used] of pgAfter) cpu.postgres += used - (pgBefore.get(pid) ?? 0);
      signInRuns.push(signInRun);
      rounds.push({
        ceilingPerSecond: (ceilingRun.ok / ceilingRun.elapsedMs) * 1000,
        signInPerSecond: (signInRun.ok / signInRun.elapsedMs) * 1000,
      });
    }
    const ceiling = mergeLoads(ceilingRuns);
    const signIns = mergeLoads(signInRuns);
    if (signIns.ok === 0) throw new Error(`no sign-in succeeded: ${signIns.failures.join("; ")}`);
    return {
      ceiling: {
        opsPerSecond: (ceiling.ok / ceiling.elapsedMs) * 1000,
        latency: summarize(ceiling.latencies),
        cpuMsPerVerify: ceilingCpu / ceiling.ok,
        singleVerifyMs: summarize(single.latencies).p50,
      },
      signIn: {
        perSecond: (signIns.ok / signIns.elapsedMs) * 1000,
        latency: summarize(signIns.latencies),
        singleClient: summarize(singleClient.latencies),
        failed: signIns.failed,
        failures: signIns.failures,
        cpuMsPerSignIn: {
          server: cpu.server / signIns.ok,
          postgres: cpu.postgres / signIns.ok,
          client: cpu.client / signIns.ok,
        },
      },
      rounds,
    };
  } finally {
    client.close();
  }
}

function cpuByPid(pids: number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, cpuMs(pid) ?? 0]));
}

export const cores = availableParallelism();
