import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Every setting Gatehouse reads, parsed once. Security numbers live here as named defaults
 * with an env override each; README.md lists them all.
 */

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(["0", "1", "true", "false"])
    .default(fallback ? "1" : "0")
    .transform((v) => v === "1" || v === "true");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  DATABASE_URL: z.string().trim().min(1).optional(),
  /** Where the embedded database lives. */
  PGLITE_DATA_DIR: z.string().trim().min(1).default(".data/pglite"),
  /** Folder for generated development secrets (and the default PGlite folder's parent). */
  DATA_DIR: z.string().trim().min(1).default(".data"),
  /** Seed the demo organizations when the embedded database is first created. */
  SEED_DEMO: flag(true),
  /** Public base URL; every link in an email is built from it, never from request headers. */
  APP_URL: z.url().default("http://localhost:3000"),
  AUTH_SECRET: z.string().min(32).optional(),
  /** Key for the HMAC digests of reset link tokens and app tokens. */
  TOKEN_HMAC_SECRET: z.string().min(32).optional(),

  /** argon2id memory cost in KiB (OWASP's 19 MiB minimum). */
  ARGON2_MEMORY_KIB: int(19456, 1024, 1048576),
  /** argon2id iterations. */
  ARGON2_TIME_COST: int(2, 1, 10),
  /** argon2id lanes. */
  ARGON2_PARALLELISM: int(1, 1, 16),
  /** argon2 operations run at once (default: one per core, see lib/password-hashing.ts). */
  ARGON2_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),

  /** A new password may not be any of the account's last this many (0: no history). */
  PASSWORD_HISTORY: int(5, 0, 24),
  /** Wrong passwords in a row before an account is locked. */
  LOCKOUT_THRESHOLD: int(10, 1, 1000),
  /** How long a lock-out lasts. */
  LOCKOUT_MINUTES: int(15, 1, 24 * 60),
  /** Sign-in attempts one IP address may make per window (any usernames). */
  SIGNIN_IP_LIMIT: int(100, 1, 1_000_000),
  SIGNIN_IP_WINDOW_SECONDS: int(15 * 60, 1, 86400),

  /** Reverse proxies in front of the app that append to X-Forwarded-For (0: clients connect directly). */
  TRUSTED_PROXY_HOPS: int(0, 0, 10),

  /** Console session lifetime from sign-in (absolute: using the session does not extend it). */
  SESSION_MAX_AGE_HOURS: int(12, 1, 24 * 30),
  /** A console session unused this long ends. */
  SESSION_IDLE_MINUTES: int(60, 1, 24 * 60 * 30),
  /** How often a session's "last seen" is written (at most once per this many seconds). */
  SESSION_TOUCH_SECONDS: int(60, 1, 3600),
  /** Lifetime of an app bearer token (Sales Plus, Tradeshow, ScanPack). */
  APP_TOKEN_TTL_DAYS: int(30, 1, 365),

  /** Lifetime of an emailed reset link and code. */
  RESET_TTL_MINUTES: int(10, 1, 24 * 60),
  /** Lifetime of a "set your password" invite. */
  INVITE_TTL_HOURS: int(48, 1, 24 * 30),
  /** Wrong codes after which a reset is dead (the right code then fails too). */
  RESET_MAX_CODE_ATTEMPTS: int(5, 1, 100),
  /** Reset emails one account may receive per hour. */
  RESET_EMAILS_PER_HOUR: int(3, 1, 1000),
  /** Username checks one IP may make per 15 minutes on the login page. */
  USERNAME_CHECK_IP_LIMIT: int(60, 1, 1_000_000),
  /** Reset requests one IP may make per 15 minutes. */
  RESET_REQUEST_IP_LIMIT: int(20, 1, 1_000_000),
  /** Reset-code submissions one IP may make per 15 minutes. */
  CODE_ENTRY_IP_LIMIT: int(30, 1, 1_000_000),
  /** Lifetime of a contact's emailed temporary password. */
  CONTACT_TEMP_PASSWORD_HOURS: int(48, 1, 24 * 30),
  /** Storefront session lifetime from sign-in (a contact's own signed cookie, not the console's). */
  CONTACT_SESSION_MAX_AGE_HOURS: int(12, 1, 24 * 30),
  /** A storefront session unused this long ends. */
  CONTACT_SESSION_IDLE_MINUTES: int(60, 1, 24 * 60 * 30),
  /** Storefront sign-in attempts one IP may make per 15 minutes (any usernames). */
  CONTACT_SIGNIN_IP_LIMIT: int(100, 1, 1_000_000),
  /** Storefront sign-in attempts per username per 15 minutes, whoever makes them. */
  CONTACT_SIGNIN_USERNAME_LIMIT: int(20, 1, 1_000_000),
  /** "Forgot Your Password" requests one IP may make per 15 minutes. */
  CONTACT_RESET_IP_LIMIT: int(20, 1, 1_000_000),
  /** Temporary-password emails one contact may receive per hour (self-service and staff together). */
  CONTACT_RESET_EMAILS_PER_HOUR: int(3, 1, 1000),

  /** "dev" forces the local mailbox; "resend" forces Resend. Default: Resend with a key, else dev outside production. */
  MAIL_TRANSPORT: z.enum(["dev", "resend"]).optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  /** Read by the Resend client itself; set to a local fake in tests. */
  RESEND_BASE_URL: z.url().optional(),
  MAIL_FROM: z.string().min(3).default("Gatehouse <no-reply@gatehouse.test>"),
  /** Delivery attempts before a message is marked failed. */
  MAIL_MAX_ATTEMPTS: int(8, 1, 100),
  /** First retry delay; each further retry doubles it. */
  MAIL_RETRY_BASE_SECONDS: int(5, 1, 3600),
  /** How long one provider call may take before it counts as failed and is retried. */
  MAIL_SEND_TIMEOUT_MS: int(10_000, 100, 120_000),
  /** How often the sweeper looks for due messages. */
  MAIL_SWEEP_INTERVAL_SECONDS: int(5, 1, 3600),

  /** Audit events older than this many days are deleted (lib/audit/retention.ts). */
  AUDIT_RETENTION_DAYS: int(400, 1, 36_500),
  /** Most events one purge statement deletes: each batch is a short transaction, so writes never wait long. */
  AUDIT_PURGE_BATCH: int(5000, 100, 100_000),
  /** How often each instance looks for expired audit events. */
  AUDIT_PURGE_INTERVAL_SECONDS: int(3600, 10, 86_400),

  /** Largest CSV file an import accepts, in bytes (next.config.ts lets server actions carry it). */
  IMPORT_MAX_BYTES: int(10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  /** Rows an import writes per transaction: a killed instance loses at most one batch, which the next runner redoes. */
  IMPORT_BATCH_SIZE: int(200, 1, 5000),
  /** How long a runner holds an import before another instance may take it over. */
  IMPORT_LEASE_SECONDS: int(30, 2, 3600),
  /** How often each instance looks for a queued import (a confirm also starts one at once). */
  IMPORT_POLL_SECONDS: int(5, 1, 3600),
  /** Rest between two batches of an import, so a large one leaves the database to sign-ins. */
  IMPORT_BATCH_PAUSE_MS: int(0, 0, 60_000),
  /** Hours an unconfirmed import preview (a file's rows) is kept before it is deleted. */
  IMPORT_PREVIEW_TTL_HOURS: int(24, 1, 720),
  /** Requests one management API key may make per window (/api/v1). */
  API_KEY_RATE_LIMIT: int(600, 1, 1_000_000),
  API_KEY_RATE_WINDOW_SECONDS: int(60, 1, 86400),
  /** How long the first answer to a POST with an Idempotency-Key is kept for replays. */
  IDEMPOTENCY_TTL_HOURS: int(24, 1, 24 * 30),

  /** `Retry-After` of the 503 answered while the database cannot be reached. */
  UNAVAILABLE_RETRY_AFTER_SECONDS: int(30, 1, 3600),
  /** While the database is unreachable, how often one background query checks whether it is back. */
  DATABASE_PROBE_INTERVAL_MS: int(1000, 100, 60_000),
  DATABASE_CONNECT_TIMEOUT_SECONDS: int(10, 1, 300),
});

