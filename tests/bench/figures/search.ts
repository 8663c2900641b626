import { sql } from "drizzle-orm";
import { useDatabase } from "@/lib/infra/database";
import type { UserType } from "@/db/schema";
import { searchUsers, userSearchQuery, type UserSearch } from "@/lib/staff/admin";
import { SIZES } from "../config";
import type { BenchDatabase } from "../database";
import { summarize, type Summary } from "../stats";

const FIRST = (
  "James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard Susan " +
  "Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Betty Mark Margaret " +
  "Donald Sandra Steven Ashley Paul Kimberly Andrew Emily Joshua Donna Kenneth Michelle Kevin Dorothy " +
  "Brian Carol George Amanda Edward Melissa Ronald Deborah Timothy Stephanie Jason Rebecca Jeffrey " +
  "Sharon Ryan Laura Jacob Cynthia Gary Kathleen Nicholas Amy Eric Angela Jonathan Shirley Stephen Anna " +
  "Larry Brenda Justin Pamela Scott Emma Brandon Nicole Benjamin Helen Samuel Samantha Gregory " +
  "Katherine Frank Christine Alexander Debra Raymond Rachel Patrick Carolyn Jack Janet Dennis Catherine " +
  "Jerry Maria Tyler Heather"
).split(" ");
const LAST = (
  "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez " +
  "Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark " +
  "Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams " +
  "Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker " +
  "Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper " +
  "Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James " +
  "Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez"
).split(" ");

export type SearchFigures = {
  users: number;
  organizations: number;
  seedMs: number;
  all: Summary;
  byKind: Record<string, Summary>;
  slowest: { kind: string; search: UserSearch; ms: number; plan: string[] };
};

export type SeededUsers = { organizationIds: string[]; users: number; seedMs: number };

/**
 * `SIZES.searchUsers` staff users over `SIZES.searchOrganizations` companies, 1,000 apiece at
 * full size: the Users search measures on them and the console's audit trail names them.
 */
export async function seedSearchUsers(db: BenchDatabase, log: (line: string) => void): Promise<SeededUsers> {
  const { searchUsers: total, searchOrganizations: orgCount } = SIZES;
  const seedStart = performance.now();
  const orgs = await db.sql<{ id: string }[]>`
    insert into organizations (name, slug, licence_count)
    select 'Search Co ' || o, 'search-' || o, ${Math.ceil(total / orgCount) + 10}
    from generate_series(1, ${orgCount}::int) o
    returning id`;
  const orgIds = orgs.map((o) => o.id);
  const chunk = 100_000;
  for (let from = 1; from <= total; from += chunk) {
    const to = Math.min(total, from + chunk - 1);
    // Names from common first and last names, so trigrams are as selective as in real data;
    // user types and statuses in the proportions a sales company has.
    await db.sql`
      with o as (select id, row_number() over (order by id) - 1 as n from organizations where slug like 'search-%'),
           g as (select g,
                        ${FIRST}::text[] as f, ${LAST}::text[] as l,
                        (g % ${orgCount}) as org_n from generate_series(${from}::int, ${to}::int) g)
      insert into users (organization_id, username, display_name, user_type, status)
      select o.id,
             lower(f[1 + (g * 7) % ${FIRST.length}]) || '.' || lower(l[1 + (g / 7) % ${LAST.length}]) || g || '@co' || org_n || '.test',
             f[1 + (g * 7) % ${FIRST.length}] || ' ' || l[1 + (g / 7) % ${LAST.length}],
             (case when g % 20 = 0 then 'admin' when g % 10 = 1 then 'dual' when g % 4 = 2 then 'scanpack' else 'device' end)::user_type,
             (case when g % 25 = 3 then 'disabled' else 'active' end)::user_status
      from g join o on o.n = g.org_n`;
    log(`  seeded ${to.toLocaleString("en")} of ${total.toLocaleString("en")} users`);
  }
  await db.sql`analyze users`;
  return { organizationIds: orgIds, users: total, seedMs: performance.now() - seedStart };
}

