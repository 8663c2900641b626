import "server-only";
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import { getDb } from "@/lib/infra/database";
import { importJobs, importRows } from "@/db/schema";
import { getLicenceUsage } from "@/lib/organizations/licences";
import { isUuid } from "@/lib/web/schemas";
import type { ImportKind, RowProblem } from "@/lib/imports/validate";

/**
 * Reading an import of the acting organization: its summary, the preview's problems, progress
 * and per-row results. Another company's import is not found.
 */

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

/**
 * The organization's imports, newest first (the upload page's recent ones, the API's list), in
 * pages keyed on (created, id). Ordered at the millisecond a cursor can hold: PostgreSQL keeps
 * microseconds, and a page would otherwise skip rows created within the last one's millisecond.
 */
export async function listImports(organizationId: string, page: { limit: number; before?: { createdAt: Date; id: string } } = { limit: 10 }) {
  const db = await getDb();
  const createdMs = sql`date_trunc('milliseconds', ${importJobs.createdAt})`;
  const before = page.before;
  return db
    .select(jobColumns)
    .from(importJobs)
    .where(
      and(
        eq(importJobs.organizationId, organizationId),
        before ? sql`(${createdMs}, ${importJobs.id}) < (${before.createdAt.toISOString()}::timestamptz, ${before.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(createdMs), desc(importJobs.id))
    .limit(Math.min(page.limit, 101));
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
export function progressOf(job: Omit<ImportSummary, "licences">, now = new Date()): ImportProgress {
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
