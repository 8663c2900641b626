import "server-only";
import { noteDatabaseError } from "@/lib/infra/availability";
import { env } from "@/lib/infra/env";
import { runQueuedImports } from "@/lib/imports/jobs";

/**
 * The import runner inside each server process, like the mail sweeper: every
 * IMPORT_POLL_SECONDS it claims queued imports (and ones whose runner died, once their lease
 * runs out) and works through them; a confirm kicks it at once. One run at a time per process;
 * instances share the work through the jobs' leases.
 */

type RunnerState = { timer?: NodeJS.Timeout; running?: Promise<void>; again?: boolean };
const runner: RunnerState = ((globalThis as { __gatehouseImportRunner?: RunnerState }).__gatehouseImportRunner ??= {});

async function runAll(): Promise<void> {
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
