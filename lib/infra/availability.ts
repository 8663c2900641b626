import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { env } from "@/lib/infra/env";

/**
 * "The database cannot be reached right now": the one classification the API, server
 * actions, pages and Auth.js's routes share, so an outage answers 503 (try again) everywhere
 * instead of 500 (our bug). It reads the driver's `code`, never the message text, which
 * another layer may redact or a driver version may reword.
 */

const UNAVAILABLE_CODES = new Set([
  // Node's socket errors, which postgres.js passes through.
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  // postgres.js's own: the socket closed, the pool was ended (our shutdown), the connect timed out.
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  // SQLSTATE class 08 (connection exception).
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  // admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down).
  "57P01",
  "57P02",
  "57P03",
  // too_many_connections: the server is up but full; the same "come back shortly".
  "53300",
]);

/** Far enough to get through every wrapper seen (Auth.js nests twice), short enough to stop on a cycle. */
const MAX_DEPTH = 8;

/**
 * True when `error`, or anything it wraps (`cause`, Auth.js's `cause.err`, an AggregateError's
 * `errors`), carries a connection-failure code.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const queue: Array<{ value: unknown; depth: number }> = [{ value: error, depth: 0 }];
  const seen = new Set<unknown>();
  while (queue.length) {
    const { value, depth } = queue.shift()!;
    if (typeof value !== "object" || value === null || seen.has(value) || depth > MAX_DEPTH) continue;
    seen.add(value);
    const { code, cause, err, errors } = value as { code?: unknown; cause?: unknown; err?: unknown; errors?: unknown };
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    queue.push({ value: cause, depth: depth + 1 }, { value: err, depth: depth + 1 });
    if (Array.isArray(errors)) for (const e of errors) queue.push({ value: e, depth: depth + 1 });
  }
  return false;
}

/**
 * The process's view of the database. Kept on globalThis because Next.js bundles lib/ into
 * several server layers (the proxy among them) and they must all see the same outage.
 */
type State = { downSince?: number; lastProbe: number; probing: boolean; probe?: () => Promise<unknown> };
const state: State = ((globalThis as { __gatehouseAvailability?: State }).__gatehouseAvailability ??= {
  lastProbe: 0,
  probing: false,
});

/** The request in which an error was swallowed by a library (Auth.js) still learns of it. */
const requestOutage = new AsyncLocalStorage<{ unavailable: boolean }>();

/** Records `error` if it is an outage; says whether it was. */
export function noteDatabaseError(error: unknown, now = Date.now()): boolean {
  if (!isDatabaseUnavailable(error)) return false;
  const current = requestOutage.getStore();
  if (current) current.unavailable = true;
  if (state.downSince !== undefined) return true;
  // One query's connection failing does not say the database is down now: after a restart,
  // connections that died in it are found one by one as queries reach them, and one the restart
  // left stalled (postgres.js 3.4's reconnect crash, porsager/postgres#1154) fails its query a
  // connect timeout later. So one probe asks first; this request fails either way. Without a
  // probe (before the database is open) the failure is taken at its word.
  const confirmed = probeOnce(now);
  if (confirmed) {
    void confirmed.then((up) => {
      if (!up) state.downSince ??= Date.now();
    });
  } else if (!state.probe) {
    state.downSince = now;
  }
  return true;
}

/** How to ask the database whether it is back (set once the database is open). */
export function setDatabaseProbe(probe: () => Promise<unknown>): void {
  state.probe = probe;
}

/**
 * Whether this process last saw the database unreachable. While it does, at most one probe
 * every DATABASE_PROBE_INTERVAL_MS runs in the background and clears the mark once a query succeeds,
 * so callers answer at once (no request waits out a connect timeout) and recovery needs no
 * restart.
 */
export function databaseSeemsDown(now = Date.now()): boolean {
  if (state.downSince === undefined) return false;
  if (now - state.lastProbe >= env.DATABASE_PROBE_INTERVAL_MS) {
    void probeOnce(now)?.then((up) => {
      if (up) state.downSince = undefined;
    });
  }
  return true;
}

/** One query to the database, unless one is already out: whether it answered. */
function probeOnce(now: number): Promise<boolean> | undefined {
  if (!state.probe || state.probing) return undefined;
  state.probing = true;
  state.lastProbe = now;
  // A probe stuck on a connection that never answers (postgres.js can hold one for its whole
  // connect timeout after a restart) must not hold the outage open: give up and try anew.
  const timeout = Math.max(2 * env.DATABASE_PROBE_INTERVAL_MS, 2000);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("probe timed out"), { code: "CONNECT_TIMEOUT" })), timeout);
  });
  return Promise.race([state.probe(), gaveUp])
    .then(
      () => true,
      // Anything else (a bug in the probe) must not keep every page answering 503.
      (error: unknown) => !isDatabaseUnavailable(error),
    )
    .finally(() => {
      clearTimeout(timer);
      state.probing = false;
    });
}

/** A query just succeeded (the health check asks the database itself): the outage is over. */
export function noteDatabaseUp(): void {
  state.downSince = undefined;
}

/** Runs `fn` and says whether an outage was noted while it ran (even if `fn` swallowed it). */
export async function watchForOutage<T>(fn: () => Promise<T>): Promise<{ result: T; unavailable: boolean }> {
  const store = { unavailable: false };
  const result = await requestOutage.run(store, fn);
  return { result, unavailable: store.unavailable };
}

/** Tests start from a process that has seen no outage and has no database to probe yet. */
export function resetAvailability(): void {
  state.probe = undefined;
  state.downSince = undefined;
  state.lastProbe = 0;
  state.probing = false;
}
