import "server-only";
import { and, count, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Executor } from "@/lib/infra/database";
import { contacts, retailers } from "@/db/schema";
import { auditActorOf, recordAudit, type Actor } from "@/lib/audit/events";
import { likePattern } from "@/lib/contacts/search";
import { isUniqueViolation } from "@/lib/infra/unique-violation";
import type { RequestMeta } from "@/lib/web/request-context";
import { isUuid, pageNumberField, searchQueryField, textField } from "@/lib/web/schemas";
import { PROVISIONING_FIELD_COPY as FIELD } from "@/lib/copy/provisioning";

/**
 * An organization's retailers (the shops its contacts work for): the Management Portal lists,
 * creates and renames them. Every verb takes the acting organization and filters on it, so
 * another company's retailer id is simply not found. Verbs return reasons, never sentences,
 * so the console, an import and an API can each word them.
 */

export type { Actor } from "@/lib/audit/events";

export const MAX_RETAILER_NAME_LENGTH = 200;
export const MAX_ACCOUNT_CODE_LENGTH = 50;

/** Add retailer / Edit retailer: a name, and an optional account code (empty means none). */
export const retailerInputSchema = z.object({
  name: textField("The name", { error: FIELD.enterRetailerName })
    .trim()
    .min(1, FIELD.enterRetailerName)
    .max(MAX_RETAILER_NAME_LENGTH, FIELD.retailerNameTooLong(MAX_RETAILER_NAME_LENGTH)),
  code: textField("The account code")
    .trim()
    .max(MAX_ACCOUNT_CODE_LENGTH, FIELD.accountCodeTooLong(MAX_ACCOUNT_CODE_LENGTH))
    .optional()
    .transform((v) => (v ? v : null)),
});
export type RetailerInput = z.infer<typeof retailerInputSchema>;

export type RetailerResult<T = object> = ({ ok: true } & T) | { ok: false; reason: "not_found" | "code_taken" };

/** Retailers not removed: every list, search, picker and verb sees only these. */
export const retailerNotRemoved = isNull(retailers.removedAt);

/** One retailer of the acting organization, by id (not a removed one). */
export function retailerIs(organizationId: string, retailerId: string): SQL {
  return and(eq(retailers.id, retailerId), eq(retailers.organizationId, organizationId), retailerNotRemoved)!;
}

/** Account codes are unique per organization among retailers not removed, whatever their case (retailers_org_code_idx). */
async function codeTaken(ex: Executor, organizationId: string, code: string, exceptId?: string): Promise<boolean> {
  const [row] = await ex
    .select({ id: retailers.id })
    .from(retailers)
    .where(
      and(
        eq(retailers.organizationId, organizationId),
        sql`lower(${retailers.code}) = lower(${code})`,
        retailerNotRemoved,
        exceptId ? sql`${retailers.id} <> ${exceptId}` : undefined,
      ),
    )
    .limit(1);
  return Boolean(row);
}

export async function createRetailer(actor: Actor, input: RetailerInput, meta: RequestMeta): Promise<RetailerResult<{ retailerId: string }>> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      if (input.code && (await codeTaken(tx, actor.organizationId, input.code))) return { ok: false, reason: "code_taken" } as const;
      const [row] = await tx
        .insert(retailers)
        .values({ organizationId: actor.organizationId, name: input.name, code: input.code })
        .returning({ id: retailers.id });
      await recordAudit(tx, {
        action: "retailer.created",
        organizationId: actor.organizationId,
        actor: auditActorOf(actor),
        target: { type: "retailer", id: row!.id },
        meta,
        details: { name: input.name, code: input.code },
      });
      return { ok: true, retailerId: row!.id } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "code_taken" };
    throw error;
  }
}

/** Rename a retailer, or change its account code. */
export async function updateRetailer(actor: Actor, retailerId: string, input: RetailerInput, meta: RequestMeta): Promise<RetailerResult> {
  if (!isUuid(retailerId)) return { ok: false, reason: "not_found" };
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx
        .select({ name: retailers.name, code: retailers.code })
        .from(retailers)
        .where(retailerIs(actor.organizationId, retailerId))
        .for("update");
      if (!current) return { ok: false, reason: "not_found" } as const;
      if (input.code && (await codeTaken(tx, actor.organizationId, input.code, retailerId))) return { ok: false, reason: "code_taken" } as const;
      if (current.name === input.name && current.code === input.code) return { ok: true } as const;
      await tx.update(retailers).set({ name: input.name, code: input.code }).where(eq(retailers.id, retailerId));
      await recordAudit(tx, {
        action: "retailer.updated",
        organizationId: actor.organizationId,
        actor: auditActorOf(actor),
        target: { type: "retailer", id: retailerId },
        meta,
        details: { from: current, to: { name: input.name, code: input.code } },
      });
      return { ok: true } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "code_taken" };
    throw error;
  }
}