/**
 * Figure 4: on the users of `seedSearchUsers` (one INSERT … SELECT generate_series per chunk,
 * then ANALYZE), the Users search as the console runs it (`searchUsers`, in this process) for a
 * mix of what admins type.
 */
export async function measureSearch(db: BenchDatabase, seeded: SeededUsers): Promise<SearchFigures> {
  const { organizationIds: orgIds, users: total, seedMs } = seeded;
  useDatabase(db.handle);
  const samples = await sampleUsers(db, orgIds);
  const queries = buildQueries(samples, SIZES.searchQueries);
  // Warm the connection and the plan cache as a running console would be.
  for (const q of queries.slice(0, 20)) await searchUsers(q.organizationId, q.search);

  const times: { kind: string; ms: number; q: (typeof queries)[number] }[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    await searchUsers(q.organizationId, q.search);
    times.push({ kind: q.kind, ms: performance.now() - t0, q });
  }
  const byKind: Record<string, Summary> = {};
  for (const kind of new Set(times.map((t) => t.kind)))
    byKind[kind] = summarize(times.filter((t) => t.kind === kind).map((t) => t.ms));
  const slowest = times.reduce((a, b) => (b.ms > a.ms ? b : a));
  const plan = await db.handle.db.execute(
    sql`explain (analyze, buffers, costs off) ${userSearchQuery(db.handle.db, slowest.q.organizationId, slowest.q.search)}`,
  );
  return {
    users: total,
    organizations: orgIds.length,
    seedMs,
    all: summarize(times.map((t) => t.ms)),
    byKind,
    slowest: {
      kind: slowest.kind,
      search: slowest.q.search,
      ms: slowest.ms,
      plan: (plan as unknown as Record<string, string>[]).map((row) => Object.values(row)[0]!),
    },
  };
}

type Sample = { organizationId: string; displayName: string; username: string };

async function sampleUsers(db: BenchDatabase, orgIds: string[]): Promise<Sample[]> {
  const picked = orgIds.filter((_, i) => i % Math.max(1, Math.floor(orgIds.length / 25)) === 0).slice(0, 25);
  return db.sql<Sample[]>`
    select organization_id as "organizationId", display_name as "displayName", username
    from (select *, row_number() over (partition by organization_id order by md5(id::text)) as r
          from users where organization_id in ${db.sql(picked)}) s
    where r <= 40`;
}

type Query = { kind: string; organizationId: string; search: UserSearch };

/** A deterministic mix of what an admin types, drawn from the organization's own users. */
function buildQueries(samples: Sample[], count: number): Query[] {
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const types: UserType[] = ["admin", "dual", "device", "scanpack"];
  const out: Query[] = [];
  for (let i = 0; i < count; i++) {
    const s = samples[rand(samples.length)]!;
    const name = s.displayName.toLowerCase();
    const kinds: [string, () => UserSearch][] = [
      ["list (no text)", () => ({})],
      ["list, page 3", () => ({ page: 3 })],
      ["1–2 letters", () => ({ q: name.slice(0, 1 + rand(2)) })],
      [
        "part of a name",
        () => {
          const start = rand(Math.max(1, name.length - 4));
          return { q: name.slice(start, start + 3 + rand(4)) };
        },
      ],
      ["last name", () => ({ q: name.split(" ")[1] ?? name })],
      ["username start", () => ({ q: s.username.slice(0, 4 + rand(8)) })],
      ["whole username", () => ({ q: s.username })],
      ["type + text", () => ({ q: name.slice(0, 3), type: types[rand(types.length)] })],
      ["no match", () => ({ q: `zq${rand(1000)}x` })],
    ];
    const [kind, make] = kinds[i % kinds.length]!;
    out.push({ kind, organizationId: s.organizationId, search: make() });
  }
  return out;
}
