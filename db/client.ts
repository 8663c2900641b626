import "server-only";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { PgPreparedQuery } from "drizzle-orm/pg-core";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";
import { readPgliteTemplate, savePgliteTemplate } from "./pglite-template.mjs";
import { DrizzleQueryError, sql, type SQL } from "drizzle-orm";

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

/**
 * A failed query, safe to log. Drizzle's own error puts every bound value in its message
 * (`params: …`), and the driver's error it wraps keeps them too (postgres.js `parameters`,
 * PGlite `params`, the server's `detail` such as "Key (…)=(…)"): an outbox insert that fails
 * would print a reset code, a link token or a temporary password. This keeps what tells what
 * failed and where (the driver's `code`, which lib/ and the outage checks read, and the names of
 * the objects involved) and drops every value, the driver's message and the `cause`.
 */
export class DatabaseError extends Error {
  override name = "DatabaseError";
  /** SQLSTATE for the server's errors; Node's or postgres.js's code for connection failures. */
  declare readonly code?: string;
  declare readonly severity?: string;
  declare readonly schema?: string;
  declare readonly table?: string;
  declare readonly column?: string;
  declare readonly constraint?: string;
  /** The statement with its `$n` placeholders: values are never spliced into our SQL. */
  declare readonly query?: string;

  constructor(query: string | undefined, driverError: unknown) {
    const fields = pickFields(driverError);
    super(databaseErrorMessage(fields, driverError));
    Object.assign(this, fields, query ? { query: query.slice(0, MAX_LOGGED_QUERY) } : {});
    // The original frames say where the query came from; its first lines held the values.
    const frames = String((driverError as Error | undefined)?.stack ?? "")
      .split("\n")
      .filter((line) => /^\s+at /.test(line));
    if (frames.length) this.stack = `${this.name}: ${this.message}\n${frames.join("\n")}`;
  }
}

const MAX_LOGGED_QUERY = 2000;

type ErrorFields = Partial<Pick<DatabaseError, "code" | "severity" | "schema" | "table" | "column" | "constraint">>;

// The driver fields that name things, never values: pg-protocol's (PGlite) names, then postgres.js's.
const NAME_FIELDS = {
  code: ["code"],
  severity: ["severity"],
  schema: ["schema", "schema_name"],
  table: ["table", "table_name"],
  column: ["column", "column_name"],
  constraint: ["constraint", "constraint_name"],
} as const;

/** SQLSTATE and object names; never `detail`, `where`, `hint`, the message or the parameters. */
function pickFields(error: unknown): ErrorFields {
  const out: Record<string, string> = {};
  if (typeof error !== "object" || error === null) return out;
  const source = error as Record<string, unknown>;
  for (const [field, keys] of Object.entries(NAME_FIELDS)) {
    const value = keys.map((key) => source[key]).find((v) => typeof v === "string" && v);
    if (typeof value === "string") out[field] = value;
  }
  return out;
}

// Connection failures (Node's socket codes, postgres.js's CONNECT_TIMEOUT / CONNECTION_*) say
// "connect ECONNREFUSED 10.0.0.5:5432": useful, and never about a query's values. Node's
// ERR_* messages may quote an argument, and a server's message may quote a value
// ('invalid input syntax for type uuid: "…"'), so those are not repeated.
const CONNECTION_CODE = /^(E[A-Z]+|CONNECT_TIMEOUT|CONNECTION_[A-Z]+)$/;

function databaseErrorMessage(fields: ErrorFields, driverError: unknown): string {
  const where = [
    fields.code && `code ${fields.code}`,
    fields.table && `table ${fields.table}`,
    fields.column && `column ${fields.column}`,
    fields.constraint && `constraint ${fields.constraint}`,
  ].filter(Boolean);
  const said =
    fields.code && CONNECTION_CODE.test(fields.code) && driverError instanceof Error ? `: ${driverError.message}` : "";
  return `Database query failed${where.length ? ` (${where.join(", ")})` : ""}${said}. Values are not logged.`;
}

/** Whatever a query threw, as a DatabaseError: Drizzle's wrapper is unwrapped to the driver's error. */
export function redactDatabaseError(error: unknown, query?: string): DatabaseError {
  if (error instanceof DatabaseError) return error;
  if (error instanceof DrizzleQueryError) return new DatabaseError(query ?? error.query, error.cause);
  return new DatabaseError(query, error);
}

/*
 * Every query of both drivers (selects, writes, `execute`, inside transactions or not, the
 * migrator's) runs through PgPreparedQuery#queryWithCache, which turns a driver error into
 * Drizzle's DrizzleQueryError. Wrapping that one method here is the single place where a
 * failing query's values are dropped, before any caller, framework or log sees the error.
 */
type QueryWithCache = (this: unknown, queryString: string, params: unknown[], query: () => Promise<unknown>) => Promise<unknown>;
// The flag keeps a second evaluation of this module (another server layer, a dev reload) from wrapping twice.
const preparedQuery = PgPreparedQuery.prototype as unknown as { queryWithCache?: QueryWithCache; __gatehouseRedacts?: true };
if (typeof preparedQuery.queryWithCache !== "function") {
  throw new Error("drizzle-orm no longer has PgPreparedQuery#queryWithCache: update the error redaction in db/client.ts.");
}
if (!preparedQuery.__gatehouseRedacts) {
  const original = preparedQuery.queryWithCache;
  preparedQuery.queryWithCache = async function (queryString, params, query) {
    try {
      return await original.call(this, queryString, params, query);
    } catch (error) {
      throw redactDatabaseError(error, queryString);
    }
  };
  preparedQuery.__gatehouseRedacts = true;
}

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

export type OpenOptions =
  | { kind: "postgres"; url: string; max?: number; connectTimeoutSeconds?: number }
  | { kind: "pglite"; dataDir?: string };

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.kind === "postgres") {
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connect_timeout: options.connectTimeoutSeconds ?? 10,
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
  let dir: string | undefined;
  if (options.dataDir) {
    dir = path.resolve(options.dataDir);
    created = !existsPgData(dir);
    mkdirSync(dir, { recursive: true });
  } else {
    created = true;
  }
  const template = created ? readPgliteTemplate() : null;
  client = dir
    ? new PGlite(dir, { extensions, loadDataDir: template ?? undefined })
    : new PGlite({ extensions, loadDataDir: template ?? undefined });
  await client.waitReady;
  // The first creation after an install that made no template (npm install --ignore-scripts)
  // keeps initdb's output for the next ones; without it they only stay slow.
  if (created && !template) await savePgliteTemplate(client).catch(() => {});
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
