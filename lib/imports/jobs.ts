import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import { getDb, type Executor, type Tx } from "@/lib/infra/database";
import { contacts, importJobs, importRows, organizations, retailers, users } from "@/db/schema";
import { auditActorOf, recordAudit } from "@/lib/audit/events";
import { usernameIs } from "@/lib/contacts/accounts";
import { addContactIn, editContactIn, type RetailerOfContact } from "@/lib/contacts/provisioning";
import { prepareWelcome, type PreparedWelcome } from "@/lib/contacts/website-access";
import { env } from "@/lib/infra/env";
import { isUniqueViolation } from "@/lib/infra/unique-violation";
import { getLicenceUsage } from "@/lib/organizations/licences";
import { addUserIn, editUserIn, type Actor } from "@/lib/staff/admin";
import type { RequestMeta } from "@/lib/web/request-context";
import { isUuid } from "@/lib/web/schemas";
import { parseImportFile, type FileRefusal } from "@/lib/imports/parse";
import { retailerIs, retailerNotRemoved } from "@/lib/retailers/retailers";
import {
  checkContactRow,
  checkStaffRow,
  IMPORT_COLUMNS,
  usernameKeyOf,
  type ContactRow,
  type ImportKind,
  type RowProblem,
  type StaffRow,
} from "@/lib/imports/validate";

/**
 * CSV imports as jobs in the database. previewImport parses and checks every row and stores
 * them (nothing else is written); confirmImport queues the job; runImportBatch, called by the
 * runner of any instance holding the job's lease, applies one batch of rows in one transaction
 * that also moves the job's cursor, so a batch is done once or not at all. Each row goes
 * through the console's own verbs (addContactIn, editContactIn, addUserIn, editUserIn).
 */

export const IMPORT_RUN = {
  batchSize: env.IMPORT_BATCH_SIZE,
  leaseSeconds: env.IMPORT_LEASE_SECONDS,
  pauseMs: env.IMPORT_BATCH_PAUSE_MS,
} as const;

/** Rows per statement when storing a preview or reading usernames: bounded bind parameters. */
const CHUNK = 500;

type ContactData = ContactRow & { retailerId: string | null };
type StaffData = StaffRow;

export type PreviewResult = { ok: true; jobId: string } | ({ ok: false } & FileRefusal);

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Checked = { rowNumber: number; username: string; data: Record<string, unknown>; problems: (RowProblem & { firstRow?: number })[] };

/** Retailers named in the file, by account code first (unique), then by name (which may not be). */
async function resolveRetailers(db: Executor, organizationId: string, values: string[]) {
  const keys = [...new Set(values.map((v) => v.toLowerCase()))];
  const found: { id: string; name: string; code: string | null }[] = [];
  for (const part of chunks(keys)) {
    found.push(
      ...(await db
        .select({ id: retailers.id, name: retailers.name, code: retailers.code })
        .from(retailers)
        .where(
          and(eq(retailers.organizationId, organizationId), retailerNotRemoved, sql`(lower(${retailers.code}) in ${part} or lower(${retailers.name}) in ${part})`),
        )),
    );
  }
  return (value: string): { id: string } | "retailer_not_found" | "retailer_ambiguous" => {
    const key = value.toLowerCase();
    const byCode = found.find((r) => r.code?.toLowerCase() === key);
    if (byCode) return byCode;
    const byName = found.filter((r) => r.name.toLowerCase() === key);
    if (byName.length > 1) return "retailer_ambiguous";
    return byName[0] ?? "retailer_not_found";
  };
}

/** Lower-cased usernames of the file that name an existing contact of the organization. */
async function existingContactUsernames(db: Executor, organizationId: string, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(keys)) {
    const rows = await db
      .select({ key: sql<string>`lower(${contacts.username})` })
      .from(contacts)
      .where(and(eq(contacts.organizationId, organizationId), sql`${contacts.removedAt} is null`, sql`lower(${contacts.username}) in ${part}`));
    for (const r of rows) out.add(r.key);
  }
  return out;
}

