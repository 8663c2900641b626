/**
 * `npm run bench` (issue 8): each performance figure beside its ceiling, measured in the same run,
 * printed as a table and written to docs/performance.md. BENCH_QUICK=1 uses small sizes (CI).
 * Exit status: 0 when every figure was measured (a missed target is reported, not an error),
 * 1 when something broke (a server would not start, requests failed, zxcvbn on the login page…).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { ADMIN_DATABASE_URL, BASE_PORT, QUICK, SIZES, TARGETS } from "./config";
import { createBenchDatabase, seedBenchContacts, seedBenchUsers, type BenchDatabase } from "./database";
import { measureResetRequest, type ResetFigures } from "./figures/reset";
import { measureSearch, seedSearchUsers, type SearchFigures, type SeededUsers } from "./figures/search";
import {
  ACTIVITY_FILTERS,
  checkActivityPlans,
  explainActivity,
  growConsole,
  measureConsole,
  seedConsole,
  signInConsole,
  type ActivityPlanCheck,
  type ConsolePhase,
  type ConsoleSetup,
} from "./figures/console";
import { measurePurge, type PurgeFigures } from "./figures/purge";
import { measureImport, type ImportFigures } from "./figures/import";
import { BENCH_TOKEN_HMAC_SECRET, measureManagementApi, type ApiFigures } from "./figures/management-api";
import { measureSignIn, type SignInFigures } from "./figures/sign-in";
import { measurePublicPages, type PublicFigures } from "./figures/public";
import { launchChromium, METER_PAGE, weighPage, WEIGHED_PAGES, zxcvbnMarkers, type PageWeight } from "./figures/pages";
import { measureStart, type StartFigures } from "./figures/start";
import { freePort, stopAllProcesses } from "./processes";
import { consoleTable, markdownTable, writeSection, type Row } from "./report";
import { ensureProductionBuild, startProductionServer, type ProductionServer } from "./server";
import { kb, ms, pct, seconds } from "./stats";
import { startFakeResend } from "../helpers/fake-resend";

const BENCH_PASSWORD = "Bench-Sign-In-2026!";
const broke: string[] = [];
/** Undone on any exit, Ctrl-C included: the bench database above all. */
const cleanups = new Set<() => Promise<void>>();
const log = (line: string) => console.log(line);

/** BENCH_ONLY=sign-in,reset runs only those parts (search, console, purge, import, api, sign-in, public, reset, pages, start) and writes no docs. */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",").map((s) => s.trim())) : null;
const wanted = (key: string) => !ONLY || ONLY.has(key);

/** Runs one part; an exception is recorded as a breakage and the bench goes on with the others. */
async function part<T>(name: string, run: () => Promise<T>): Promise<T | null> {
  log(`\n▶ ${name}`);
  const t0 = performance.now();
  try {
    const result = await run();
    log(`  done in ${seconds(performance.now() - t0)}`);
    return result;
  } catch (error) {
    const message = (error as Error).stack ?? String(error);
    broke.push(`${name}: ${(error as Error).message}`);
    console.error(`✖ ${name} broke:\n${message}`);
    return null;
  }
}

