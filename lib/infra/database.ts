import "server-only";
import { migrateDatabase, openDatabase, type DatabaseHandle, type Db } from "@/db/client";
import { env } from "@/lib/infra/env";

// db/ is the engine and the schema and knows no configuration; this is where env picks the database.
export type { Db, Executor, Tx, DatabaseKind } from "@/db/client";
export { executeTogether } from "@/db/client";

/*
 * The process-wide database. Kept on globalThis because Next.js bundles this module into
 * several server layers; they must share one connection (PGlite allows one per folder).
 */
type State = { ready?: Promise<DatabaseHandle> };
const state: State = ((globalThis as { __gatehouseDb?: State }).__gatehouseDb ??= {});

async function start(): Promise<DatabaseHandle> {
  const handle = env.DATABASE_URL
    ? await openDatabase({ kind: "postgres", url: env.DATABASE_URL, connectTimeoutSeconds: env.DATABASE_CONNECT_TIMEOUT_SECONDS })
    : await openDatabase({ kind: "pglite", dataDir: env.PGLITE_DATA_DIR });
  await migrateDatabase(handle);
  if (handle.kind === "pglite" && handle.created && env.SEED_DEMO) {
    const { seedDemo } = await import("@/lib/infra/demo-seed");
    await seedDemo(handle.db);
  }
  return handle;
}

/** Opens, migrates and (first time, embedded) seeds the database once per process. */
export function getDatabase(): Promise<DatabaseHandle> {
  state.ready ??= start().catch((error: unknown) => {
    state.ready = undefined;
    throw error;
  });
  return state.ready;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Tests point the process at a database of their own. */
export function useDatabase(handle: DatabaseHandle): void {
  state.ready = Promise.resolve(handle);
}