/** Staff usernames are unique across organizations: who holds each of the file's. */
async function existingStaff(db: Executor, keys: string[]) {
  const out = new Map<string, { id: string; organizationId: string }>();
  for (const part of chunks(keys)) {
    const rows = await db
      .select({ key: sql<string>`lower(${users.username})`, id: users.id, organizationId: users.organizationId })
      .from(users)
      .where(sql`lower(${users.username}) in ${part}`);
    for (const r of rows) out.set(r.key, { id: r.id, organizationId: r.organizationId });
  }
  return out;
}

type CheckedFile = { ok: true; rows: Checked[]; problemRows: number; plannedCreates: number };

/**
 * Parses the file and checks every row (the verbs' own schemas, duplicates in the file, the
 * database's retailers and usernames) without writing anything. A file refused as a whole says why.
 */
async function checkImport(actor: Actor, kind: ImportKind, bytes: Uint8Array): Promise<CheckedFile | ({ ok: false } & FileRefusal)> {
  const parsed = parseImportFile(bytes, IMPORT_COLUMNS[kind]);
  if (!parsed.ok) return parsed;
  const db = await getDb();
  const organizationId = actor.organizationId;
  const firstRowOf = new Map<string, number>();
  const checked: Checked[] = parsed.rows.map(({ rowNumber, values }) => {
    const result = kind === "contacts" ? checkContactRow(values) : checkStaffRow(values);
    const username = (values.username ?? "").trim();
    const problems: Checked["problems"] = result.ok ? [] : [...result.problems];
    const key = usernameKeyOf(username);
    if (key) {
      const first = firstRowOf.get(key);
      if (first !== undefined && !problems.some((p) => p.field === "username")) problems.push({ field: "username", reason: "duplicate_in_file", firstRow: first });
      if (first === undefined) firstRowOf.set(key, rowNumber);
    }
    return { rowNumber, username, data: result.ok ? result.input : values, problems };
  });
  const valid = checked.filter((r) => !r.problems.length);
  const keys = valid.map((r) => usernameKeyOf(r.username));
  const creates = new Set<Checked>();
  if (kind === "contacts") {
    // Every row's retailer is looked up, also on rows with other problems: the admin sees all of
    // a row's problems in one preview, not the next one after correcting the first.
    const retailerNamed = (row: Checked) => String(row.data.retailer ?? "").trim();
    const named = checked.filter((r) => retailerNamed(r) && !r.problems.some((p) => p.field === "retailer"));
    const retailerOf = await resolveRetailers(db, organizationId, named.map(retailerNamed));
    for (const row of named) {
      const found = retailerOf(retailerNamed(row));
      if (typeof found === "string") row.problems.push({ field: "retailer", reason: found });
      else (row.data as ContactData).retailerId = found.id;
    }
    const existing = await existingContactUsernames(db, organizationId, keys);
    for (const row of valid) if (!existing.has(usernameKeyOf(row.username))) creates.add(row);
  } else {
    const existing = await existingStaff(db, keys);
    for (const row of valid) {
      const holder = existing.get(usernameKeyOf(row.username));
      const data = row.data as StaffData;
      if (!holder) creates.add(row);
      else if (holder.organizationId !== organizationId) row.problems.push({ field: "username", reason: "username_taken" });
      else if (holder.id === actor.id && !["admin", "dual"].includes(data.userType)) row.problems.push({ field: "userType", reason: "own_account" });
    }
  }
  return {
    ok: true,
    rows: checked,
    problemRows: checked.filter((r) => r.problems.length).length,
    plannedCreates: [...creates].filter((r) => !r.problems.length).length,
  };
}

/** Who started an import: an admin in the console, or an organization's API key. */
const startedBy = (actor: Actor) => (actor.kind === "api_key" ? { createdByApiKey: actor.id } : { createdBy: actor.id });