async function main() {
  const startedAt = new Date();
  const runStart = performance.now();
  const loadBefore = loadavg()[0]!;
  log(`Gatehouse bench (${QUICK ? "quick" : "full"}) on ${availableParallelism()} cores, load average ${loadBefore.toFixed(1)}`);

  const build = ensureProductionBuild();
  const { ARGON2_OPTIONS, hashSecret } = await import("@/lib/credentials/hashing");

  let db: BenchDatabase | null = null;
  let server: ProductionServer | null = null;
  let fake: Awaited<ReturnType<typeof startFakeResend>> | null = null;
  const dataDir = mkdtempSync(path.join(tmpdir(), "gatehouse-bench-"));
  let signIn: SignInFigures | null = null;
  let publicPages: PublicFigures | null = null;
  let reset: ResetFigures | null = null;
  let search: SearchFigures | null = null;
  let pages: PageWeight[] | null = null;
  let meter: PageWeight | null = null;
  let start: StartFigures | null = null;
  let roundTripP95: number | null = null;
  const consolePhases: ConsolePhase[] = [];
  let consolePlan: { page: string; lines: string[] } | null = null;
  let activityPlanChecks: ActivityPlanCheck[] | null = null;
  let consoleGrowMs = 0;
  let consoleSetup: ConsoleSetup | null = null;
  let purge: PurgeFigures | null = null;
  let imported: ImportFigures | null = null;
  let api: ApiFigures | null = null;
  try {
    db = await createBenchDatabase();
    cleanups.add(db.drop);
    log(`database ${db.name} on ${new URL(ADMIN_DATABASE_URL).host}`);
    const passwordHash = await hashSecret(BENCH_PASSWORD);
    const signInUsers = await seedBenchUsers(db, {
      slug: "bench-sign-in",
      prefix: "signin",
      count: SIZES.signInUsers,
      passwordHash,
      // Dual users may sign in to the console and to the apps: the three ways in are measured.
      userType: "dual",
    });
    const storefrontSlug = "bench-storefront";
    const signInContacts = await seedBenchContacts(db, {
      slug: storefrontSlug,
      prefix: "contact",
      count: SIZES.signInUsers,
      passwordHash,
    });
    const resetUsers = await seedBenchUsers(db, {
      slug: "bench-reset",
      prefix: "reset",
      count: SIZES.resetRounds * SIZES.resetRequestsPerPhase * 2,
      passwordHash,
    });
    const benchDb = db;

    // First, while no server runs: seeding up to a million users is the heaviest step.
    const wantConsole = wanted("console") || wanted("purge");
    const seeded: SeededUsers | null =
      wanted("search") || wantConsole || wanted("api")
        ? await part(
            `${SIZES.searchUsers.toLocaleString("en")} users in ${SIZES.searchOrganizations.toLocaleString("en")} organizations`,
            () => seedSearchUsers(benchDb, log),
          )
        : null;
    if (wanted("search") && seeded)
      search = await part("console user search", () => measureSearch(benchDb, seeded));
    if (wanted("search")) roundTripP95 = await part("query round trip (the search's floor)", () => measureRoundTrip(benchDb));
    if (wantConsole && seeded)
      consoleSetup = await part(`audit trail: first ${SIZES.consoleLayerEvents.toLocaleString("en")} events`, () =>
        seedConsole(benchDb, seeded.organizationIds, passwordHash, log),
      );

    const fakePort = await freePort(BASE_PORT);
    fake = await startFakeResend({ port: fakePort });
    const serverPort = await freePort(BASE_PORT, [fakePort]);
    const needServer = wanted("sign-in") || wanted("public") || wanted("reset") || wanted("pages") || wanted("import") || consoleSetup !== null || (wanted("api") && seeded !== null);
    server = !needServer
      ? null
      : await part(`npm start (server.mjs) on PostgreSQL (port ${serverPort})`, () =>
          startProductionServer({
            port: serverPort,
            databaseUrl: benchDb.url,
            dataDir,
            env: {
              // The management API bench writes its keys' digests itself.
              TOKEN_HMAC_SECRET: BENCH_TOKEN_HMAC_SECRET,
              API_KEY_RATE_LIMIT: "1000000",
              MAIL_TRANSPORT: "resend",
              RESEND_API_KEY: "re_bench",
              RESEND_BASE_URL: fake!.url,
              // Behind a reverse proxy: the sign-in load names many clients in X-Forwarded-For.
              TRUSTED_PROXY_HOPS: "1",
              // Every other request comes from 127.0.0.1: lift the per-IP budgets (and the per-account one) for the bench.
              SIGNIN_IP_LIMIT: "1000000",
              CONTACT_SIGNIN_IP_LIMIT: "1000000",
              CONTACT_SIGNIN_USERNAME_LIMIT: "1000000",
              RESET_REQUEST_IP_LIMIT: "1000000",
              USERNAME_CHECK_IP_LIMIT: "1000000",
              CODE_ENTRY_IP_LIMIT: "1000000",
              RESET_EMAILS_PER_HOUR: "1000",
              // The bench runs the retention purge itself, at a moment it measures.
              AUDIT_RETENTION_DAYS: "36500",
              // A confirmed import is picked up within a second (the run is timed from the claim anyway).
              IMPORT_POLL_SECONDS: "1",
            },
          }),
        );
    if (server) {
      const live = server;
      if (wanted("sign-in"))
        signIn = await part(
          `sign-in: ${SIZES.signInClients} clients vs argon2 verify, ${SIZES.signInRounds} rounds of ${SIZES.roundSeconds} s each`,
          () =>
            measureSignIn({
              baseUrl: live.url,
              serverPid: live.process.pid,
              db: benchDb,
              usernames: signInUsers,
              storefront: storefrontSlug,
              contactUsernames: signInContacts,
              password: BENCH_PASSWORD,
              passwordHash,
            }),
        );
      if (wanted("public"))
        publicPages = await part(`public pages: server CPU per view at ${SIZES.publicClients} clients vs a static asset`, () =>
          measurePublicPages({ baseUrl: live.url, serverPid: live.process.pid, db: benchDb }),
        );
      if (wanted("reset"))
        reset = await part(`reset request: provider instant vs ${SIZES.providerDelayMs} ms, ${SIZES.resetRounds} rounds`, () =>
          measureResetRequest({ baseUrl: live.url, db: benchDb, usernames: resetUsers, provider: fake! }),
        );
      const weighed = !wanted("pages")
        ? null
        : await part("page weight (Chromium)", async () => {
            const markers = zxcvbnMarkers();
            const browser = await launchChromium();
            try {
              const weights: PageWeight[] = [];
              for (const p of WEIGHED_PAGES) weights.push(await weighPage(browser, live.url, p, markers));
              return { weights, meter: await weighPage(browser, live.url, METER_PAGE, markers) };
            } finally {
              await browser.close();
            }
          });
      pages = weighed?.weights ?? null;
      meter = weighed?.meter ?? null;
      const setup = consoleSetup;
      if (setup && wanted("console")) {
        const cookie = await part("console admin signs in", () => signInConsole(live.url, setup, BENCH_PASSWORD));
        const measure = () => measureConsole({ baseUrl: live.url, serverPid: live.process.pid, db: benchDb, setup, cookie: cookie! });
        const first = cookie ? await part(`console pages at ${SIZES.consoleLayerEvents.toLocaleString("en")} events`, measure) : null;
        if (first) consolePhases.push(first);
        const total = SIZES.consoleLayerEvents * SIZES.consoleLayers;
        const grown = await part(`audit trail grows to ${total.toLocaleString("en")} events`, () => growConsole(benchDb, setup, log));
        if (grown !== null) consoleGrowMs = grown;
        const second = cookie && grown !== null ? await part(`console pages at ${total.toLocaleString("en")} events`, measure) : null;
        if (second) {
          consolePhases.push(second);
          const slowest = second.pages
            .filter((p) => p.name in ACTIVITY_FILTERS || p.name.endsWith("by user"))
            .reduce((a, b) => (b.served.p95 > a.served.p95 ? b : a));
          const filter = ACTIVITY_FILTERS[slowest.name] ?? { userId: setup.userId };
          const lines = await part(`EXPLAIN ANALYZE ${slowest.name}`, () => explainActivity(benchDb, setup, filter));
          if (lines) consolePlan = { page: slowest.name, lines };
          const checks = await part("Activity plans: rows per page", () => checkActivityPlans(benchDb, setup));
          for (const check of checks ?? []) {
            log(`  ${check.page}: at most ${check.mostRows.toLocaleString("en")} rows in one node (${check.node}; allowed ${check.allowed.toLocaleString("en")})`);
            if (check.mostRows > check.allowed)
              broke.push(`${check.page}: its plan produced ${check.mostRows.toLocaleString("en")} rows in one node (${check.node}), more than the ${check.allowed.toLocaleString("en")} a page needs`);
          }
          activityPlanChecks = checks;
        }
      } else if (setup && wanted("purge")) {
        await part("audit trail grows", () => growConsole(benchDb, setup, log));
      }
      if (setup && wanted("purge"))
        purge = await part(`audit retention purge vs sign-ins (${SIZES.purgeClients} clients)`, () =>
          measurePurge({ baseUrl: live.url, db: benchDb, usernames: signInUsers, password: BENCH_PASSWORD }),
        );
      if (wanted("import"))
        imported = await part(`CSV import of ${SIZES.importRows.toLocaleString("en")} contacts vs INSERT … SELECT`, () =>
          measureImport({ db: benchDb, serverPid: live.process.pid, rows: SIZES.importRows }),
        );
      if (wanted("api") && seeded)
        api = await part(`management API: list 100 users with search, create ${SIZES.apiContacts} contacts`, () =>
          measureManagementApi({ baseUrl: live.url, db: benchDb, organizationIds: seeded.organizationIds }),
        );
      await server.process.stop();
      server = null;
    }
    await fake.close();
    fake = null;
    const devPort = await freePort(BASE_PORT);
    if (wanted("start"))
      start = await part(`start: npm run dev on a fresh embedded database beside a bare Next.js app (port ${devPort})`, () => measureStart(devPort));
  } finally {
    await server?.process.stop();
    await fake?.close();
    await db?.drop().catch((error: unknown) => broke.push(`dropping the bench database: ${(error as Error).message}`));
    rmSync(dataDir, { recursive: true, force: true });
    stopAllProcesses();
  }

  // ---------------------------------------------------------------------------------------
  const rows: Row[] = [];
  const details: string[] = [];
  if (signIn) {
    const ratio = signIn.signIn.perSecond / signIn.ceiling.opsPerSecond;
    rows.push({
      figure: "sign-in throughput",
      measured: `${signIn.signIn.perSecond.toFixed(1)} sign-ins/s`,
      ceiling: `${signIn.ceiling.opsPerSecond.toFixed(1)} argon2 verifies/s`,
      ratio: pct(ratio),
      target: `≥ ${pct(TARGETS.signInThroughputRatio)}`,
      pass: ratio >= TARGETS.signInThroughputRatio,
    });
    const overhead = signIn.signIn.latency.p95 - signIn.ceiling.latency.p95;
    rows.push({
      figure: `sign-in p95, ${SIZES.signInClients} clients`,
      measured: ms(signIn.signIn.latency.p95),
      ceiling: `verify p95 at ${SIZES.signInClients}: ${ms(signIn.ceiling.latency.p95)}`,
      ratio: `+${ms(overhead)}`,
      target: `≤ ${TARGETS.signInOverheadMs} ms over`,
      pass: overhead <= TARGETS.signInOverheadMs,
    });
    rows.push({
      figure: "sign-in p50, 1 client",
      measured: ms(signIn.signIn.singleClient.p50),
      ceiling: `one verify: ${ms(signIn.ceiling.singleVerifyMs)}`,
      ratio: `+${ms(signIn.signIn.singleClient.p50 - signIn.ceiling.singleVerifyMs)}`,
      target: "reported (no queue)",
      pass: null,
    });
    const ways = [
      ["form", "sign-in by the login form (lands on /admin)"],
      ["storefront", "sign-in by the storefront's form (lands on its home)"],
      ["app", "sign-in by the apps' JSON API"],
    ] as const;
    for (const [way, figure] of ways) {
      const w = signIn.otherWays[way];
      rows.push({
        figure,
        measured: `${w.perSecond.toFixed(1)} sign-ins/s`,
        ceiling: `${signIn.ceiling.opsPerSecond.toFixed(1)} argon2 verifies/s`,
        ratio: pct(w.perSecond / signIn.ceiling.opsPerSecond),
        target: "reported",
        pass: null,
      });
    }
    // The forms against Auth.js's endpoint in the same windows: what people use vs what the framework offers.
    const endpoint = signIn.otherWays.endpoint;
    for (const [way, figure] of [
      ["form", "login form vs Auth.js's endpoint"],
      ["storefront", "storefront form vs Auth.js's endpoint"],
    ] as const) {
      const ratio = signIn.otherWays[way].perSecond / endpoint.perSecond;
      rows.push({
        figure,
        measured: `${signIn.otherWays[way].perSecond.toFixed(1)} sign-ins/s`,
        ceiling: `endpoint: ${endpoint.perSecond.toFixed(1)} sign-ins/s`,
        ratio: pct(ratio),
        target: `≥ ${pct(TARGETS.formSignInRatio)}`,
        pass: ratio >= TARGETS.formSignInRatio,
      });
    }
    for (const [what, failed, failures] of [
      ["sign-in", signIn.signIn.failed, signIn.signIn.failures],
      ["sign-in by Auth.js's endpoint beside the forms", endpoint.failed, endpoint.failures],
      ["sign-in by the login form", signIn.otherWays.form.failed, signIn.otherWays.form.failures],
      ["sign-in by the storefront's form", signIn.otherWays.storefront.failed, signIn.otherWays.storefront.failures],
      ["sign-in by the apps' API", signIn.otherWays.app.failed, signIn.otherWays.app.failures],
    ] as const) {
      if (failed) broke.push(`${what}: ${failed} requests failed (${failures[0]})`);
    }
    const c = signIn.signIn.cpuMsPerSignIn;
    details.push(
      `- **Sign-in** (${signIn.signIn.latency.n} sign-ins, ${signIn.signIn.failed} failed${signIn.signIn.failures.length ? `: ${signIn.signIn.failures[0]}` : ""}). ` +
        `Per round, ceiling → sign-ins/s: ${signIn.rounds.map((r) => `${r.ceilingPerSecond.toFixed(1)} → ${r.signInPerSecond.toFixed(1)}`).join(", ")}. ` +
        `The ceiling runs one raw verify per core (${availableParallelism()}) with the other clients waiting: ${ms(signIn.ceiling.cpuMsPerVerify)} of CPU each; ` +
        `all ${SIZES.signInClients} at once on libuv's threads manage ${signIn.oversubscribed.opsPerSecond.toFixed(1)}/s at ${ms(signIn.oversubscribed.cpuMsPerVerify)} each (p95 ${ms(signIn.oversubscribed.latency.p95)}). ` +
        `CPU per sign-in: server ${ms(c.server)} (one verify alone costs ${ms(signIn.ceiling.cpuMsPerVerify)}), PostgreSQL ${ms(c.postgres)}, load client ${ms(c.client)}. ` +
        `One client at a time: sign-in p50 ${ms(signIn.signIn.singleClient.p50)} vs one verify ${ms(signIn.ceiling.singleVerifyMs)}; ` +
        `server CPU per sign-in ${ms(signIn.serverCpuMs.signIn)} = argon2 verify ${ms(signIn.serverCpuMs.verify)} + Next.js route with one query ${ms(signIn.serverCpuMs.route)} ` +
        `+ the rest (Auth.js's callback, JWE session cookie, our lib) ${ms(signIn.serverCpuMs.signIn - signIn.serverCpuMs.verify - signIn.serverCpuMs.route)}; Auth.js's CSRF endpoint alone costs ${ms(signIn.serverCpuMs.authJsCsrf)}. ` +
        `At ${SIZES.signInClients} clients: sign-in p50/p95/p99 ${ms(signIn.signIn.latency.p50)}/${ms(signIn.signIn.latency.p95)}/${ms(signIn.signIn.latency.p99)}, verify ${ms(signIn.ceiling.latency.p50)}/${ms(signIn.ceiling.latency.p95)}/${ms(signIn.ceiling.latency.p99)}. ` +
        ([["endpoint"], ...ways] as const)
          .map(([way]) => {
            const w = signIn!.otherWays[way];
            const name = {
              endpoint: "Auth.js's endpoint in the same windows as the others",
              form: "By the login form (server action + the landing page's render)",
              storefront: "By the storefront's form (server action + its home page's render)",
              app: "By the apps' API (`POST /api/app/session`, no Auth.js)",
            }[way];
            return `${name}: ${w.latency.n} sign-ins, ${w.failed} failed${w.failures.length ? ` (${w.failures[0]})` : ""}, server CPU ${ms(w.serverCpuMs)} each, p95 ${ms(w.latency.p95)}.`;
          })
          .join(" "),
    );
  }
  if (publicPages) {
    const ceiling = publicPages.ceiling;
    for (const page of publicPages.pages) {
      rows.push({
        figure: `public page ${page.path}, ${SIZES.publicClients} clients`,
        measured: `${ms(page.serverCpuMs)} CPU per view`,
        ceiling: `static asset: ${ms(ceiling.serverCpuMs)}`,
        ratio: `${(page.serverCpuMs / ceiling.serverCpuMs).toFixed(1)}×`,
        target: `≤ ${TARGETS.publicPageCpuMs} ms`,
        pass: page.serverCpuMs <= TARGETS.publicPageCpuMs,
      });
    }
    for (const page of publicPages.perRequest) {
      rows.push({
        figure: `per-request page ${page.path}`,
        measured: `${ms(page.serverCpuMs)} CPU per view`,
        ceiling: `static asset: ${ms(ceiling.serverCpuMs)}`,
        ratio: `${(page.serverCpuMs / ceiling.serverCpuMs).toFixed(1)}×`,
        target: "reported",
        pass: null,
      });
    }
    for (const page of [ceiling, ...publicPages.pages, ...publicPages.perRequest]) {
      if (page.failed) broke.push(`public page ${page.path}: ${page.failed} requests failed (${page.failures[0]})`);
    }
    details.push(
      `- **Public pages** (${SIZES.publicClients} clients, ${SIZES.publicRounds} rounds of ${SIZES.publicSeconds} s per page, as a browser asks: no cookie, gzip accepted). ` +
        "Per page: views/s, p50/p95, server + PostgreSQL CPU per view: " +
        [ceiling, ...publicPages.pages, ...publicPages.perRequest]
          .map((p) => `${p === ceiling ? `the stylesheet (${p.path.split("/").pop()})` : p.path} ${p.perSecond.toFixed(0)}/s, ${ms(p.latency.p50)}/${ms(p.latency.p95)}, ${ms(p.serverCpuMs)} + ${ms(p.postgresCpuMs)}`)
          .join("; ") +
        ".",
    );
  }
  if (reset) {
    const delta = reset.slow.p95 - reset.instant.p95;
    rows.push({
      figure: `reset request p95, provider ${seconds(reset.providerDelayMs)}`,
      measured: ms(reset.slow.p95),
      ceiling: `instant provider: ${ms(reset.instant.p95)}`,
      ratio: `${delta >= 0 ? "+" : ""}${ms(delta)}`,
      target: `≤ ${TARGETS.resetProviderDeltaMs} ms over`,
      pass: delta <= TARGETS.resetProviderDeltaMs,
    });
    details.push(
      `- **Reset request** (${reset.requests} requests at ${SIZES.resetClients} clients, ${reset.failed} failed${reset.failures.length ? `: ${reset.failures[0]}` : ""}). ` +
        `p50 instant ${ms(reset.instant.p50)}, slow ${ms(reset.slow.p50)}. ` +
        `The fake provider accepted ${reset.delivered} of ${reset.requests} emails (in ${reset.providerCalls} calls); the outbox ${reset.delivered >= reset.requests ? "drained" : "had not drained"} ${seconds(reset.drainMs)} after the last response.`,
    );
  }
  if (api) {
    rows.push({
      figure: `API: list 100 users with search p95, ${compact(SIZES.searchUsers)} users`,
      measured: ms(api.list.api.p95),
      ceiling: `same search in-process: ${ms(api.list.inProcess.p95)}`,
      ratio: `+${ms(api.list.api.p95 - api.list.inProcess.p95)}`,
      target: "reported",
      pass: null,
    });
    rows.push({
      figure: `API: create ${api.create.count.toLocaleString("en")} contacts, one POST each`,
      measured: `${seconds(api.create.apiTotalMs)} (p95 ${ms(api.create.api.p95)})`,
      ceiling: `addContact in-process: ${seconds(api.create.inProcessTotalMs)} (p95 ${ms(api.create.inProcess.p95)})`,
      ratio: `${(api.create.apiTotalMs / api.create.inProcessTotalMs).toFixed(1)}×`,
      target: "reported",
      pass: null,
    });
    if (api.list.failed) broke.push(`management API list: ${api.list.failed} requests failed`);
    if (api.create.failed) broke.push(`management API create: ${api.create.failed} requests failed (${api.create.failure})`);
    details.push(
      `- **Management API** (${api.list.api.n} searches for 100 users, each beside the same \`searchUsers\` in this process): p50 ${ms(api.list.api.p50)} vs ${ms(api.list.inProcess.p50)}, p95 ${ms(api.list.api.p95)} vs ${ms(api.list.inProcess.p95)}. ` +
        `Creating ${api.create.count} contacts one \`POST /api/v1/contacts\` at a time (with an Idempotency-Key each): p50 ${ms(api.create.api.p50)}, p95 ${ms(api.create.api.p95)}; in-process \`addContact\`: p50 ${ms(api.create.inProcess.p50)}, p95 ${ms(api.create.inProcess.p95)}.`,
    );
  }
  if (search) {
    rows.push({
      figure: `user search p95, ${compact(search.users)} users / ${compact(search.organizations)} orgs`,
      measured: ms(search.all.p95),
      ceiling: roundTripP95 !== null ? `query round trip: ${ms(roundTripP95)}` : "—",
      ratio: `${(search.all.p95 / TARGETS.searchP95Ms).toFixed(2)} of target`,
      target: `≤ ${TARGETS.searchP95Ms} ms`,
      pass: search.all.p95 <= TARGETS.searchP95Ms,
    });
    details.push(
      `- **User search** (${search.all.n} searches, seeding took ${seconds(search.seedMs)}). p95 by kind: ` +
        Object.entries(search.byKind)
          .map(([k, s]) => `${k} ${ms(s.p95)}`)
          .join(", ") +
        `. Slowest: ${search.slowest.kind} ${JSON.stringify(search.slowest.search)} in ${ms(search.slowest.ms)}; its plan:\n\n` +
        "  ```\n" +
        search.slowest.plan.map((l) => `  ${l}`).join("\n") +
        "\n  ```",
    );
  }
  if (consolePhases.length) {
    const last = consolePhases[consolePhases.length - 1]!;
    const first = consolePhases[0]!;
    for (const page of last.pages) {
      const before = consolePhases.length > 1 ? first.pages.find((p) => p.name === page.name) : undefined;
      rows.push({
        figure: `console ${page.name}, ${compact(last.events)} events`,
        measured: `p95 ${ms(page.served.p95)}${before ? ` (at ${compact(first.events)}: ${ms(before.served.p95)})` : ""}`,
        ceiling: `queries alone: ${ms(page.ceiling.p95)}`,
        ratio: `${(page.served.p95 / page.ceiling.p95).toFixed(1)}×`,
        target: `≤ ${TARGETS.consolePageP95Ms} ms`,
        pass: page.served.p95 <= TARGETS.consolePageP95Ms && (!before || before.served.p95 <= TARGETS.consolePageP95Ms),
      });
    }
    details.push(
      `- **Console at scale** (${consoleSetup ? `${compact(SIZES.searchUsers)} users over ${consoleSetup.organizations} organizations; ` : ""}` +
        `the largest holds ${consolePhases.map((p) => `${compact(p.largestEvents)} of ${compact(p.events)}`).join(", then ")} audit events; ` +
        `${SIZES.consoleViews} views of each page one at a time, then its lib calls as many times in this process; growing the trail took ${seconds(consoleGrowMs)}). ` +
        "Per page, at each size: served p50/p95 · queries alone p95 · CPU per view server + PostgreSQL (queries alone: this process + PostgreSQL):\n" +
        last.pages
          .map((page) => {
            const at = consolePhases.map((phase) => {
              const p = phase.pages.find((x) => x.name === page.name)!;
              return `${compact(phase.events)}: ${ms(p.served.p50)}/${ms(p.served.p95)} · ${ms(p.ceiling.p95)} · ${ms(p.serverCpuMs)} + ${ms(p.postgresCpuMs)} (${ms(p.ceilingCpuMs)} + ${ms(p.ceilingPostgresCpuMs)})`;
            });
            const flat = consolePhases.length > 1 ? ` — ${compact(last.events)} vs ${compact(first.events)}: ${(page.served.p95 / first.pages.find((x) => x.name === page.name)!.served.p95).toFixed(2)}×` : "";
            return `  - ${page.name}: ${at.join("; ")}${flat}`;
          })
          .join("\n") +
        (activityPlanChecks
          ? `\n  - Rows in the busiest node of each Activity page's plan at ${compact(last.events)} events (allowed: ten times the page's offset and rows, plus 1,000): ` +
            activityPlanChecks.map((c) => `${c.page} ${c.mostRows.toLocaleString("en")} (${c.node}; ${c.allowed.toLocaleString("en")})`).join(", ") +
            "."
          : "") +
        (consolePlan
          ? `\n\n  The slowest Activity page at ${compact(last.events)} events, ${consolePlan.page}, as listActivity sends it:\n\n  \`\`\`\n${consolePlan.lines.map((l) => `  ${l}`).join("\n")}\n  \`\`\``
          : ""),
    );
  }
  if (imported) {
    const extraMb = imported.peakRssMb - imported.baselineRssMb;
    rows.push({
      figure: `CSV import, ${imported.rows.toLocaleString("en")} contacts`,
      measured: `${Math.round(imported.rowsPerSecond).toLocaleString("en")} rows/s (${seconds(imported.runMs)})`,
      ceiling: `INSERT … SELECT: ${Math.round(imported.ceilingRowsPerSecond).toLocaleString("en")} rows/s`,
      ratio: pct(imported.rowsPerSecond / imported.ceilingRowsPerSecond),
      target: `≤ ${TARGETS.importSeconds} s`,
      pass: imported.runMs <= TARGETS.importSeconds * 1000,
    });
    rows.push({
      figure: "server memory during the import",
      measured: `+${Math.round(extraMb)} MB (peak ${Math.round(imported.peakRssMb)} MB)`,
      ceiling: `before: ${Math.round(imported.baselineRssMb)} MB`,
      ratio: "—",
      target: `< ${TARGETS.importExtraMb} MB extra`,
      pass: extraMb < TARGETS.importExtraMb,
    });
    if (imported.failed || imported.created !== imported.rows) broke.push(`CSV import: ${imported.created} of ${imported.rows} rows created, ${imported.failed} failed`);
    details.push(
      `- **CSV import** (IMPORT_BATCH_SIZE 200, one transaction per batch through Add contact's own verb, an audit event per contact): ` +
        `preview of ${imported.rows.toLocaleString("en")} rows in ${seconds(imported.previewMs)} (parse, check, store); the run on the server's runner took ${seconds(imported.runMs)}, ` +
        `${Math.round(imported.rowsPerSecond).toLocaleString("en")} rows/s against ${Math.round(imported.ceilingRowsPerSecond).toLocaleString("en")} rows/s for one bare INSERT … SELECT; ` +
        `server resident memory ${Math.round(imported.baselineRssMb)} MB before, ${Math.round(imported.peakRssMb)} MB at most while it ran.`,
    );
  }
  if (purge) {
    const slowdown = purge.during.p95 / purge.quiet.p95;
    rows.push({
      figure: "audit retention purge",
      measured: `${Math.round(purge.perSecond).toLocaleString("en")} events/s`,
      ceiling: "—",
      ratio: "—",
      target: "reported",
      pass: null,
    });
    rows.push({
      figure: `sign-in p95 during the purge, ${SIZES.purgeClients} clients`,
      measured: ms(purge.during.p95),
      ceiling: `without: ${ms(purge.quiet.p95)}`,
      ratio: `${slowdown.toFixed(2)}×`,
      target: `≤ ${TARGETS.purgeSignInSlowdown}×`,
      pass: slowdown <= TARGETS.purgeSignInSlowdown,
    });
    if (purge.failed) broke.push(`sign-in during the purge: ${purge.failed} requests failed (${purge.failures[0]})`);
    details.push(
      `- **Audit retention** (AUDIT_RETENTION_DAYS 400, batches of ${purge.batches ? Math.round(purge.deleted / purge.batches) : 0} on average): ` +
        `${purge.expiredBefore.toLocaleString("en")} events had expired; ${purge.deleted.toLocaleString("en")} deleted in ${purge.batches} batches over ${seconds(purge.purgeMs)} of purging. ` +
        `Sign-ins without / during the purge: p50 ${ms(purge.quiet.p50)} / ${ms(purge.during.p50)}, p95 ${ms(purge.quiet.p95)} / ${ms(purge.during.p95)}, slowest ${ms(purge.quiet.max)} / ${ms(purge.during.max)} (${purge.quiet.n} / ${purge.during.n} sign-ins).`,
    );
  }
  if (pages) {
    const present = pages.filter((p) => p.present);
    // What every page loads: the framework's share, the floor of any page.
    const shared = present.length
      ? present[0]!.scripts
          .filter((s) => present.every((p) => p.scripts.some((o) => pathOf(o.url) === pathOf(s.url))))
          .reduce((a, s) => a + s.gzipBytes, 0)
      : 0;
    for (const p of pages) {
      if (!p.present) {
        rows.push({
          figure: `page weight ${p.path}`,
          measured: "not present",
          ceiling: "—",
          ratio: "—",
          target: `≤ ${TARGETS.pageWeightKb} kB`,
          pass: null,
        });
        continue;
      }
      rows.push({
        figure: `page weight ${p.path}`,
        measured: `${kb(p.jsGzipBytes)} JS (gzip)`,
        ceiling: `shared framework: ${kb(shared)}`,
        ratio: `${((p.jsGzipBytes / 1024 / TARGETS.pageWeightKb) * 100).toFixed(0)} % of target`,
        target: `≤ ${TARGETS.pageWeightKb} kB`,
        pass: p.jsGzipBytes / 1024 <= TARGETS.pageWeightKb,
      });
      if (p.zxcvbnStartMs !== null || p.scripts.some((s) => s.zxcvbn)) broke.push(`${p.path} loads the zxcvbn dictionaries`);
      details.push(
        `- **${p.path}**: ${p.scripts.length} scripts; largest ${[...p.scripts]
          .sort((a, b) => b.gzipBytes - a.gzipBytes)
          .slice(0, 3)
          .map((s) => `${pathOf(s.url).split("/").pop()} ${kb(s.gzipBytes)}`)
          .join(", ")}; zxcvbn dictionaries: ${p.scripts.some((s) => s.zxcvbn) ? "LOADED" : "not loaded"}.`,
      );
    }
  }
  if (meter) {
    const afterPaint = meter.zxcvbnStartMs !== null && meter.firstPaintMs !== null && meter.zxcvbnStartMs >= meter.firstPaintMs;
    if (meter.zxcvbnStartMs === null) broke.push(`${METER_PAGE}: the strength meter never loaded the zxcvbn dictionaries`);
    else if (!afterPaint) broke.push(`${METER_PAGE}: the zxcvbn dictionaries started before first paint`);
    rows.push({
      figure: `zxcvbn on ${METER_PAGE}`,
      measured:
        meter.zxcvbnStartMs === null
          ? "never loaded"
          : `starts at ${ms(meter.zxcvbnStartMs)}${meter.zxcvbnAfterTyping ? " (on typing)" : ""}`,
      ceiling: `first paint: ${meter.firstPaintMs === null ? "—" : ms(meter.firstPaintMs)}`,
      ratio: "—",
      target: "after first paint",
      pass: afterPaint,
    });
    details.push(
      `- **${METER_PAGE}**: ${kb(meter.jsGzipBytes)} of JavaScript before interaction${meter.zxcvbnAfterTyping ? "" : " (dictionaries included)"}; the zxcvbn dictionaries weigh ${kb(meter.zxcvbnGzipBytes)} gzipped and ${meter.zxcvbnAfterTyping ? "only load once the user types" : "load after first paint, without interaction"}.`,
    );
  }
  if (start) {
    rows.push({
      figure: "start (npm run dev → /login)",
      measured: seconds(start.totalMs),
      ceiling: `bare Next.js ${seconds(start.floorMs)}`,
      ratio: `${(start.totalMs / start.floorMs).toFixed(1)}×`,
      target: `≤ ${TARGETS.startFloorRatio}×`,
      pass: start.totalMs <= TARGETS.startFloorRatio * start.floorMs,
    });
    details.push(
      `- **Start** (median of ${start.rounds.length}; each round Gatehouse then the bare app: ${start.rounds
        .map((r) => `${seconds(r.appMs)} / ${seconds(r.floorMs)}`)
        .join(", ")}): ${start.steps
        .filter((s) => s.ms >= 50)
        .map((s) => `${s.name} ${seconds(s.ms)}`)
        .join(" · ")}.` + (start.firstRequestLog ? ` Next.js logged: \`${start.firstRequestLog}\`.` : ""),
    );
  }

  const loadAfter = loadavg()[0]!;
  const elapsed = performance.now() - runStart;
  log(`\n${consoleTable(rows)}\n`);
  for (const d of details) log(d.replace(/\*\*/g, ""));

  const section = [
    `## ${QUICK ? "Last quick run (`BENCH_QUICK=1`)" : "Last full run"}`,
    "",
    `${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC · ${availableParallelism()} cores, shared (load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end) · Node ${process.version} · argon2id m=${ARGON2_OPTIONS.memoryCost} KiB, t=${ARGON2_OPTIONS.timeCost}, p=${ARGON2_OPTIONS.parallelism} · ${build.built ? `built the app first (${seconds(build.ms)})` : "reused the production build"} · took ${seconds(elapsed)}`,
    "",
    markdownTable(rows),
    "",
    ...details,
    ...(broke.length ? ["", `**Broke:** ${broke.join("; ")}`] : []),
  ].join("\n");
  if (ONLY) log(`\npartial run (BENCH_ONLY) in ${seconds(elapsed)}: docs/performance.md left as it was`);
  else {
    const docs = path.join(process.cwd(), "docs", "performance.md");
    writeSection(docs, QUICK ? "quick" : "full", section);
    log(`\nwrote ${path.relative(process.cwd(), docs)} (${QUICK ? "quick" : "full"} run section) in ${seconds(elapsed)}`);
  }
  if (broke.length) {
    console.error(`\n✖ the bench broke:\n${broke.map((b) => `  - ${b}`).join("\n")}`);
    process.exitCode = 1;
  }
}

/** p95 of the cheapest query there is, on the same pool: a search cannot beat one round trip. */
async function measureRoundTrip(db: BenchDatabase): Promise<number> {
  const { sql } = await import("drizzle-orm");
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await db.handle.db.execute(sql`select 1`);
    times.push(performance.now() - t0);
  }
  const { summarize } = await import("./stats");
  return summarize(times).p95;
}

function pathOf(url: string): string {
  return new URL(url).pathname;
}

function compact(n: number): string {
  const short = (x: number) => x.toFixed(1).replace(/\.0$/, "");
  return n >= 1_000_000 ? `${short(n / 1_000_000)}M` : n >= 1000 ? `${short(n / 1000)}k` : String(n);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopAllProcesses();
    const timeout = new Promise((resolve) => setTimeout(resolve, 5000));
    void Promise.race([Promise.allSettled([...cleanups].map((c) => c())), timeout]).then(() => process.exit(130));
  });
}
process.on("exit", stopAllProcesses);

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(`✖ the bench broke: ${(error as Error).stack ?? error}`);
    stopAllProcesses();
    process.exit(1);
  },
);
