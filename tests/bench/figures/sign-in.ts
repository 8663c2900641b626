import { verify } from "@node-rs/argon2";
import { availableParallelism } from "node:os";
import { SIZES } from "../config";
import { backendPids, type BenchDatabase } from "../database";
import { closedLoop, formActionPoster, httpClient, mergeLoads, type LoadResult } from "../load";
import { cpuMs, ownCpuMs } from "../processes";
import { summarize, type Summary } from "../stats";

export type SignInFigures = {
  /** Raw verify, `clients` at a time sharing one slot per core: the fastest way to run it here. */
  ceiling: { opsPerSecond: number; latency: Summary; cpuMsPerVerify: number; singleVerifyMs: number };
  /** Raw verify, all `clients` at once (libuv's 4 threads time-share the cores). */
  oversubscribed: { opsPerSecond: number; latency: Summary; cpuMsPerVerify: number };
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
  /**
   * The same sign-in by the other ways in, at the same clients (half as long per round), reported
   * beside the headline: what the login page's form costs (its server action, which streams the
   * landing page in its response), the storefront's form (a contact's, its home page streamed
   * likewise) and the apps' JSON sign-in. `endpoint` is Auth.js's endpoint in the same half-length
   * windows, right before them: the forms' figure is their ratio to it.
   */
  otherWays: Record<OtherWayName, OtherWay>;
  /**
   * CPU per request, one at a time: a sign-in in the server; one verify in this process; a
   * bare route with one query (/api/health) and Auth.js's CSRF endpoint in the server.
   */
  serverCpuMs: { signIn: number; verify: number; route: number; authJsCsrf: number };
};

export const OTHER_WAYS = ["endpoint", "form", "storefront", "app"] as const;
export type OtherWayName = (typeof OTHER_WAYS)[number];

export type OtherWay = {
  perSecond: number;
  latency: Summary;
  failed: number;
  failures: string[];
  /** Server CPU per sign-in at the same clients. */
  serverCpuMs: number;
};

/**
 * Figures 1 and 2. Rounds alternate the ceiling (raw @node-rs/argon2 verify in this process,
 * with the app's parameters, `clients` at a time) and the real thing (`clients` concurrent
 * sign-ins through Auth.js Credentials against `npm start`), so a neighbour's load on the
 * shared cores falls on both alike. The ceiling runs one verify per core, the others waiting,
 * which beats letting all of them loose on libuv's threads; both are measured.
 */
