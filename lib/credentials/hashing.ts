import "server-only";
import { availableParallelism } from "node:os";
import { hash, verify, type Options } from "@node-rs/argon2";
import { env } from "@/lib/infra/env";

/** argon2id parameters (Algorithm.Argon2id = 2), from env so they can be raised without a release. */
export const ARGON2_OPTIONS: Options = {
  algorithm: 2,
  memoryCost: env.ARGON2_MEMORY_KIB,
  timeCost: env.ARGON2_TIME_COST,
  parallelism: env.ARGON2_PARALLELISM,
};

/**
 * How many argon2 operations run at once. Each runs on a libuv thread (4 by default); more of
 * them than cores only time-share the cores, and then each costs about a fifth more CPU (most
 * likely evicting each other's 19 MiB from the caches; npm run bench measures it) while the threads that
 * Auth.js's crypto and file reads need sit behind them. So: one per core, leaving a thread free.
 */
export const ARGON2_CONCURRENCY =
  env.ARGON2_CONCURRENCY ?? Math.max(1, Math.min(availableParallelism(), (Number(process.env.UV_THREADPOOL_SIZE) || 4) - 1));

type Slots = { running: number; waiting: (() => void)[] };
// Process-wide: Next.js bundles this module into several server layers.
const slots: Slots = ((globalThis as { __gatehouseArgon2?: Slots }).__gatehouseArgon2 ??= { running: 0, waiting: [] });

/** Runs `work` when an argon2 slot is free (first come, first served). */
async function inSlot<T>(work: () => Promise<T>): Promise<T> {
  if (slots.running < ARGON2_CONCURRENCY) slots.running++;
  else await new Promise<void>((resolve) => slots.waiting.push(resolve));
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next in line, or give it back.
    const next = slots.waiting.shift();
    if (next) next();
    else slots.running--;
  }
}

export type Argon2Operation = "hash" | "verify";

let observer: ((operation: Argon2Operation) => void) | undefined;

/**
 * Tells `watch` of every argon2 operation a request spends, until the returned function is
 * called. Tests use it to prove that every branch a stranger can reach costs the same work
 * (docs/security.md), which a stopwatch on a shared machine cannot. Nothing watches in
 * production: the cost is one comparison per operation.
 */
export function observeArgon2(watch: (operation: Argon2Operation) => void): () => void {
  observer = watch;
  return () => {
    if (observer === watch) observer = undefined;
  };
}

export function hashSecret(secret: string): Promise<string> {
  observer?.("hash");
  return inSlot(() => hash(secret, ARGON2_OPTIONS));
}

export async function verifySecret(storedHash: string, secret: string): Promise<boolean> {
  observer?.("verify");
  try {
    return await inSlot(() => verify(storedHash, secret));
  } catch {
    // A malformed stored hash is a failed match, not a server error.
    return false;
  }
}

/** True when a hash was made with other parameters than today's: rehash it at the next sign-in. */
export function needsRehash(storedHash: string): boolean {
  const params = /\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
  if (!params) return true;
  const [, m, t, p] = params.map(Number);
  return (
    m !== ARGON2_OPTIONS.memoryCost || t !== ARGON2_OPTIONS.timeCost || p !== ARGON2_OPTIONS.parallelism
  );
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends one real verify when there is no account or no password, so a response's timing
 * does not tell whether a username exists.
 */
export async function burnVerify(secret: string): Promise<false> {
  // Made once per process, not per request, so not an operation of the request that made it.
  dummyHash ??= inSlot(() => hash("gatehouse-dummy-password", ARGON2_OPTIONS));
  await verifySecret(await dummyHash, secret);
  return false;
}
