import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/lib/infra/database";
import { contacts, importJobs, importRows, organizations, retailers, users } from "@/db/schema";
import { auditActorOf, recordAudit } from "@/lib/audit/events";
import { usernameIs } from "@/lib/contacts/accounts";
import { addContactIn, editContactIn, type RetailerOfContact } from "@/lib/contacts/provisioning";
import { prepareWelcome, type PreparedWelcome } from "@/lib/contacts/website-access";
import { env } from "@/lib/infra/env";
import { isUniqueViolation } from "@/lib/infra/unique-violation";
import { addUserIn, editUserIn, type Actor } from "@/lib/staff/admin";
import type { RequestMeta } from "@/lib/web/request-context";
import { retailerIs } from "@/lib/retailers/retailers";
import { usernameKeyOf } from "@/lib/imports/validate";
import { existingContactUsernames, type ContactData, type StaffData } from "@/lib/imports/preview";

/**
 * Running a confirmed import: runImportBatch, called by the runner of any instance holding the
 * job's lease, applies one batch of rows in one transaction that also moves the job's cursor, so
 * a batch is done once or not at all. Each row goes through the console's own verbs
 * (addContactIn, editContactIn, addUserIn, editUserIn).
 */

export const IMPORT_RUN = {
  batchSize: env.IMPORT_BATCH_SIZE,
  leaseSeconds: env.IMPORT_LEASE_SECONDS,
  pauseMs: env.IMPORT_BATCH_PAUSE_MS,
} as const;

type Instance = { id?: string };
const instance: Instance = ((globalThis as { __gatehouseImportInstance?: Instance }).__gatehouseImportInstance ??= {});
/** This process's name on the leases it holds. */
export const runnerId = () => (instance.id ??= randomUUID());

/**
 * Takes the oldest queued import, or a running one whose runner's lease ran out (that instance
 * died or stalled), for this runner. An import whose admin no longer exists has no actor for
 * its changes and is left alone. Several instances may ask at once: SKIP LOCKED gives
 * each a different job or none.
 */
export async function claimImport(owner = runnerId()): Promise<string | null> {
  const db = await getDb();
  const result = await db.execute(sql`
    update import_jobs
       set status = 'running', locked_by = ${owner},
           locked_until = now() + make_interval(secs => ${IMPORT_RUN.leaseSeconds}),
           started_at = coalesce(started_at, now())
     where id = (
       select id from import_jobs
        where status in ('queued', 'running')
          and (created_by is not null or created_by_api_key is not null)
          and (locked_until is null or locked_until < now())
        order by created_at
        limit 1
        for update skip locked)
    returning id`);
  const rows = (Array.isArray(result) ? result : ((result as { rows?: { id: string }[] }).rows ?? [])) as { id: string }[];
  return rows[0]?.id ?? null;
}

type RowOutcome = { outcome: "created" | "updated" | "unchanged" | "failed"; reason?: string; welcomeSent?: boolean };

async function applyContactRow(
  tx: Tx,
  actor: Actor,
  org: { name: string; slug: string },
  data: ContactData,
  welcome: PreparedWelcome | null,
  meta: RequestMeta,
): Promise<RowOutcome> {
  const [current] = await tx.select({ id: contacts.id }).from(contacts).where(usernameIs(actor.organizationId, data.username)).limit(1);
  if (current) {
    const result = await editContactIn(tx, actor, current.id, { name: data.name, username: data.username, email: data.email }, meta);
    if (!result.ok) return { outcome: "failed", reason: result.reason };
    return { outcome: result.changed.length ? "updated" : "unchanged" };
  }
  const [retailer] = data.retailerId
    ? await tx
        .select({ id: retailers.id })
        .from(retailers)
        .where(retailerIs(actor.organizationId, data.retailerId))
        // As addContact: a retailer being removed either counts this contact or is gone for it.
        .for("share")
    : [];
  if (!retailer) return { outcome: "failed", reason: "retailer_not_found" };
  const of: RetailerOfContact = { id: retailer.id, organizationName: org.name, organizationSlug: org.slug };
  const input = { name: data.name, username: data.username, email: data.email, websiteAccess: data.websiteAccess };
  const result = await addContactIn(tx, actor, of, input, welcome, meta);
  if (!result.ok) return { outcome: "failed", reason: result.reason };
  return { outcome: "created", welcomeSent: result.welcome === "sent" };
}