/** Writes the checked file as a job and its rows; `queued` (the API's start) skips the preview. */
async function storeImport(
  tx: Tx,
  actor: Actor,
  kind: ImportKind,
  filename: string,
  checked: CheckedFile,
  queued?: { sendWelcome: boolean; meta: RequestMeta },
): Promise<string> {
  const [job] = await tx
    .insert(importJobs)
    .values({
      organizationId: actor.organizationId,
      kind,
      ...startedBy(actor),
      filename: filename.slice(0, 200),
      totalRows: checked.rows.length,
      problemRows: checked.problemRows,
      plannedCreates: checked.plannedCreates,
      ...(queued ? { status: "queued" as const, ...confirmation(queued.sendWelcome, queued.meta) } : {}),
    })
    .returning({ id: importJobs.id });
  for (const part of chunks(checked.rows)) {
    await tx.insert(importRows).values(part.map((r) => ({ jobId: job!.id, rowNumber: r.rowNumber, username: r.username.slice(0, 300), data: r.data, problems: r.problems })));
  }
  return job!.id;
}

/** What a confirmed job keeps of its confirmation: the choice of emails, and where it came from for the run's audit events. */
const confirmation = (sendWelcome: boolean, meta: RequestMeta) => ({
  sendWelcome,
  confirmedAt: new Date(),
  confirmedIp: meta.ip,
  confirmedUserAgent: meta.userAgent?.slice(0, 500) ?? null,
});

/**
 * Why a checked file may not run yet: a row with a problem (the admin corrects the file and
 * uploads it again) or, for staff, fewer free licences than the users it adds. Null: it may.
 */
async function refusalToRun(tx: Executor, organizationId: string, job: { kind: ImportKind; problemRows: number; plannedCreates: number }) {
  if (job.problemRows > 0) return { reason: "has_problems" } as const;
  if (job.kind === "staff") {
    const { free } = await getLicenceUsage(organizationId, tx);
    if (job.plannedCreates > free) return { reason: "no_licence", missing: job.plannedCreates - free } as const;
  }
  return null;
}

/**
 * Upload: parses the file, checks every row (the verbs' own schemas, duplicates in the file,
 * the database's retailers and usernames, licences) and stores the rows as a preview. A file
 * refused as a whole stores nothing and says why.
 */
export async function previewImport(actor: Actor, kind: ImportKind, file: { name: string; bytes: Uint8Array }): Promise<PreviewResult> {
  const checked = await checkImport(actor, kind, file.bytes);
  if (!checked.ok) return checked;
  const jobId = await (await getDb()).transaction((tx) => storeImport(tx, actor, kind, file.name, checked));
  return { ok: true, jobId };
}

/** How many rows with problems startImport lists (in file order); the count says how many there are in all. */
export const LISTED_PROBLEM_ROWS = 100;

export type StartResult =
  | { ok: true; jobId: string }
  | ({ ok: false } & FileRefusal)
  | { ok: false; reason: "has_problems"; problemRows: number; rows: ImportProblemRow[] }
  | { ok: false; reason: "no_licence"; needed: number; missing: number };

/**
 * The management API's import: preview and confirm in one step. Every row is checked first and
 * a file with any problem, or a staff file short of licences, is refused with nothing written
 * (the client has no preview page to look at); otherwise the job is stored queued, as confirm
 * leaves it, for the runner.
 */
