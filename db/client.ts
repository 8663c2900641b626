import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";
import { sql, type SQL } from "drizzle-orm";

/**
 * One `Db` type for both engines. PGlite and postgres.js expose the same Drizzle query
 * builder, so the rest of the code never asks which one it is talking to.
 */
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseKind = "pglite" | "postgres";

export type DatabaseHandle = {
  db: Db;
  kind: DatabaseKind;
  /** True when this call created the embedded database's folder (first run). */
  created: boolean;
  /** The PostgreSQL connection string, for a dedicated migration connection. */
  url?: string;
  close: () => Promise<void>;
};

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

export type OpenOptions =
  | { kind: "postgres"; url: string; max?: number }
  | { kind: "pglite"; dataDir?: string };

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.kind === "postgres") {
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connect_timeout: 10,
    });
    try {
      await client`select 1`;
    } catch (error) {
      await client.end({ timeout: 1 }).catch(() => {});
      throw new Error(
        `Gatehouse: cannot reach the PostgreSQL server named by DATABASE_URL (${redactUrl(options.url)}): ${
          (error as Error).message
        }. Check that it is running, or unset DATABASE_URL to use the embedded database.`,
      );
    }
    const db = drizzlePostgres(client, { schema });
    return { db, kind: "postgres", created: false, url: options.url, close: () => client.end({ timeout: 5 }) };
  }
  let created = false;
  let client: PGlite;
  // The extensions the migrations create (the Users search index).
  const extensions = { pg_trgm, btree_gin };
  if (options.dataDir) {
    const dir = path.resolve(options.dataDir);
    created = !existsPgData(dir);
    mkdirSync(dir, { recursive: true });
    client = new PGlite(dir, { extensions });
  } else {
    created = true;
    client = new PGlite({ extensions });
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, kind: "pglite", created, close: () => client.close() };
}

function existsPgData(dir: string): boolean {
  return existsSync(path.join(dir, "PG_VERSION"));
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "an unparsable URL";
  }
}

/**
 * Applies the committed drizzle-kit migrations. On PostgreSQL an advisory lock keeps
 * several instances starting at once from racing each other.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as never, { migrationsFolder });
    return;
  }
  // A session-level lock needs one connection for the whole run, so migrate on a client of its own.
  const client = postgres(handle.url!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(727274)`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder });
    await client`select pg_advisory_unlock(727274)`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * Runs two data-modifying statements as one (the first as a CTE of the second): both or
 * neither, like a transaction, in one round trip instead of a transaction's four. For hot paths.
 */
export async function executeTogether(ex: Executor, first: { getSQL(): SQL }, second: { getSQL(): SQL }): Promise<void> {
  await ex.execute(sql`with first_statement as (${first.getSQL()}) ${second.getSQL()}`);
}
