import "server-only";
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/infra/database";
import { apiKeys, apiKeyScopes, type ApiKeyScope } from "@/db/schema";
import { recordAudit } from "@/lib/audit/events";
import { digestToken } from "@/lib/credentials/tokens";
import { SESSION_POLICY } from "@/lib/sessions/records";
import type { RequestMeta } from "@/lib/web/request-context";
import { isUuid, textField } from "@/lib/web/schemas";
import { API_KEY_COPY } from "@/lib/copy/management-api";

/**
 * Management API keys (/api/v1): one organization's, made by its admins in Settings. The
 * secret is `gh_live_` and 43 base64url characters (32 random bytes); it is shown once and only
 * its HMAC digest (TOKEN_HMAC_SECRET, as for app tokens) is kept, with its first characters as a
 * prefix an admin can recognise it by.
 */

export const API_KEY_SECRET_PREFIX = "gh_live_";
/** Characters of the random part shown in the prefix: enough to tell keys apart, far too few to guess the rest. */
const VISIBLE_CHARACTERS = 6;
export const MAX_API_KEY_NAME_LENGTH = 100;
/** Keys one organization may hold that are not revoked: a bound on what a leaked admin session can mint. */
export const MAX_LIVE_API_KEYS = 50;

export function isWellFormedApiKey(secret: string): boolean {
  return /^gh_live_[A-Za-z0-9_-]{43}$/.test(secret);
}

/** Create API key: a name, its scopes (read, and write), an optional expiry date. */
export const apiKeyInputSchema = z.object({
  name: textField("The name", { error: API_KEY_COPY.enterName })
    .trim()
    .min(1, API_KEY_COPY.enterName)
    .max(MAX_API_KEY_NAME_LENGTH, API_KEY_COPY.nameTooLong(MAX_API_KEY_NAME_LENGTH)),
  access: z.enum(["read", "write"], API_KEY_COPY.chooseAccess),
  expiresOn: z
    .string(API_KEY_COPY.notADate)
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const date = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T23:59:59.999Z`) : new Date(Number.NaN);
      if (Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: "custom", message: API_KEY_COPY.notADate });
        return z.NEVER;
      }
      if (date.getTime() <= Date.now()) {
        ctx.addIssue({ code: "custom", message: API_KEY_COPY.dateInPast });
        return z.NEVER;
      }
      return date;
    }),
});
export type ApiKeyInput = z.infer<typeof apiKeyInputSchema>;

/** A write key can read too: "write" is the scope set read + write. */
export function scopesFor(access: ApiKeyInput["access"]): ApiKeyScope[] {
  return access === "write" ? ["read", "write"] : ["read"];
}

export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
};

const summaryColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  lastUsedAt: apiKeys.lastUsedAt,
  lastUsedIp: apiKeys.lastUsedIp,
};

type Admin = { id: string; organizationId: string };

export type CreateApiKeyResult =
  | { ok: true; key: ApiKeySummary; secret: string }
  | { ok: false; reason: "too_many_keys" };

/** Makes a key; the returned secret is the only copy there will ever be. */
export async function createApiKey(admin: Admin, input: ApiKeyInput, meta: RequestMeta): Promise<CreateApiKeyResult> {
  const random = randomBytes(32).toString("base64url");
  const secret = `${API_KEY_SECRET_PREFIX}${random}`;
  const scopes = scopesFor(input.access);
  const db = await getDb();
  return db.transaction(async (tx) => {
    // One admin's two clicks at once must not both pass the count.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`api-keys:${admin.organizationId}`}))`);
    const [live] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(apiKeys)
      .where(and(eq(apiKeys.organizationId, admin.organizationId), isNull(apiKeys.revokedAt)));
    if (Number(live?.n ?? 0) >= MAX_LIVE_API_KEYS) return { ok: false, reason: "too_many_keys" } as const;
    const [key] = await tx
      .insert(apiKeys)
      .values({
        organizationId: admin.organizationId,
        name: input.name,
        prefix: secret.slice(0, API_KEY_SECRET_PREFIX.length + VISIBLE_CHARACTERS),
        secretHash: digestToken(secret),
        scopes,
        createdBy: admin.id,
        expiresAt: input.expiresOn,
      })
      .returning(summaryColumns);
    await recordAudit(tx, {
      action: "api_key.created",
      organizationId: admin.organizationId,
      actor: { type: "user", id: admin.id },
      target: { type: "api_key", id: key!.id },
      meta,
      details: { name: input.name, scopes, expiresAt: input.expiresOn?.toISOString() ?? null },
    });
    return { ok: true, key: key!, secret } as const;
  });
}

/** The organization's keys, newest first, revoked ones too (Settings shows when each ended). */
export async function listApiKeys(organizationId: string): Promise<ApiKeySummary[]> {
  const db = await getDb();
  return db.select(summaryColumns).from(apiKeys).where(eq(apiKeys.organizationId, organizationId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Revokes a key at once: its next request is refused. Another organization's key is not found. */
export async function revokeApiKey(admin: Admin, keyId: string, meta: RequestMeta): Promise<{ ok: true } | { ok: false; reason: "not_found" }> {
  if (!isUuid(keyId)) return { ok: false, reason: "not_found" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [key] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.organizationId, admin.organizationId), isNull(apiKeys.revokedAt)))
      .returning({ name: apiKeys.name });
    if (!key) {
      const [exists] = await tx
        .select({ id: apiKeys.id })
        .from(apiKeys)
        .where(and(eq(apiKeys.id, keyId), eq(apiKeys.organizationId, admin.organizationId)));
      return exists ? ({ ok: true } as const) : ({ ok: false, reason: "not_found" } as const);
    }
    await recordAudit(tx, {
      action: "api_key.revoked",
      organizationId: admin.organizationId,
      actor: { type: "user", id: admin.id },
      target: { type: "api_key", id: keyId },
      meta,
      details: { name: key.name },
    });
    return { ok: true } as const;
  });
}

/** The key a request authenticated with: who acts and what it may do. */
export type AuthenticatedKey = { id: string; organizationId: string; name: string; scopes: ApiKeyScope[] };

export type ApiKeyAuthResult = { ok: true; key: AuthenticatedKey } | { ok: false; reason: "missing" | "unknown" | "revoked" | "expired" };

/**
 * Checks a presented secret on every request (no cache: a revoked or expired key is refused
 * at once, on every instance), and notes when and from where the key was last used.
 */
export async function authenticateApiKey(secret: string | null, meta: RequestMeta): Promise<ApiKeyAuthResult> {
  if (!secret) return { ok: false, reason: "missing" };
  if (!isWellFormedApiKey(secret)) return { ok: false, reason: "unknown" };
  const db = await getDb();
  const [row] = await db
    .select({
      id: apiKeys.id,
      organizationId: apiKeys.organizationId,
      name: apiKeys.name,
      scopes: apiKeys.scopes,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
      lastUsedIp: apiKeys.lastUsedIp,
    })
    .from(apiKeys)
    .where(eq(apiKeys.secretHash, digestToken(secret)))
    .limit(1);
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return { ok: false, reason: "expired" };
  const stale = !row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > SESSION_POLICY.touchSeconds * 1000;
  if (stale || row.lastUsedIp !== meta.ip) {
    await db.update(apiKeys).set({ lastUsedAt: sql`now()`, lastUsedIp: meta.ip }).where(eq(apiKeys.id, row.id));
  }
  const scopes = row.scopes.filter((s): s is ApiKeyScope => (apiKeyScopes as readonly string[]).includes(s));
  return { ok: true, key: { id: row.id, organizationId: row.organizationId, name: row.name, scopes } };
}
