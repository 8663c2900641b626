import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrateDatabase, openDatabase, type DatabaseHandle } from "@/db/client";
import { seedDemo } from "@/lib/infra/demo-seed";
import { ADMIN_DATABASE_URL } from "./config";

export type BenchDatabase = {
  name: string;
  url: string;
  /** An in-process connection (migrated, demo data seeded). */
  handle: DatabaseHandle;
  /** A plain postgres.js client on the same database, for bulk SQL. */
  sql: postgres.Sql;
  drop: () => Promise<void>;
};

/** A fresh database `gatehouse_bench_*` on the bench's PostgreSQL server, migrated like production. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `gatehouse_bench_${randomBytes(5).toString("hex")}`;
  const admin = postgres(ADMIN_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  const dropped = { done: false };
  const drop = async () => {
    if (dropped.done) return;
    dropped.done = true;
    const cleanup = postgres(ADMIN_DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
    } finally {
      await cleanup.end();
    }
  };
  try {
    const handle = await openDatabase({ kind: "postgres", url: url.toString() });
    await migrateDatabase(handle);
    await seedDemo(handle.db);
    const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
    return {
      name,
      url: url.toString(),
      handle,
      sql,
      drop: async () => {
        await sql.end({ timeout: 5 }).catch(() => {});
        await handle.close().catch(() => {});
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

/**
 * Staff accounts in an organization of their own, all with the same argon2id hash (made with
 * today's parameters, so no sign-in rehashes), and a password of their own per bench part.
 * Admins by default; dual users may sign in to both the console and the apps.
 */
export async function seedBenchUsers(
  db: BenchDatabase,
  options: { slug: string; prefix: string; count: number; passwordHash: string | null; userType?: "admin" | "dual" },
): Promise<string[]> {
  const [org] = await db.sql<{ id: string }[]>`
    insert into organizations (name, slug, licence_count)
    values (${`Bench ${options.slug}`}, ${options.slug}, ${options.count + 10})
    returning id`;
  await db.sql`
    insert into users (organization_id, username, display_name, user_type, password_hash, password_changed_at)
    select ${org!.id}, ${options.prefix} || g || '@bench.test', 'Bench User ' || g, ${options.userType ?? "admin"}::user_type, ${options.passwordHash},
           case when ${options.passwordHash}::text is null then null else now() end
    from generate_series(1, ${options.count}::int) g`;
  return Array.from({ length: options.count }, (_, i) => `${options.prefix}${i + 1}@bench.test`);
}

/**
 * Storefront contacts with website access in an organization of their own (its storefront at
 * `/store/<slug>`), one retailer, all with the same argon2id hash.
 */
export async function seedBenchContacts(
  db: BenchDatabase,
  options: { slug: string; prefix: string; count: number; passwordHash: string },
): Promise<string[]> {
  const [org] = await db.sql<{ id: string }[]>`
    insert into organizations (name, slug, licence_count)
    values (${`Bench ${options.slug}`}, ${options.slug}, 10)
    returning id`;
  const [retailer] = await db.sql<{ id: string }[]>`
    insert into retailers (organization_id, name) values (${org!.id}, 'Bench Retailer') returning id`;
  await db.sql`
    insert into contacts (organization_id, retailer_id, name, email, username, website_access, password_hash, password_changed_at)
    select ${org!.id}, ${retailer!.id}, 'Bench Contact ' || g, ${options.prefix} || g || '@bench.test', ${options.prefix} || g, true,
           ${options.passwordHash}, now()
    from generate_series(1, ${options.count}::int) g`;
  return Array.from({ length: options.count }, (_, i) => `${options.prefix}${i + 1}`);
}

/** Process ids of the PostgreSQL backends serving this database (for their CPU time). */
export async function backendPids(db: BenchDatabase): Promise<number[]> {
  const rows = await db.sql<{ pid: number }[]>`
    select pid from pg_stat_activity where datname = ${db.name} and pid <> pg_backend_pid()`;
  return rows.map((r) => r.pid);
}
