import { sql } from "drizzle-orm";
import { useDatabase } from "@/lib/infra/database";
import { ACTIVITY_PAGE_SIZE, activityQuery, listActivity, securityTrend, type ActivityFilter } from "@/lib/audit/events";
import { listEmailsAbout } from "@/lib/mail";
import { getLicenceUsageByType } from "@/lib/organizations/licences";
import { listSessionsForPage } from "@/lib/sessions/records";
import { getUserDetails, searchUsers } from "@/lib/staff/admin";
import { SIZES } from "../config";
import { backendPids, type BenchDatabase } from "../database";
import { httpClient } from "../load";
import { cpuMs, ownCpuMs } from "../processes";
import { summarize, type Summary } from "../stats";
import { finishAuditSeeding, insertAuditLayer, prepareAuditSeeding } from "./console-data";
import { addressOf, authJsSignIn } from "./sign-in";

/** The trail spans this long, so events older than AUDIT_RETENTION_DAYS (400) exist for the purge. */
export const SPAN_DAYS = 450;
const LARGEST_SHARE = 0.05;

export type ConsolePage = {
  name: string;
  /** p95 etc. of the page served by `npm start`, one view at a time. */
  served: Summary;
  /** The page's own lib calls run alone in this process, on the same database: its floor. */
  ceiling: Summary;
  /** CPU per view: the server process, and PostgreSQL's backends for it. */
  serverCpuMs: number;
  postgresCpuMs: number;
  /** CPU of the ceiling per run: this process, and PostgreSQL's backends. */
  ceilingCpuMs: number;
  ceilingPostgresCpuMs: number;
};

export type ConsolePhase = { events: number; largestEvents: number; pages: ConsolePage[] };

export type ConsoleSetup = {
  organizationId: string;
  adminId: string;
  adminUsername: string;
  /** A user of the largest organization, for the user filter and User Details. */
  userId: string;
  organizations: number;
  /** Rows added per layer; `SIZES.consoleLayers` layers in all. */
  perLayer: number;
  seedMs: number;
};

/**
 * The largest organization (5 % of every layer of events) gets a console admin with a password;
 * the first layer of events is generated. The users are those of the Users search figure.
 */
