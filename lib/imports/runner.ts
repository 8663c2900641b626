import "server-only";
import { noteDatabaseError } from "@/lib/infra/availability";
import { env } from "@/lib/infra/env";
import { runQueuedImports } from "@/lib/imports/run";
import { purgeStalePreviews } from "@/lib/imports/retention";

/** How often a runner deletes unconfirmed previews past IMPORT_PREVIEW_TTL_HOURS. */
const PREVIEW_PURGE_INTERVAL_MS = 3_600_000;

/**
 * The import runner inside each server process, like the mail sweeper: every
 * IMPORT_POLL_SECONDS it claims queued imports (and ones whose runner died, once their lease
 * runs out) and works through them; a confirm kicks it at once. One run at a time per process;
 * instances share the work through the jobs' leases.
 */

type RunnerState = { timer?: NodeJS.Timeout; running?: Promise<void>; again?: boolean; lastPurge?: number };
const runner: RunnerState = ((globalThis as { __gatehouseImportRunner?: RunnerState }).__gatehouseImportRunner ??= {});

async function runAll(): Promise<void> {
  if (Date.now() - (runner.lastPurge ?? 0) >= PREVIEW_PURGE_INTERVAL_MS) {
    runner.lastPurge = Date.now();
    try {
      const gone = await purgeStalePreviews();
      if (gone) console.log(`[imports] deleted ${gone} previews older than ${env.IMPORT_PREVIEW_TTL_HOURS} hours`);
    } catch (error) {
      noteDatabaseError(error);
      console.error("[imports] preview purge failed:", (error as Error).message);
    }
  }
  do {
    runner.again = false;
    try {
      await runQueuedImports();
    } catch (error) {
      noteDatabaseError(error);
      console.error("[imports] run failed:", (error as Error).message);
    }
  } while (runner.again);
}

/** Starts working on queued imports now (after a confirm); a run already going picks them up. */
export function kickImportRunner(): void {
  if (runner.running) {
    runner.again = true;
    return;
  }
  runner.running = runAll().finally(() => {
    runner.running = undefined;
  });
}

export function startImportRunner(): void {
  if (runner.timer) return;
  runner.timer = setInterval(kickImportRunner, env.IMPORT_POLL_SECONDS * 1000);
  runner.timer.unref();
  kickImportRunner();
}

export function stopImportRunner(): void {
  clearInterval(runner.timer);
  runner.timer = undefined;
}
