import "server-only";
import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { getDb } from "@/lib/infra/database";
import { idempotencyKeys } from "@/db/schema";
import { env } from "@/lib/infra/env";

/**
 * `Idempotency-Key` on POST (as Stripe and the IETF draft define it): the first request with a
 * key is run and its answer kept for IDEMPOTENCY_TTL_HOURS; a replay with the same request gets
 * that answer again and changes nothing; the same key with another request is refused.
 */

export const IDEMPOTENCY_TTL_HOURS = env.IDEMPOTENCY_TTL_HOURS;

/** 1–255 visible ASCII characters (a UUID is the usual choice). */
export function isValidIdempotencyKey(key: string): boolean {
  return /^[\x21-\x7e]{1,255}$/.test(key);
}

export function fingerprintOf(method: string, path: string, body: Uint8Array): string {
  return createHash("sha256").update(method).update("\n").update(path).update("\n").update(body).digest("hex");
}

export type Reservation =
  | { state: "new" }
  | { state: "replay"; status: number; body: unknown }
  | { state: "mismatch" }
  | { state: "in_progress" };

/**
 * Claims the key for this request, or tells what an earlier request with it did. The insert
 * decides between two racing requests: only one claims it, the other sees it in progress.
 */
export async function reserveIdempotencyKey(apiKeyId: string, key: string, fingerprint: string): Promise<Reservation> {
  const db = await getDb();
  const now = new Date();
  // An expired claim is free again: the answer it kept is past its promise.
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key), lt(idempotencyKeys.expiresAt, now)));
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ apiKeyId, key, fingerprint, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_HOURS * 3_600_000) })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length) return { state: "new" };
  const [row] = await db
    .select({ fingerprint: idempotencyKeys.fingerprint, status: idempotencyKeys.status, body: idempotencyKeys.body })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key)));
  if (!row) return { state: "in_progress" };
  if (row.fingerprint !== fingerprint) return { state: "mismatch" };
  if (row.status === null) return { state: "in_progress" };
  return { state: "replay", status: row.status, body: row.body };
}

/** Keeps the answer for replays. */
export async function completeIdempotencyKey(apiKeyId: string, key: string, status: number, body: unknown): Promise<void> {
  const db = await getDb();
  await db
    .update(idempotencyKeys)
    .set({ status, body: sql`${JSON.stringify(body ?? null)}::jsonb` })
    .where(and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key)));
}

/** Frees the key when the request failed on our side: a retry runs it afresh. */
export async function releaseIdempotencyKey(apiKeyId: string, key: string): Promise<void> {
  const db = await getDb();
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key)));
}

/** Drops answers past their lifetime (the retention sweep calls it). */
export async function purgeExpiredIdempotencyKeys(): Promise<number> {
  const db = await getDb();
  const gone = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, new Date())).returning({ key: idempotencyKeys.key });
  return gone.length;
}

const sweeper: { timer?: ReturnType<typeof setInterval> } = {};

/** Each instance drops expired answers hourly; an outage just skips a round. */
export function startIdempotencyPurger(): void {
  if (sweeper.timer) return;
  sweeper.timer = setInterval(() => void purgeExpiredIdempotencyKeys().catch(() => undefined), 3_600_000);
  sweeper.timer.unref();
}