export async function startImport(
  actor: Actor,
  kind: ImportKind,
  file: { name: string; bytes: Uint8Array },
  options: { sendWelcome: boolean },
  meta: RequestMeta,
): Promise<StartResult> {
  const checked = await checkImport(actor, kind, file.bytes);
  if (!checked.ok) return checked;
  if (checked.problemRows > 0) {
    const rows = checked.rows
      .filter((r) => r.problems.length)
      .slice(0, LISTED_PROBLEM_ROWS)
      .map(({ rowNumber, username, problems }) => ({ rowNumber, username, problems }));
    return { ok: false, reason: "has_problems", problemRows: checked.problemRows, rows };
  }
  return (await getDb()).transaction(async (tx) => {
    const refusal = await refusalToRun(tx, actor.organizationId, { kind, ...checked });
    if (refusal?.reason === "no_licence") return { ok: false, reason: "no_licence", needed: checked.plannedCreates, missing: refusal.missing } as const;
    return { ok: true, jobId: await storeImport(tx, actor, kind, file.name, checked, { sendWelcome: options.sendWelcome, meta }) } as const;
  });
}

const jobColumns = {
  id: importJobs.id,
  kind: importJobs.kind,
  status: importJobs.status,
  filename: importJobs.filename,
  totalRows: importJobs.totalRows,
  problemRows: importJobs.problemRows,
  plannedCreates: importJobs.plannedCreates,
  sendWelcome: importJobs.sendWelcome,
  created: importJobs.created,
  updated: importJobs.updated,
  unchanged: importJobs.unchanged,
  failed: importJobs.failed,
  startedAt: importJobs.startedAt,
  finishedAt: importJobs.finishedAt,
  createdAt: importJobs.createdAt,
};

export type ImportSummary = {
  id: string;
  kind: ImportKind;
  status: "preview" | "queued" | "running" | "done";
  filename: string;
  totalRows: number;
  problemRows: number;
  plannedCreates: number;
  sendWelcome: boolean;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
  /** Staff imports: licences free now and how many more the new users need (0: enough). */
  licences: { free: number; missing: number } | null;
};

/** One import of the acting organization (another company's id is not found). */
export async function getImport(organizationId: string, jobId: string): Promise<ImportSummary | null> {
  if (!isUuid(jobId)) return null;
  const db = await getDb();
  const [job] = await db
    .select(jobColumns)
    .from(importJobs)
    .where(and(eq(importJobs.id, jobId), eq(importJobs.organizationId, organizationId)));
  if (!job) return null;
  let licences: ImportSummary["licences"] = null;
  if (job.kind === "staff" && job.status === "preview") {
    const { free } = await getLicenceUsage(organizationId, db);
    licences = { free, missing: Math.max(0, job.plannedCreates - free) };
  }
  return { ...job, licences };
}

/** The organization's latest imports, for the upload page. */
export async function listImports(organizationId: string, limit = 10) {
  const db = await getDb();
  return db
    .select(jobColumns)
    .from(importJobs)
    .where(eq(importJobs.organizationId, organizationId))
    .orderBy(desc(importJobs.createdAt))
    .limit(limit);
}

export type ImportProblemRow = { rowNumber: number; username: string; problems: (RowProblem & { firstRow?: number })[] };

/** The preview's rows with problems, in file order (the first `limit`). */
export async function listImportProblems(organizationId: string, jobId: string, limit = 100): Promise<ImportProblemRow[]> {
  if (!isUuid(jobId)) return [];
  const db = await getDb();
  return db
    .select({ rowNumber: importRows.rowNumber, username: importRows.username, problems: importRows.problems })
    .from(importRows)
    .innerJoin(importJobs, eq(importJobs.id, importRows.jobId))
    .where(and(eq(importRows.jobId, jobId), eq(importJobs.organizationId, organizationId), sql`jsonb_array_length(${importRows.problems}) > 0`))
    .orderBy(asc(importRows.rowNumber))
    .limit(limit);
}

export type ConfirmResult = { ok: true } | { ok: false; reason: "not_found" | "already_confirmed" | "has_problems" | "no_licence"; missing?: number };

/**
 * Confirm: the preview becomes a queued job, refused while any row has a problem (the admin
 * corrects the file and uploads it again) or, for staff, while licences are short.
 */
