import "server-only";
import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { getSecrets } from "@/lib/infra/env";

/** Bytes of randomness in an emailed link token or an app bearer token. */
export const TOKEN_BYTES = 32;

/** A new link or bearer token: 32 random bytes, base64url. Only its digest is stored. */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** HMAC-SHA256 of a token under TOKEN_HMAC_SECRET: what the database keeps. */
export function digestToken(token: string): string {
  return createHmac("sha256", getSecrets().tokenHmacSecret).update(token).digest("hex");
}

/** A 6-digit code from crypto.randomInt, zero-padded. Stored as an argon2id hash. */
export function newSixDigitCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/** Constant-time comparison of two digests. */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Looks like a token we issued (base64url of 32 bytes); anything else is not looked up. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
