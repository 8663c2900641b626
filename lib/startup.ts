import "server-only";
import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/infra/database";
import { setDatabaseProbe } from "@/lib/infra/availability";
import { env, getSecrets } from "@/lib/infra/env";
import { startMailSweeper } from "@/lib/mail";
import { clientHeaderNames } from "@/lib/web/request-context";

/*
 * server.mjs in development leaves this slot for the start's promise: it then compiles the first
 * page while the database opens, and listens only once both are done, so a start that fails
 * still exits before anything listens (docs/decisions.md, "First start").
 */
type StartSlot = { started?: Promise<void> };
const START_SLOT = Symbol.for("gatehouse.start");

/** True when server.mjs took the start over (it awaits it before listening); otherwise await it. */
export function handOverStart(started: Promise<void>): boolean {
  const slot = (globalThis as Record<symbol, StartSlot | undefined>)[START_SLOT];
  if (!slot) return false;
  slot.started = started;
  return true;
}

export async function startServer(): Promise<void> {
  try {
    getSecrets();
    if (!clientHeaderNames()) {
      console.warn(
        "[gatehouse] not started through server.mjs (npm start / npm run dev): client addresses are unknown, " +
          "so every client shares one rate-limit budget and audit events carry no IP.",
      );
    }
    const started = performance.now();
    const handle = await getDatabase();
    setDatabaseProbe(() => handle.db.execute(sql`select 1`));
    startMailSweeper();
    (await import("@/lib/audit/retention")).startAuditPurger();
    (await import("@/lib/imports/runner")).startImportRunner();
    (await import("@/lib/management-api/idempotency")).startIdempotencyPurger();
    // The time says what a slow start is spent on (npm run bench reads it).
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const work = !handle.created ? "opened and migrated" : env.SEED_DEMO ? "created, migrated and seeded" : "created and migrated";
    console.log(`[gatehouse] ready on the ${handle.kind} database (${work} in ${seconds} s)`);
  } catch (error) {
    // A clear sentence instead of a stack trace, then stop: the server cannot work like this.
    console.error(`\n${(error as Error).message}\n`);
    process.exit(1);
  }
}