export type RemoveRetailerResult =
  | { ok: true; name: string }
  | { ok: false; reason: "not_found" }
  /** Contacts not removed still belong to it: each must be removed first. */
  | { ok: false; reason: "has_contacts"; contactCount: number };

/**
 * Removes a retailer that has no contacts left (removed contacts do not count). The row stays
 * for the audit trail, but it vanishes from every list and search, and its account code is free
 * for another retailer (the unique index covers retailers not removed). Adding a contact locks
 * the retailer's row for share (addContact), so a contact added meanwhile is either counted
 * here or refused there.
 */
export async function removeRetailer(actor: Actor, retailerId: string, meta: RequestMeta): Promise<RemoveRetailerResult> {
  if (!isUuid(retailerId)) return { ok: false, reason: "not_found" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ name: retailers.name, code: retailers.code })
      .from(retailers)
      .where(retailerIs(actor.organizationId, retailerId))
      .for("update");
    if (!current) return { ok: false, reason: "not_found" } as const;
    const contactCount = await countRetailerContacts(tx, actor.organizationId, retailerId);
    if (contactCount > 0) return { ok: false, reason: "has_contacts", contactCount } as const;
    await tx.update(retailers).set({ removedAt: new Date() }).where(eq(retailers.id, retailerId));
    await recordAudit(tx, {
      action: "retailer.removed",
      organizationId: actor.organizationId,
      actor: { type: "user", id: actor.id },
      target: { type: "retailer", id: retailerId },
      meta,
      details: { name: current.name, code: current.code },
    });
    return { ok: true, name: current.name } as const;
  });
}

/** How many contacts (not removed) a retailer of the organization has. */
export async function countRetailerContacts(ex: Executor, organizationId: string, retailerId: string): Promise<number> {
  const [row] = await ex
    .select({ n: count() })
    .from(contacts)
    .where(and(eq(contacts.organizationId, organizationId), eq(contacts.retailerId, retailerId), isNull(contacts.removedAt)));
  return Number(row?.n ?? 0);
}

export type RetailerSummary = { id: string; name: string; code: string | null; createdAt: Date };

/** One retailer of the acting organization, or null (another company's, or not an id: the page answers 404). */
export async function getRetailer(organizationId: string, retailerId: string): Promise<RetailerSummary | null> {
  if (!isUuid(retailerId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ id: retailers.id, name: retailers.name, code: retailers.code, createdAt: retailers.createdAt })
    .from(retailers)
    .where(retailerIs(organizationId, retailerId))
    .limit(1);
  return row ?? null;
}

export const RETAILER_PAGE_SIZE = 20;

export const retailerSearchSchema = z.object({ q: searchQueryField, page: pageNumberField });

export type RetailerListRow = RetailerSummary & { contactCount: number };

export type RetailerSearchResult = { rows: RetailerListRow[]; total: number; page: number; pageSize: number; pageCount: number };

/** One page of the organization's retailers whose name or account code contains `q`, with how many contacts each has. */
export async function searchRetailers(
  organizationId: string,
  q: string,
  options: { page?: number; pageSize?: number; after?: { name: string; id: string } } = {},
): Promise<RetailerSearchResult> {
  const pageSize = Math.min(Math.max(options.pageSize ?? RETAILER_PAGE_SIZE, 1), 100);
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const term = q.trim().slice(0, 100);
  const where = and(
    eq(retailers.organizationId, organizationId),
    retailerNotRemoved,
    term ? or(ilike(retailers.name, likePattern(term)), ilike(retailers.code, likePattern(term))) : undefined,
  );
  const db = await getDb();
  const contactCount = db
    .select({ n: count() })
    .from(contacts)
    .where(and(eq(contacts.retailerId, retailers.id), isNull(contacts.removedAt)));
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: retailers.id,
        name: retailers.name,
        code: retailers.code,
        createdAt: retailers.createdAt,
        contactCount: sql<number>`(${contactCount})::int`,
      })
      .from(retailers)
      .where(and(where, options.after ? sql`(${retailers.name}, ${retailers.id}) > (${options.after.name}, ${options.after.id}::uuid)` : undefined))
      .orderBy(retailers.name, retailers.id)
      .limit(pageSize)
      .offset(options.after ? 0 : (page - 1) * pageSize),
    db.select({ n: count() }).from(retailers).where(where),
  ]);
  const total = Number(counted?.n ?? 0);
  return { rows, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}