export async function seedConsole(
  db: BenchDatabase,
  organizationIds: string[],
  passwordHash: string,
  log: (line: string) => void,
): Promise<ConsoleSetup> {
  const t0 = performance.now();
  const organizationId = organizationIds[0]!;
  const adminUsername = "console-admin@bench.test";
  await db.sql`update organizations set licence_count = licence_count + 1 where id = ${organizationId}`;
  const [admin] = await db.sql<{ id: string }[]>`
    insert into users (organization_id, username, display_name, user_type, password_hash, password_changed_at)
    values (${organizationId}, ${adminUsername}, 'Console Admin', 'admin', ${passwordHash}, now())
    returning id`;
  // The largest customer also has the most people: 5 % of the users, for the dashboard's counts,
  // the Activity page's people picker and its names.
  await db.sql`
    insert into users (organization_id, username, display_name, user_type, status)
    select ${organizationId}, 'staff' || g || '@largest.test', 'Largest Staff ' || g,
           (case when g % 20 = 0 then 'admin' when g % 4 = 2 then 'scanpack' else 'device' end)::user_type,
           (case when g % 25 = 3 then 'disabled' else 'active' end)::user_status
    from generate_series(1, ${SIZES.consoleLargestExtraUsers}::int) g`;
  await db.sql`update organizations set licence_count = licence_count + ${SIZES.consoleLargestExtraUsers} where id = ${organizationId}`;
  // As autovacuum does after a bulk insert: the visibility map lets the counts read the index alone.
  await db.sql`vacuum analyze users`;
  await prepareAuditSeeding(db, organizationIds);
  const perLayer = SIZES.consoleLayerEvents;
  await insertLayer(db, perLayer, organizationIds.length);
  await db.sql`vacuum analyze audit_events`;
  // Someone with events as actor and as target: the busiest kind of user in an Activity filter.
  const [user] = await db.sql<{ id: string }[]>`
    select target_id as id from audit_events
    where organization_id = ${organizationId} and target_id <> ${admin!.id}
    order by id desc limit 1`;
  log(`  ${perLayer.toLocaleString("en")} audit events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return {
    organizationId,
    adminId: admin!.id,
    adminUsername,
    userId: user!.id,
    organizations: organizationIds.length,
    perLayer,
    seedMs: performance.now() - t0,
  };
}

async function insertLayer(db: BenchDatabase, perLayer: number, organizations: number) {
  const chunk = 500_000;
  for (let from = 1; from <= perLayer; from += chunk)
    await insertAuditLayer(db, {
      from,
      to: Math.min(perLayer, from + chunk - 1),
      perLayer,
      spanDays: SPAN_DAYS,
      largestShare: LARGEST_SHARE,
      organizations,
    });
}

/**
 * Adds layers until the trail holds `SIZES.consoleLayers` of them. The secondary indexes are
 * dropped first and rebuilt after (as a bulk load is done), then VACUUM ANALYZE, as autovacuum
 * would have done on a table that grew over months.
 */
export async function growConsole(db: BenchDatabase, setup: ConsoleSetup, log: (line: string) => void): Promise<number> {
  const t0 = performance.now();
  const indexes = await db.sql<{ name: string; definition: string }[]>`
    select indexname as name, indexdef as definition from pg_indexes
    where tablename = 'audit_events' and indexname <> 'audit_events_pkey'`;
  for (const i of indexes) await db.sql.unsafe(`drop index ${i.name}`);
  for (let layer = 1; layer < SIZES.consoleLayers; layer++) {
    await insertLayer(db, setup.perLayer, setup.organizations);
    log(`  ${((layer + 1) * setup.perLayer).toLocaleString("en")} audit events`);
  }
  for (const i of indexes) await db.sql.unsafe(i.definition);
  await db.sql`vacuum analyze audit_events`;
  await finishAuditSeeding(db);
  return performance.now() - t0;
}

type PageDef = { name: string; path: string; run: () => Promise<unknown> };

function pageDefs(setup: ConsoleSetup, sessionId: string | undefined): PageDef[] {
  const org = setup.organizationId;
  // What each page loads, as app/admin/**/page.tsx loads it.
  const activity = (filter: ActivityFilter) => () =>
    Promise.all([listActivity(org, filter), searchUsers(org, { pageSize: 200 })]);
  return [
    {
      name: "/admin (dashboard)",
      path: "/admin",
      run: () => Promise.all([getLicenceUsageByType(org), securityTrend(org, 30)]),
    },
    { name: "/admin/activity", path: "/admin/activity", run: activity({}) },
    { name: "/admin/activity page 50", path: "/admin/activity?page=50", run: activity({ page: 50 }) },
    { name: "/admin/activity by user", path: `/admin/activity?user=${setup.userId}`, run: activity({ userId: setup.userId }) },
    { name: "/admin/activity, lock-outs (rare)", path: "/admin/activity?type=lock-outs", run: activity({ type: "lock-outs" }) },
    {
      name: "/admin/activity, failed sign-ins page 50",
      path: "/admin/activity?type=failed-sign-ins&page=50",
      run: activity({ type: "failed-sign-ins", page: 50 }),
    },
    {
      name: "User Details",
      path: `/admin/users/${setup.userId}`,
      run: async () => {
        await getUserDetails(org, setup.userId);
        await Promise.all([
          listEmailsAbout(org, setup.userId),
          listActivity(org, { userId: setup.userId }),
          listSessionsForPage(org, { userId: setup.userId }, sessionId),
        ]);
      },
    },
  ];
}

export async function signInConsole(baseUrl: string, setup: ConsoleSetup, password: string): Promise<string> {
  const client = httpClient(baseUrl, 2);
  try {
    const result = await (await authJsSignIn(client, password)).signIn(setup.adminUsername, addressOf(7_000_000));
    if (!result.ok) throw new Error(`the console admin could not sign in: ${result.error}`);
    return result.cookie;
  } finally {
    client.close();
  }
}

/**
 * Each page `SIZES.consoleViews` times through the server, one view at a time (its time and the
 * server's and PostgreSQL's CPU per view), then its lib calls the same number of times here.
 */
export async function measureConsole(options: {
  baseUrl: string;
  serverPid: number;
  db: BenchDatabase;
  setup: ConsoleSetup;
  cookie: string;
}): Promise<ConsolePhase> {
  const { db, setup } = options;
  useDatabase(db.handle);
  const client = httpClient(options.baseUrl, 2);
  const [eventsRow] = await db.sql<{ events: number }[]>`select count(*)::int as events from audit_events`;
  const events = eventsRow!.events;
  const [largestRow] = await db.sql<{ largest: number }[]>`
    select count(*)::int as largest from audit_events where organization_id = ${setup.organizationId}`;
  const largest = largestRow!.largest;
  const pages: ConsolePage[] = [];
  try {
    for (const page of pageDefs(setup, undefined)) {
      const view = async () => {
        const answer = await client.send("GET", page.path, { headers: { cookie: options.cookie } });
        if (answer.status !== 200) throw new Error(`${page.path} answered ${answer.status}: ${answer.body.slice(0, 120)}`);
      };
      for (let i = 0; i < SIZES.consoleWarmups; i++) {
        await view();
        await page.run();
      }
      const servedTimes: number[] = [];
      let pg = await postgresCpu(db);
      let before = cpuMs(options.serverPid) ?? 0;
      for (let i = 0; i < SIZES.consoleViews; i++) {
        const t0 = performance.now();
        await view();
        servedTimes.push(performance.now() - t0);
      }
      const serverCpu = (cpuMs(options.serverPid) ?? 0) - before;
      const servedPg = (await postgresCpu(db)) - pg;

      const ceilingTimes: number[] = [];
      pg = await postgresCpu(db);
      before = ownCpuMs();
      for (let i = 0; i < SIZES.consoleViews; i++) {
        const t0 = performance.now();
        await page.run();
        ceilingTimes.push(performance.now() - t0);
      }
      const ceilingCpu = ownCpuMs() - before;
      const ceilingPg = (await postgresCpu(db)) - pg;
      pages.push({
        name: page.name,
        served: summarize(servedTimes),
        ceiling: summarize(ceilingTimes),
        serverCpuMs: serverCpu / SIZES.consoleViews,
        postgresCpuMs: servedPg / SIZES.consoleViews,
        ceilingCpuMs: ceilingCpu / SIZES.consoleViews,
        ceilingPostgresCpuMs: ceilingPg / SIZES.consoleViews,
      });
    }
  } finally {
    client.close();
  }
  return { events, largestEvents: largest, pages };
}

/** CPU so far of every backend on the bench database (new backends count from zero). */
async function postgresCpu(db: BenchDatabase): Promise<number> {
  return (await backendPids(db)).reduce((sum, pid) => sum + (cpuMs(pid) ?? 0), 0);
}

/** EXPLAIN ANALYZE of a page's Activity query, as listActivity sends it. */
export async function explainActivity(db: BenchDatabase, setup: ConsoleSetup, filter: ActivityFilter): Promise<string[]> {
  const plan = await db.handle.db.execute(
    sql`explain (analyze, buffers, costs off) ${activityQuery(db.handle.db, setup.organizationId, filter)}`,
  );
  return (plan as unknown as Record<string, string>[]).map((row) => Object.values(row)[0]!);
}

type PlanNode = { "Node Type": string; "Actual Rows": number; "Actual Loops": number; Plans?: PlanNode[] };

export type ActivityPlanCheck = { page: string; filter: ActivityFilter; mostRows: number; node: string; allowed: number };

/**
 * How many rows the busiest node of each Activity page's plan produced, at the bench's size,
 * against what a page may need: its offset and page, ten times over (an index walked past
 * events of other types or users), plus 1,000. The regression fixed in 7cb0949 joined all of the
 * largest organization's events (500,000 at 10 M) before keeping 51: the p95 figure shows such a
 * plan only as slow, this says where the rows went.
 */
export async function checkActivityPlans(db: BenchDatabase, setup: ConsoleSetup): Promise<ActivityPlanCheck[]> {
  const checks: ActivityPlanCheck[] = [];
  for (const [page, filter] of [...Object.entries(ACTIVITY_FILTERS), ["/admin/activity, by user", { userId: setup.userId }] as const]) {
    const [row] = (await db.handle.db.execute(
      sql`explain (analyze, format json) ${activityQuery(db.handle.db, setup.organizationId, filter)}`,
    )) as unknown as Record<string, unknown>[];
    const raw = Object.values(row!)[0];
    const [{ Plan }] = (typeof raw === "string" ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }];
    let busiest = { rows: 0, node: "" };
    const walk = (node: PlanNode) => {
      const rows = node["Actual Rows"] * node["Actual Loops"];
      if (rows > busiest.rows) busiest = { rows, node: node["Node Type"] };
      node.Plans?.forEach(walk);
    };
    walk(Plan);
    const needed = (Math.max(1, filter.page ?? 1) - 1) * ACTIVITY_PAGE_SIZE + ACTIVITY_PAGE_SIZE + 1;
    checks.push({ page, filter, mostRows: busiest.rows, node: busiest.node, allowed: needed * 10 + 1000 });
  }
  return checks;
}

export const ACTIVITY_FILTERS: Record<string, ActivityFilter> = {
  "/admin/activity": {},
  "/admin/activity page 50": { page: 50 },
  "/admin/activity, lock-outs (rare)": { type: "lock-outs" },
  "/admin/activity, failed sign-ins page 50": { type: "failed-sign-ins", page: 50 },
};