async function applyStaffRow(tx: Tx, actor: Actor, data: StaffData, invite: boolean, meta: RequestMeta): Promise<RowOutcome> {
  const [current] = await tx
    .select({ id: users.id, organizationId: users.organizationId })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${data.username})`)
    .limit(1);
  const input = { displayName: data.displayName, username: data.username, emailTo: data.emailTo, userType: data.userType };
  if (current && current.organizationId !== actor.organizationId) return { outcome: "failed", reason: "username_taken" };
  if (current) {
    const result = await editUserIn(tx, actor, current.id, input, meta);
    if (!result.ok) return { outcome: "failed", reason: result.reason };
    return { outcome: result.changed.length ? "updated" : "unchanged" };
  }
  const result = await addUserIn(tx, actor, input, meta, { invite });
  if (!result.ok) return { outcome: "failed", reason: result.reason };
  return { outcome: "created", welcomeSent: result.invited };
}

/** Welcomes for the batch's new contacts with website access, prepared before its transaction (argon2 is slow). */
async function prepareWelcomes(organizationId: string, rows: { rowNumber: number; data: ContactData }[]): Promise<Map<number, PreparedWelcome>> {
  const wanting = rows.filter((r) => r.data.websiteAccess);
  const existing = await existingContactUsernames(await getDb(), organizationId, wanting.map((r) => usernameKeyOf(r.data.username)));
  const out = new Map<number, PreparedWelcome>();
  for (const row of wanting) {
    if (!existing.has(usernameKeyOf(row.data.username))) out.set(row.rowNumber, await prepareWelcome(organizationId, row.data.username));
  }
  return out;
}

export type BatchResult = { status: "more" | "done" | "lost"; rows: number; emailsQueued: number };

/**
 * Applies the next batch of a job this runner holds, in one transaction with the cursor and the
 * counts, and renews the lease. "lost": another runner took the job over (this one stalled past
 * its lease); nothing was written. The last batch also finishes the job and records
 * import.completed.
 */
export async function runImportBatch(jobId: string, owner = runnerId(), batchSize = IMPORT_RUN.batchSize): Promise<BatchResult> {
  const db = await getDb();
  const [peek] = await db
    .select({ kind: importJobs.kind, cursor: importJobs.cursor, sendWelcome: importJobs.sendWelcome, organizationId: importJobs.organizationId })
    .from(importJobs)
    .where(eq(importJobs.id, jobId));
  if (!peek) return { status: "lost", rows: 0, emailsQueued: 0 };
  const nextRows = () =>
    db
      .select({ rowNumber: importRows.rowNumber, data: importRows.data })
      .from(importRows)
      .where(and(eq(importRows.jobId, jobId), gt(importRows.rowNumber, peek.cursor)))
      .orderBy(asc(importRows.rowNumber))
      .limit(batchSize);
  const welcomes =
    peek.kind === "contacts" && peek.sendWelcome ? await prepareWelcomes(peek.organizationId, (await nextRows()) as { rowNumber: number; data: ContactData }[]) : new Map<number, PreparedWelcome>();

  return db.transaction(async (tx) => {
    const [job] = await tx
      .select({
        status: importJobs.status,
        kind: importJobs.kind,
        lockedBy: importJobs.lockedBy,
        cursor: importJobs.cursor,
        sendWelcome: importJobs.sendWelcome,
        organizationId: importJobs.organizationId,
        createdBy: importJobs.createdBy,
        createdByApiKey: importJobs.createdByApiKey,
        ip: importJobs.confirmedIp,
        userAgent: importJobs.confirmedUserAgent,
        totalRows: importJobs.totalRows,
      })
      .from(importJobs)
      .where(eq(importJobs.id, jobId))
      .for("update");
    const actor: Actor | null = job?.createdBy
      ? { id: job.createdBy, organizationId: job.organizationId, kind: "user" }
      : job?.createdByApiKey
        ? { id: job.createdByApiKey, organizationId: job.organizationId, kind: "api_key" }
        : null;
    if (!job || job.status !== "running" || job.lockedBy !== owner || !actor) return { status: "lost", rows: 0, emailsQueued: 0 } as const;
    // The welcomes were prepared for the rows after the cursor as it was read; moved since, try again.
    if (job.cursor !== peek.cursor) return { status: "more", rows: 0, emailsQueued: 0 } as const;
    const meta: RequestMeta = { ip: job.ip, userAgent: job.userAgent };
    const [org] = await tx.select({ name: organizations.name, slug: organizations.slug }).from(organizations).where(eq(organizations.id, job.organizationId));
    const rows = await tx
      .select({ rowNumber: importRows.rowNumber, data: importRows.data })
      .from(importRows)
      .where(and(eq(importRows.jobId, jobId), gt(importRows.rowNumber, job.cursor)))
      .orderBy(asc(importRows.rowNumber))
      .limit(batchSize);
    const outcomes: { row_number: number; outcome: string; reason: string | null }[] = [];
    const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
    let emailsQueued = 0;
    for (const row of rows) {
      // A savepoint per row: a row refused by the database (a username taken a moment ago) fails alone.
      let result: RowOutcome;
      try {
        result = await tx.transaction((sp) =>
          job.kind === "contacts"
            ? applyContactRow(sp, actor, org!, row.data as ContactData, job.sendWelcome ? (welcomes.get(row.rowNumber) ?? null) : null, meta)
            : applyStaffRow(sp, actor, row.data as StaffData, job.sendWelcome, meta),
        );
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        result = { outcome: "failed", reason: "username_taken" };
      }
      counts[result.outcome]++;
      if (result.welcomeSent) emailsQueued++;
      outcomes.push({ row_number: row.rowNumber, outcome: result.outcome, reason: result.reason ?? null });
    }
    if (outcomes.length) {
      await tx.execute(sql`
        update import_rows r set outcome = v.outcome::import_outcome, reason = v.reason
          from jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb) as v(row_number int, outcome text, reason text)
         where r.job_id = ${jobId} and r.row_number = v.row_number`);
    }
    const finished = rows.length < batchSize;
    const cursor = rows.at(-1)?.rowNumber ?? job.cursor;
    await tx
      .update(importJobs)
      .set({
        cursor,
        created: sql`${importJobs.created} + ${counts.created}`,
        updated: sql`${importJobs.updated} + ${counts.updated}`,
        unchanged: sql`${importJobs.unchanged} + ${counts.unchanged}`,
        failed: sql`${importJobs.failed} + ${counts.failed}`,
        ...(finished
          ? { status: "done" as const, finishedAt: new Date(), lockedBy: null, lockedUntil: null }
          : { lockedUntil: sql`now() + make_interval(secs => ${IMPORT_RUN.leaseSeconds})` }),
      })
      .where(eq(importJobs.id, jobId));
    if (finished) {
      const [totals] = await tx
        .select({ created: importJobs.created, updated: importJobs.updated, unchanged: importJobs.unchanged, failed: importJobs.failed })
        .from(importJobs)
        .where(eq(importJobs.id, jobId));
      await recordAudit(tx, {
        action: "import.completed",
        organizationId: job.organizationId,
        actor: auditActorOf(actor),
        target: { type: "organization", id: job.organizationId },
        meta,
        details: { importId: jobId, kind: job.kind, rows: job.totalRows, ...totals, emailsRequested: job.sendWelcome },
      });
    }
    return { status: finished ? "done" : "more", rows: rows.length, emailsQueued } as const;
  });
}

/** Runs one claimed job batch after batch until it is done, lost, or `shouldStop` says so. */
export async function runImport(jobId: string, options: { owner?: string; shouldStop?: () => boolean; batchSize?: number } = {}): Promise<BatchResult["status"] | "stopped"> {
  for (;;) {
    if (options.shouldStop?.()) return "stopped";
    const result = await runImportBatch(jobId, options.owner, options.batchSize);
    if (result.status !== "more") return result.status;
    if (IMPORT_RUN.pauseMs) await new Promise((resolve) => setTimeout(resolve, IMPORT_RUN.pauseMs));
  }
}

/** Every import still to run, claimed and run in turn by this process; returns how many finished. */
export async function runQueuedImports(options: { owner?: string; shouldStop?: () => boolean } = {}): Promise<number> {
  let finished = 0;
  for (;;) {
    if (options.shouldStop?.()) return finished;
    const jobId = await claimImport(options.owner);
    if (!jobId) return finished;
    if ((await runImport(jobId, options)) === "done") finished++;
  }
}
