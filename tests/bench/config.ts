/**
 * Sizes and targets of `npm run bench`. BENCH_QUICK=1 picks sizes small enough for CI (which
 * checks that the bench runs, not its numbers); the full run is what docs/performance.md reports.
 */
export const QUICK = process.env.BENCH_QUICK === "1";

/** The targets. They live here, never in a test: a timing is reported, not asserted. */
export const TARGETS = {
  /** Sign-in throughput as a share of raw argon2 verify throughput on the same cores. */
  signInThroughputRatio: 0.7,
  /** Sign-in p95 at 16 concurrent clients, minus one argon2 verify at the same concurrency. */
  signInOverheadMs: 15,
  /** Reset request p95 with a 2 s provider, minus the same with an instant one. */
  resetProviderDeltaMs: 20,
  /** Users search p95. */
  searchP95Ms: 20,
  /** p95 of each console page, served, at 1 M and 10 M audit events. */
  consolePageP95Ms: 50,
  /** Sign-in p95 while the audit retention purge runs, as a multiple of the same without. */
  purgeSignInSlowdown: 2,
  /** Gzipped JavaScript a page loads before interaction. */
  pageWeightKb: 150,
  /** A CSV import of SIZES.importRows contacts, from the runner's claim to its last batch. */
  importSeconds: 60,
  /** The server's resident memory while the import runs, above what it was before. */
  importExtraMb: 300,
  /** `npm run dev` to the first 200 of /login, as a multiple of a bare Next.js app's start. */
  startFloorRatio: 2,
  /** Server CPU per view of each public page (sign-in, forgot and reset password, the storefront's two) at 16 clients. */
  publicPageCpuMs: 2,
  /** Sign-ins per second by a page's form (the login page's, the storefront's) as a share of Auth.js's endpoint's. */
  formSignInRatio: 0.8,
} as const;

export const SIZES = QUICK
  ? {
      /** Closed-loop rounds alternating the argon2 ceiling and the measured figure (noise shows up in both). */
      signInRounds: 2,
      roundSeconds: 3,
      signInClients: 16,
      signInUsers: 200,
      /** Requests of each kind sent one at a time, for CPU per request. */
      sequentialRequests: 30,
      resetRounds: 2,
      resetRequestsPerPhase: 40,
      resetClients: 4,
      providerDelayMs: 2000,
      searchOrganizations: 10,
      searchUsers: 10_000,
      searchQueries: 200,
      drainSeconds: 30,
      /** Audit events per layer; the console is measured at one layer and at `consoleLayers`. */
      consoleLayerEvents: 10_000,
      consoleLayers: 10,
      consoleViews: 5,
      consoleWarmups: 1,
      /** Added to the largest organization, on top of its share of `searchUsers`. */
      consoleLargestExtraUsers: 500,
      purgeClients: 4,
      purgeRounds: 1,
      purgeWindowSeconds: 1,
      importRows: 500,
      /** Contacts created one POST at a time through /api/v1 (and as many in-process). */
      apiContacts: 50,
      /** `npm run dev` starts, each beside a bare Next.js app's (a start takes 10–60 s). */
      startRounds: 1,
      /** Public pages: closed-loop clients, rounds (each round runs every page once), seconds per page per round. */
      publicClients: 16,
      publicRounds: 1,
      publicSeconds: 1,
    }
  : {
      signInRounds: 3,
      roundSeconds: 10,
      signInClients: 16,
      signInUsers: 2000,
      sequentialRequests: 100,
      resetRounds: 4,
      resetRequestsPerPhase: 100,
      resetClients: 4,
      providerDelayMs: 2000,
      searchOrganizations: 1000,
      searchUsers: 1_000_000,
      searchQueries: 1000,
      drainSeconds: 90,
      consoleLayerEvents: 1_000_000,
      consoleLayers: 10,
      consoleViews: 60,
      consoleWarmups: 5,
      consoleLargestExtraUsers: 49_000,
      purgeClients: 4,
      purgeRounds: 2,
      purgeWindowSeconds: 10,
      importRows: 10_000,
      apiContacts: 1000,
      startRounds: 3,
      publicClients: 16,
      publicRounds: 3,
      publicSeconds: 4,
    };

/** Ports of the servers the bench starts (the first free one from here on, see ports.ts). */
export const BASE_PORT = Number(process.env.BENCH_PORT ?? 3600);

/** A PostgreSQL server where the bench may create (and drop) databases of its own. */
export const ADMIN_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
