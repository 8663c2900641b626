import "server-only";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { getDb, type Db } from "@/lib/infra/database";
import { rateLimits } from "@/db/schema";
import { env } from "@/lib/infra/env";

/**
 * Budgets kept in PostgreSQL (rate-limiter-flexible's Drizzle store), so every app instance
 * on the same database spends from the same budget.
 */
export const RATE_LIMITS = {
  /** Sign-in attempts per client IP, any usernames. */
  signInPerIp: { points: env.SIGNIN_IP_LIMIT, duration: env.SIGNIN_IP_WINDOW_SECONDS },
  /** "Is this a valid username?" checks on the login page, per client IP. */
  usernameCheckPerIp: { points: env.USERNAME_CHECK_IP_LIMIT, duration: 15 * 60 },
  /** Reset requests (login dialog, Forgot Password) per client IP. */
  resetRequestPerIp: { points: env.RESET_REQUEST_IP_LIMIT, duration: 15 * 60 },
  /** Reset emails per account per hour, whoever asks. */
  resetEmailsPerAccount: { points: env.RESET_EMAILS_PER_HOUR, duration: 3600 },
  /** 6-digit code submissions per client IP. */
  codeEntryPerIp: { points: env.CODE_ENTRY_IP_LIMIT, duration: 15 * 60 },
  /** Storefront sign-in attempts per client IP, any usernames. */
  contactSignInPerIp: { points: env.CONTACT_SIGNIN_IP_LIMIT, duration: 15 * 60 },
  /** Storefront sign-in attempts per organization + username, known or not. */
  contactSignInPerUsername: { points: env.CONTACT_SIGNIN_USERNAME_LIMIT, duration: 15 * 60 },
  /** "Forgot Your Password" requests per client IP. */
  contactResetRequestPerIp: { points: env.CONTACT_RESET_IP_LIMIT, duration: 15 * 60 },
  /** Temporary-password emails per organization + username per hour, whoever asks. */
  contactResetEmailsPerUsername: { points: env.CONTACT_RESET_EMAILS_PER_HOUR, duration: 3600 },
  /** Management API requests per API key (/api/v1). */
  apiKeyRequests: { points: env.API_KEY_RATE_LIMIT, duration: env.API_KEY_RATE_WINDOW_SECONDS },
} as const satisfies Record<string, { points: number; duration: number }>;

export type RateLimitName = keyof typeof RATE_LIMITS;

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

const limiters = new WeakMap<Db, Map<RateLimitName, RateLimiterDrizzle>>();

function limiter(db: Db, name: RateLimitName): RateLimiterDrizzle {
  let byName = limiters.get(db);
  if (!byName) limiters.set(db, (byName = new Map()));
  let found = byName.get(name);
  if (!found) {
    found = new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      keyPrefix: name,
      ...RATE_LIMITS[name],
      clearExpiredByTimeout: false,
    });
    byName.set(name, found);
  }
  return found;
}

/**
 * Every request whose client address could not be determined spends from this one key: an
 * unknown address is limited together, never unlimited.
 */
export const UNKNOWN_CLIENT_KEY = "unknown-client";

/** A budget's state after spending from it, for RateLimit headers: points left and seconds until the window resets. */
export type RateLimitState = { ok: boolean; limit: number; remaining: number; resetSeconds: number };

/** consumeRateLimit, telling how much is left (the management API reports it in its headers). */
export async function consumeRateLimitState(name: RateLimitName, key: string): Promise<RateLimitState> {
  const limit = RATE_LIMITS[name].points;
  try {
    const res = await limiter(await getDb(), name).consume(key.toLowerCase());
    return { ok: true, limit, remaining: res.remainingPoints, resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      return { ok: false, limit, remaining: 0, resetSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    }
    throw error;
  }
}

/** Spends one point of `name`'s budget for `key`; a missing key shares UNKNOWN_CLIENT_KEY's. */
export async function consumeRateLimit(
  name: RateLimitName,
  key: string | null | undefined,
): Promise<RateLimitResult> {
  try {
    await limiter(await getDb(), name).consume((key || UNKNOWN_CLIENT_KEY).toLowerCase());
    return { ok: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    }
    throw error;
  }
}
