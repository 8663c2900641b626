import type { BenchDatabase } from "../database";

/**
 * The audit trail of a large customer base, generated in PostgreSQL (INSERT … SELECT over
 * generate_series, one statement per million rows), never row by row from here.
 *
 * Each layer of `perLayer` events spans the whole `spanDays` in id order, as a real trail does
 * (ids and times rise together); the largest organization gets `largestShare` of every layer, the
 * others share the rest evenly. Actions come in the proportions of a sales company's trail:
 * mostly sign-ins and sign-outs, a lock-out one event in a thousand.
 */
export const EVENT_MIX: [action: string, perTenThousand: number][] = [
  ["signin.succeeded", 5500],
  ["signout", 1500],
  ["signin.failed", 1000],
  ["app.signout", 600],
  ["password.reset_requested", 300],
  ["user.updated", 300],
  ["session.revoked", 300],
  ["password.changed", 200],
  ["password.reset_completed", 150],
  ["admin.reset_requested", 50],
  ["user.created", 40],
  ["sessions.revoked", 30],
  ["signin.blocked", 10],
  ["account.locked", 10],
  ["email.failed", 5],
  ["licences.changed", 5],
];

/** The actions staff perform on someone else: the actor is an admin, the target the user. */
const ADMIN_ACTIONS = ["user.updated", "admin.reset_requested", "user.created", "sessions.revoked", "licences.changed"];

/**
 * Numbers the organizations' users once (org_n, k), so each generated event can name a real
 * user of its own organization by arithmetic on its sequence number.
 */
export async function prepareAuditSeeding(db: BenchDatabase, organizationIds: string[]): Promise<void> {
  await db.sql`drop table if exists bench_org_users`;
  await db.sql`drop table if exists bench_orgs`;
  await db.sql`create unlogged table bench_orgs (n int primary key, id uuid not null, users int not null)`;
  await db.sql`
    insert into bench_orgs (n, id, users)
    select o.n - 1, o.id, (select count(*) from users u where u.organization_id = o.id)
    from unnest(${organizationIds}::uuid[]) with ordinality as o(id, n)`;
  await db.sql`create unlogged table bench_org_users (org_n int, k int, id uuid, primary key (org_n, k))`;
  await db.sql`
    insert into bench_org_users (org_n, k, id)
    select o.n, row_number() over (partition by o.n order by u.id) - 1, u.id
    from bench_orgs o join users u on u.organization_id = o.id`;
  // mix → action, 10,000 rows: an equi-join picks each event's action from its sequence number.
  await db.sql`drop table if exists bench_mix`;
  await db.sql`create unlogged table bench_mix (mix int primary key, action text not null)`;
  let from = 0;
  for (const [action, share] of EVENT_MIX) {
    await db.sql`insert into bench_mix select m, ${action} from generate_series(${from}::int, ${from + share - 1}::int) m`;
    from += share;
  }
  if (from !== 10_000) throw new Error(`EVENT_MIX adds up to ${from}, not 10,000`);
  await db.sql`analyze bench_mix`;
  await db.sql`analyze bench_orgs`;
  await db.sql`analyze bench_org_users`;
}

/**
 * Inserts one layer: events `from`..`to` of a layer of `perLayer`, in id (and time) order.
 * Organization 0 (the first of `prepareAuditSeeding`'s list) is the largest.
 */
export async function insertAuditLayer(
  db: BenchDatabase,
  options: { from: number; to: number; perLayer: number; spanDays: number; largestShare: number; organizations: number },
): Promise<void> {
  const { from, to, perLayer, spanDays, largestShare, organizations } = options;
  const largestPerMille = Math.round(largestShare * 1000);
  await db.sql`
    with g as (
      select g,
             -- the largest organization takes largestShare of the events, spread through time
             -- three independent hashes of g: organization, action and user do not correlate
             case when abs(hashint8extended(g, 1)) % 1000 < ${largestPerMille} then 0 else 1 + (g % ${organizations - 1}) end as org_n,
             abs(hashint8extended(g, 2)) % 10000 as mix,
             abs(hashint8extended(g, 3)) as pick,
             now() - make_interval(secs => (1 - g::float8 / ${perLayer}) * ${spanDays} * 86400) as at
      from generate_series(${from}::bigint, ${to}::bigint) g
    ),
    e as (
      select g.*, o.id as org_id, o.users, m.action
      from g join bench_orgs o on o.n = g.org_n join bench_mix m on m.mix = g.mix
    )
    insert into audit_events (organization_id, action, actor_type, actor_id, target_type, target_id, ip, user_agent, created_at)
    select e.org_id, e.action,
           case when e.action in ('signin.failed', 'signin.blocked', 'account.locked') then 'anonymous' else 'user' end,
           case when e.action in ('signin.failed', 'signin.blocked', 'account.locked') then null
                when e.action = any(${ADMIN_ACTIONS}::text[]) then admin.id else target.id end,
           'user', target.id,
           '10.' || (e.g % 250) || '.' || ((e.g / 250) % 250) || '.7',
           'Mozilla/5.0 (bench)',
           e.at
    from e
    join bench_org_users target on target.org_n = e.org_n and target.k = e.pick % e.users
    join bench_org_users admin on admin.org_n = e.org_n and admin.k = 0`;
}

export async function finishAuditSeeding(db: BenchDatabase): Promise<void> {
  await db.sql`drop table if exists bench_org_users`;
  await db.sql`drop table if exists bench_orgs`;
  await db.sql`drop table if exists bench_mix`;
}
