import { SIZES } from "../config";
import { backendPids, type BenchDatabase } from "../database";
import { closedLoop, httpClient, mergeLoads, type HttpAnswer, type LoadResult } from "../load";
import { cpuMs } from "../processes";
import { summarize, type Summary } from "../stats";

/** The demo seed's storefront (lib/infra/demo-seed.ts). */
export const PUBLIC_STOREFRONT = "demo";

/**
 * The pages anonymous traffic reaches, as a browser asks for them the first time (no cookie, no
 * query). Each is checked by a sentence only it shows, so a 200 of the wrong page fails.
 */
export const PUBLIC_PAGES: { path: string; shows: string }[] = [
  { path: "/login", shows: "Sign in to Gatehouse" },
  { path: "/forgot-password", shows: "Forgot your password?" },
  { path: "/reset-password", shows: "Enter your username, the 6-digit code" },
  { path: `/store/${PUBLIC_STOREFRONT}/login`, shows: "Sign in to order from" },
  { path: `/store/${PUBLIC_STOREFRONT}/forgot-password`, shows: "Email me a temporary password" },
];

/**
 * The same pages as a request that needs an answer of its own (a query string to honour), reported
 * beside them: what proxy.ts's per-request variant costs.
 */
export const PER_REQUEST_PAGES: { path: string; shows: string }[] = [
  { path: "/login?callbackUrl=%2Fadmin%2Fusers", shows: "Sign in to Gatehouse" },
  { path: `/store/${PUBLIC_STOREFRONT}/login?signedOut=1`, shows: "You have signed out." },
];

export type PublicPage = {
  path: string;
  /** Server CPU per view under `publicClients` clients. */
  serverCpuMs: number;
  /** PostgreSQL's CPU per view (its backends for the bench database). */
  postgresCpuMs: number;
  perSecond: number;
  latency: Summary;
  failed: number;
  failures: string[];
};

export type PublicFigures = {
  /** A static asset of the same server (the stylesheet every page links): what serving anything costs. */
  ceiling: PublicPage;
  pages: PublicPage[];
  perRequest: PublicPage[];
};

/** What a browser sends for a page: a gzip-capable, HTML-accepting GET. */
const BROWSER_HEADERS = { accept: "text/html,application/xhtml+xml", "accept-encoding": "gzip, deflate, br" };

/** Under load the bodies come back compressed, as a browser asks: each page was read in full once before. */
function pageCheck(path: string) {
  return (answer: HttpAnswer): true | string =>
    answer.status === 200 && String(answer.headers["content-type"]).startsWith("text/html")
      ? true
      : `${path} answered ${answer.status} (${answer.headers["content-type"]})`;
}

/**
 * Server CPU per view of each public page, at `publicClients` clients in a closed loop, beside a
 * static asset of the same server in the same rounds (the rounds alternate the ceiling and each
 * page, so a neighbour's load falls on all alike). CPU comes from /proc, which the neighbours move
 * less than wall time.
 */
export async function measurePublicPages(options: { baseUrl: string; serverPid: number; db: BenchDatabase }): Promise<PublicFigures> {
  const { baseUrl, serverPid, db } = options;
  const client = httpClient(baseUrl, SIZES.publicClients * 2);
  try {
    // Each page once in full (uncompressed), to check it is the page it should be.
    for (const page of [...PUBLIC_PAGES, ...PER_REQUEST_PAGES]) {
      const answer = await client.send("GET", page.path, { headers: { accept: BROWSER_HEADERS.accept } });
      if (answer.status !== 200 || !answer.body.includes(page.shows))
        throw new Error(`${page.path} answered ${answer.status} without "${page.shows}": ${answer.body.slice(0, 200)}`);
    }
    const login = await client.send("GET", "/login", { headers: { accept: BROWSER_HEADERS.accept } });
    const stylesheet = /<link rel="stylesheet" href="([^"]+\.css)"/.exec(login.body)?.[1];
    if (!stylesheet) throw new Error("/login links no stylesheet to measure the static ceiling with");

    const get = (path: string, check: (a: HttpAnswer) => true | string) => async (): Promise<true | string> =>
      check(await client.send("GET", path, { headers: BROWSER_HEADERS }));
    const targets = [
      { path: stylesheet, request: get(stylesheet, (a) => (a.status === 200 ? true : `${stylesheet} answered ${a.status}`)) },
      ...[...PUBLIC_PAGES, ...PER_REQUEST_PAGES].map((p) => ({ path: p.path, request: get(p.path, pageCheck(p.path)) })),
    ];
    // Warm up: JIT, the connection pool, the first render of each route.
    for (const t of targets) {
      const warm = await closedLoop({ concurrency: 4, total: 40, request: t.request });
      if (warm.failed) throw new Error(warm.failures[0]);
    }

    const runs = new Map<string, { loads: LoadResult[]; server: number; postgres: number }>(
      targets.map((t) => [t.path, { loads: [], server: 0, postgres: 0 }]),
    );
    for (let round = 0; round < SIZES.publicRounds; round++) {
      for (const t of targets) {
        const acc = runs.get(t.path)!;
        const pgBefore = cpuByPid(await backendPids(db));
        const before = cpuMs(serverPid) ?? 0;
        acc.loads.push(await closedLoop({ concurrency: SIZES.publicClients, durationMs: SIZES.publicSeconds * 1000, request: t.request }));
        acc.server += (cpuMs(serverPid) ?? 0) - before;
        for (const [pid, used] of cpuByPid(await backendPids(db))) acc.postgres += used - (pgBefore.get(pid) ?? 0);
      }
    }
    const figure = (path: string): PublicPage => {
      const acc = runs.get(path)!;
      const run = mergeLoads(acc.loads);
      return {
        path,
        serverCpuMs: acc.server / Math.max(1, run.ok),
        postgresCpuMs: acc.postgres / Math.max(1, run.ok),
        perSecond: (run.ok / run.elapsedMs) * 1000,
        latency: summarize(run.latencies),
        failed: run.failed,
        failures: run.failures,
      };
    };
    return {
      ceiling: figure(stylesheet),
      pages: PUBLIC_PAGES.map((p) => figure(p.path)),
      perRequest: PER_REQUEST_PAGES.map((p) => figure(p.path)),
    };
  } finally {
    client.close();
  }
}

function cpuByPid(pids: number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, cpuMs(pid) ?? 0]));
}