export async function measureSignIn(options: {
  baseUrl: string;
  serverPid: number;
  db: BenchDatabase;
  usernames: string[];
  /** Contacts of the storefront at `/store/<storefront>`, with the same password. */
  storefront: string;
  contactUsernames: string[];
  password: string;
  passwordHash: string;
}): Promise<SignInFigures> {
  const { baseUrl, usernames, contactUsernames, storefront, password, passwordHash } = options;
  const client = httpClient(baseUrl, SIZES.signInClients * 2);
  try {
    let next = 0;
    const clientAddress = () => addressOf(next);
    const authJs = await authJsSignIn(client, password);
    const signIn = () => authJs.signIn(usernames[next++ % usernames.length]!, clientAddress()).then((r) => (r.ok ? true : r.error));
    // The login page's form, posted as React posts it: its server action, answered with the
    // landing page's RSC payload (the action redirects there and Next.js streams it).
    const postLoginForm = await formActionPoster(client, baseUrl, "/login");
    const formSignIn = async (): Promise<true | string> => {
      const username = usernames[next++ % usernames.length]!;
      const answer = await postLoginForm({ username, password }, { "x-forwarded-for": clientAddress() });
      const setCookie = [answer.headers["set-cookie"] ?? []].flat().join("\n");
      if (setCookie.includes("authjs.session-token=") && String(answer.headers["x-action-redirect"]).startsWith("/admin")) return true;
      return `login form answered ${answer.status} → ${answer.headers["x-action-redirect"] ?? answer.body.slice(0, 120)}`;
    };
    // The storefront's form, the same way: its action starts a contact session and redirects to
    // the storefront's home, which Next.js renders into the same response.
    const postStorefrontForm = await formActionPoster(client, baseUrl, `/store/${storefront}/login`);
    const storefrontSignIn = async (): Promise<true | string> => {
      const username = contactUsernames[next++ % contactUsernames.length]!;
      const answer = await postStorefrontForm({ org: storefront, username, password }, { "x-forwarded-for": clientAddress() });
      const setCookie = [answer.headers["set-cookie"] ?? []].flat().join("\n");
      if (setCookie.includes("gh_store=") && String(answer.headers["x-action-redirect"]).startsWith(`/store/${storefront}`)) return true;
      return `storefront form answered ${answer.status} → ${answer.headers["x-action-redirect"] ?? answer.body.slice(0, 120)}`;
    };
    const appSignIn = async (): Promise<true | string> => {
      const username = usernames[next++ % usernames.length]!;
      const answer = await client.send("POST", "/api/app/session", {
        headers: { "content-type": "application/json", "x-forwarded-for": clientAddress() },
        body: JSON.stringify({ username, password, app: "sales-plus" }),
      });
      if (answer.status === 200 && answer.body.includes('"token"')) return true;
      return `app sign-in answered ${answer.status}: ${answer.body.slice(0, 120)}`;
    };

    const verifyOnce = async (): Promise<true | string> =>
      (await verify(passwordHash, password)) ? true : "argon2 verify said no";
    const verifyInSlot = slotted(availableParallelism(), verifyOnce);

    // Warm up: JIT, the connection pool, Auth.js's lazy config.
    for (const request of [signIn, formSignIn, storefrontSignIn, appSignIn]) {
      const warm = await closedLoop({ concurrency: 4, total: 24, request });
      if (warm.failed) throw new Error(warm.failures[0]);
    }

    // One request at a time, with the server's CPU per request: a sign-in beside the floors it
    // stands on (a bare route with one query; Auth.js's CSRF endpoint) and one verify here.
    const get = (path: string) => async (): Promise<true | string> => {
      const answer = await client.send("GET", path);
      return answer.status === 200 ? true : `${path} answered ${answer.status}`;
    };
    const sequential = async (request: () => Promise<true | string>, pid: number | null) => {
      const before = pid === null ? ownCpuMs() : (cpuMs(pid) ?? 0);
      const run = await closedLoop({ concurrency: 1, total: SIZES.sequentialRequests, request });
      const used = (pid === null ? ownCpuMs() : (cpuMs(pid) ?? 0)) - before;
      if (run.failed) throw new Error(run.failures[0]);
      return { latency: summarize(run.latencies), cpuMs: used / run.ok };
    };
    const floors = {
      verify: await sequential(verifyOnce, null),
      route: await sequential(get("/api/health"), options.serverPid),
      authJs: await sequential(get("/api/auth/csrf"), options.serverPid),
      signIn: await sequential(signIn, options.serverPid),
    };

    const ceilingRuns: LoadResult[] = [];
    const oversubscribedRuns: LoadResult[] = [];
    const signInRuns: LoadResult[] = [];
    const rounds: SignInFigures["rounds"] = [];
    const ownCpu = { ceiling: 0, oversubscribed: 0 };
    const cpu = { server: 0, postgres: 0, client: 0 };
    const otherRuns = Object.fromEntries(OTHER_WAYS.map((way) => [way, [] as LoadResult[]])) as Record<OtherWayName, LoadResult[]>;
    const otherCpu = Object.fromEntries(OTHER_WAYS.map((way) => [way, 0])) as Record<OtherWayName, number>;
    const otherRequests: Record<OtherWayName, () => Promise<true | string>> = {
      endpoint: signIn,
      form: formSignIn,
      storefront: storefrontSignIn,
      app: appSignIn,
    };
    const durationMs = SIZES.roundSeconds * 1000;
    for (let round = 0; round < SIZES.signInRounds; round++) {
      let before = ownCpuMs();
      const ceilingRun = await closedLoop({ concurrency: SIZES.signInClients, durationMs, request: verifyInSlot });
      ownCpu.ceiling += ownCpuMs() - before;
      ceilingRuns.push(ceilingRun);

      before = ownCpuMs();
      oversubscribedRuns.push(
        await closedLoop({ concurrency: SIZES.signInClients, durationMs: durationMs / 2, request: verifyOnce }),
      );
      ownCpu.oversubscribed += ownCpuMs() - before;

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
      for (const way of OTHER_WAYS) {
        const before = cpuMs(options.serverPid) ?? 0;
        const run = await closedLoop({ concurrency: SIZES.signInClients, durationMs: durationMs / 2, request: otherRequests[way] });
        otherCpu[way] += (cpuMs(options.serverPid) ?? 0) - before;
        otherRuns[way].push(run);
      }
    }
    const otherWay = (way: OtherWayName): OtherWay => {
      const run = mergeLoads(otherRuns[way]);
      return {
        perSecond: (run.ok / run.elapsedMs) * 1000,
        latency: summarize(run.latencies),
        failed: run.failed,
        failures: run.failures,
        serverCpuMs: otherCpu[way] / Math.max(1, run.ok),
      };
    };
    const ceiling = mergeLoads(ceilingRuns);
    const oversubscribed = mergeLoads(oversubscribedRuns);
    const signIns = mergeLoads(signInRuns);
    if (signIns.ok === 0) throw new Error(`no sign-in succeeded: ${signIns.failures.join("; ")}`);
    return {
      ceiling: {
        opsPerSecond: (ceiling.ok / ceiling.elapsedMs) * 1000,
        latency: summarize(ceiling.latencies),
        cpuMsPerVerify: ownCpu.ceiling / ceiling.ok,
        singleVerifyMs: floors.verify.latency.p50,
      },
      oversubscribed: {
        opsPerSecond: (oversubscribed.ok / oversubscribed.elapsedMs) * 1000,
        latency: summarize(oversubscribed.latencies),
        cpuMsPerVerify: ownCpu.oversubscribed / oversubscribed.ok,
      },
      signIn: {
        perSecond: (signIns.ok / signIns.elapsedMs) * 1000,
        latency: summarize(signIns.latencies),
        singleClient: floors.signIn.latency,
        failed: signIns.failed,
        failures: signIns.failures,
        cpuMsPerSignIn: {
          server: cpu.server / signIns.ok,
          postgres: cpu.postgres / signIns.ok,
          client: cpu.client / signIns.ok,
        },
      },
      rounds,
      otherWays: Object.fromEntries(OTHER_WAYS.map((way) => [way, otherWay(way)])) as Record<OtherWayName, OtherWay>,
      serverCpuMs: {
        signIn: floors.signIn.cpuMs,
        verify: floors.verify.cpuMs,
        route: floors.route.cpuMs,
        authJsCsrf: floors.authJs.cpuMs,
      },
    };
  } finally {
    client.close();
  }
}