export type Env = z.infer<typeof EnvSchema>;

function parseEnv(): Env {
  // An empty variable (`DATABASE_URL=`) means "not set", as in most tools.
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const result = EnvSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Gatehouse: invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

export const env: Env = parseEnv();

export const isProduction = env.NODE_ENV === "production";

type Secrets = { authSecret: string; tokenHmacSecret: string };
let secrets: Secrets | undefined;

/**
 * The signing and HMAC keys. Outside production a missing key is generated once and kept
 * under DATA_DIR so sessions survive restarts; in production both must be set.
 */
export function getSecrets(): Secrets {
  if (secrets) return secrets;
  if (env.AUTH_SECRET && env.TOKEN_HMAC_SECRET) {
    secrets = { authSecret: env.AUTH_SECRET, tokenHmacSecret: env.TOKEN_HMAC_SECRET };
    return secrets;
  }
  if (isProduction) {
    const missing = ["AUTH_SECRET", "TOKEN_HMAC_SECRET"].filter((k) => !process.env[k]);
    throw new Error(
      `Gatehouse: ${missing.join(" and ")} must be set in production (at least 32 characters each; ` +
        "generate one with `openssl rand -base64 32`).",
    );
  }
  const file = path.resolve(env.DATA_DIR, "secrets.json");
  let stored: Partial<Secrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, "utf8")) as Partial<Secrets>;
  const next: Secrets = {
    authSecret: env.AUTH_SECRET ?? stored.authSecret ?? randomBytes(32).toString("base64url"),
    tokenHmacSecret:
      env.TOKEN_HMAC_SECRET ?? stored.tokenHmacSecret ?? randomBytes(32).toString("base64url"),
  };
  if (next.authSecret !== stored.authSecret || next.tokenHmacSecret !== stored.tokenHmacSecret) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(next), { mode: 0o600 });
  }
  secrets = next;
  return secrets;
}

/** Which mail transport is in force. */
export function mailTransportKind(): "dev" | "resend" | "none" {
  if (env.MAIL_TRANSPORT) return env.MAIL_TRANSPORT;
  if (env.RESEND_API_KEY) return "resend";
  return isProduction ? "none" : "dev";
}