export async function confirmImport(actor: Actor, jobId: string, options: { sendWelcome: boolean }, meta: RequestMeta): Promise<ConfirmResult> {
  if (!isUuid(jobId)) return { ok: false, reason: "not_found" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [job] = await tx
      .select({ status: importJobs.status, kind: importJobs.kind, problemRows: importJobs.problemRows, plannedCreates: importJobs.plannedCreates })
      .from(importJobs)
      .where(and(eq(importJobs.id, jobId), eq(importJobs.organizationId, actor.organizationId)))
      .for("update");
    if (!job) return { ok: false, reason: "not_found" } as const;
    if (job.status !== "preview") return { ok: false, reason: "already_confirmed" } as const;
    const refusal = await refusalToRun(tx, actor.organizationId, job);
    if (refusal) return { ok: false, ...refusal } as const;
    await tx
      .update(importJobs)
      .set({ status: "queued", ...confirmation(options.sendWelcome, meta) })
      .where(eq(importJobs.id, jobId));
    return { ok: true } as const;
  });
}

export type ImportProgress = {
  status: ImportSummary["status"];
  total: number;
  done: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** Rows per second since the run started; null before it has. */
  rowsPerSecond: number | null;
  secondsLeft: number | null;
};

/** The progress bar's numbers, read from the job (so a reload or another instance shows the same). */
export async function getImportProgress(organizationId: string, jobId: string, now = new Date()): Promise<ImportProgress | null> {
  const job = await getImport(organizationId, jobId);
  return job ? progressOf(job, now) : null;
}

/** A job's progress from its counts: rows done of total, and the pace so far. */
export function progressOf(job: ImportSummary, now = new Date()): ImportProgress {
  const done = job.created + job.updated + job.unchanged + job.failed;
  const end = job.finishedAt ?? now;
  const seconds = job.startedAt ? Math.max(0.001, (end.getTime() - job.startedAt.getTime()) / 1000) : null;
  const rowsPerSecond = seconds && done ? done / seconds : null;
  const secondsLeft = job.status === "done" ? 0 : rowsPerSecond ? (job.totalRows - done) / rowsPerSecond : null;
  return { status: job.status, total: job.totalRows, done, created: job.created, updated: job.updated, unchanged: job.unchanged, failed: job.failed, rowsPerSecond, secondsLeft };
}

export type ImportResultRow = { rowNumber: number; username: string; outcome: "created" | "updated" | "unchanged" | "failed" | null; reason: string | null };

/** Per-row outcomes, in file order, a page at a time. */
export async function listImportResults(organizationId: string, jobId: string, page: { limit: number; afterRow?: number }): Promise<ImportResultRow[]> {
  if (!isUuid(jobId)) return [];
  const db = await getDb();
  return db
    .select({ rowNumber: importRows.rowNumber, username: importRows.username, outcome: importRows.outcome, reason: importRows.reason })
    .from(importRows)
    .innerJoin(importJobs, eq(importJobs.id, importRows.jobId))
    .where(and(eq(importRows.jobId, jobId), eq(importJobs.organizationId, organizationId), page.afterRow ? gt(importRows.rowNumber, page.afterRow) : undefined))
    .orderBy(asc(importRows.rowNumber))
    .limit(page.limit);
}

/** The result CSV's batches (row, username, outcome, reason), keyset-paged so a large import streams. */
export async function* importResultBatches(
  organizationId: string,
  jobId: string,
  reasonText: (reason: string) => string,
  batchSize = 1000,
): AsyncGenerator<(string | null)[][]> {
  let afterRow = 0;
  for (;;) {
    const rows = await listImportResults(organizationId, jobId, { limit: batchSize, afterRow });
    if (!rows.length) return;
    yield rows.map((r) => [String(r.rowNumber), r.username, r.outcome ?? "pending", r.reason ? reasonText(r.reason) : null]);
    if (rows.length < batchSize) return;
    afterRow = rows.at(-1)!.rowNumber;
  }
}

// ---------------------------------------------------------------------------------------
// Running a confirmed import
// ---------------------------------------------------------------------------------------

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