/** Many clients behind one reverse proxy (the server trusts one hop): each request names its
 * client, so the per-IP budget spreads over many rows, as it would in production. */
export const addressOf = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/**
 * Sign-in through Auth.js Credentials, as the login page's POST does it. The csrf pair is a
 * double-submit cookie: one pair serves every request. Answers the session cookie.
 */
export async function authJsSignIn(client: ReturnType<typeof httpClient>, password: string) {
  const csrf = await client.send("GET", "/api/auth/csrf");
  const csrfToken = (JSON.parse(csrf.body) as { csrfToken: string }).csrfToken;
  const cookie = [csrf.headers["set-cookie"] ?? []]
    .flat()
    .map((c) => c.split(";")[0])
    .join("; ");
  return {
    signIn: async (username: string, address: string): Promise<{ ok: true; cookie: string } | { ok: false; error: string }> => {
      const body = new URLSearchParams({ username, password, csrfToken }).toString();
      const answer = await client.send("POST", "/api/auth/callback/credentials", {
        headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": address },
        body,
      });
      const session = [answer.headers["set-cookie"] ?? []]
        .flat()
        .map((c) => c.split(";")[0]!)
        .find((c) => c.startsWith("authjs.session-token="));
      if (answer.status === 302 && session) return { ok: true, cookie: session };
      return { ok: false, error: `sign-in answered ${answer.status} → ${answer.headers.location ?? answer.body.slice(0, 120)}` };
    },
  };
}

/** `request` with at most `slots` of them running at once, the rest waiting in line. */
function slotted(slots: number, request: () => Promise<true | string>): () => Promise<true | string> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async () => {
    if (running < slots) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await request();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

function cpuByPid(pids: number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, cpuMs(pid) ?? 0]));
}
