import "server-only";
import { z } from "zod";
import { fileRefusalSentence, IMPORT_COPY, rowFailureSentence, rowProblemSentence } from "@/lib/copy/imports";
import { API_V1_COPY } from "@/lib/copy/management-api";
import { getImport, listImportResults, listImports, progressOf, type ImportProblemRow, type ImportSummary } from "@/lib/imports/jobs";
import { LISTED_PROBLEM_ROWS, startImport } from "@/lib/imports/preview";
import { IMPORT_LIMITS } from "@/lib/imports/parse";
import { kickImportRunner } from "@/lib/imports/runner";
import { IMPORT_COLUMNS, type ImportKind } from "@/lib/imports/validate";
import { defineOperation } from "@/lib/management-api/operation";
import { decodeCursor, pageOf } from "@/lib/management-api/pagination";
import { badCursorProblem, type FieldProblem, json, problem } from "@/lib/management-api/problems";
import { idParams, importPageQuery, importResultRowSchema, importSchema, listOf, startImportQuery } from "@/lib/management-api/schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function importOut(job: Omit<ImportSummary, "licences">) {
  const p = progressOf(job);
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    filename: job.filename,
    send_invites: job.sendWelcome,
    progress: {
      total: p.total,
      done: p.done,
      created: p.created,
      updated: p.updated,
      unchanged: p.unchanged,
      failed: p.failed,
      rows_per_second: p.rowsPerSecond,
      seconds_left: p.secondsLeft,
    },
    created_at: job.createdAt.toISOString(),
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
  };
}

const notFound = () => problem(404, "not-found", API_V1_COPY.importNotFound);

/** A row's problem as RFC 9457 `errors[]`: `#row/<line>/<column>`, the column as the template's header in snake_case. */
function rowErrors(kind: ImportKind, rows: ImportProblemRow[]): FieldProblem[] {
  const column = (field: string) => (IMPORT_COLUMNS[kind].find((c) => c.key === field)?.names[0] ?? field).toLowerCase().replace(/\s+/g, "_");
  return rows.flatMap((r) => r.problems.map((p) => ({ pointer: `#row/${r.rowNumber}/${column(p.field)}`, detail: rowProblemSentence(p) })));
}

const CSV_MAX_MB = IMPORT_LIMITS.maxBytes / (1024 * 1024);

export const startImportOp = defineOperation({
  operationId: "startImport",
  method: "post",
  path: "/imports",
  tag: "Imports",
  summary: "Start an import from a CSV file",
  description:
    "The console's import in one step: the body is the CSV file (the console's template; the first row names the columns). Every row is checked first: " +
    "a file with any problem is refused with each row's problems and nothing is written; otherwise the import is queued and runs in the background, " +
    "adding accounts whose username is new and updating the others (importing the same file twice creates nobody twice). Poll the Location for progress.",
  scope: "write",
  query: startImportQuery,
  file: {
    mediaType: "text/csv",
    maxBytes: IMPORT_LIMITS.maxBytes,
    description: `The CSV file, UTF-8, at most ${Number.isInteger(CSV_MAX_MB) ? CSV_MAX_MB : CSV_MAX_MB.toFixed(1)} MB (IMPORT_MAX_BYTES); commas, semicolons, tabs or vertical bars separate the columns.`,
    tooLarge: fileRefusalSentence({ reason: "too_big", maxBytes: IMPORT_LIMITS.maxBytes }),
    wrongMediaType: API_V1_COPY.notCsvMediaType,
  },
  responses: { 202: { description: "The import is queued; Location is its status.", schema: importSchema } },
  problems: [409, 422],
  problemNotes: {
    400: "The query or a header is not valid, or the body is not a CSV file with a header row naming the columns and rows under it (one problem says which).",
    409: "A staff import needs more free licences than there are (or an Idempotency-Key is still in use).",
    413: `The file is larger than IMPORT_MAX_BYTES.`,
    415: "The body is not text/csv.",
    422: "Rows of the file have problems (errors lists each as #row/<line>/<column>; nothing was written), or this Idempotency-Key was used with a different request.",
  },
  async run({ actor, query, file, meta }) {
    const result = await startImport(actor, query.kind, { name: query.filename || "import.csv", bytes: file }, { sendWelcome: query.send_invites }, meta);
    if (result.ok) {
      // Read before the runner is kicked: the answer is the job as it was started (queued), the same on a replay.
      const job = (await getImport(actor.organizationId, result.jobId))!;
      kickImportRunner();
      return json(202, importOut(job), { Location: `/api/v1/imports/${job.id}` });
    }
    switch (result.reason) {
      case "has_problems": {
        const detail = [IMPORT_COPY.problemsFound(result.problemRows), ...(result.problemRows > LISTED_PROBLEM_ROWS ? [API_V1_COPY.firstProblemRowsListed(LISTED_PROBLEM_ROWS)] : [])].join(" ");
        return problem(422, "invalid-rows", detail, { errors: rowErrors(query.kind, result.rows) });
      }
      case "no_licence":
        return problem(409, "no-licence", IMPORT_COPY.licenceShortfall(result.needed, result.needed - result.missing));
      case "too_big":
        return problem(413, "body-too-large", fileRefusalSentence(result));
      default:
        return problem(400, "invalid-file", fileRefusalSentence(result));
    }
  },
});

export const getImportOp = defineOperation({
  operationId: "getImport",
  method: "get",
  path: "/imports/{id}",
  tag: "Imports",
  summary: "Get an import's status and progress",
  description: "Imports started here or in the console. Rows done of total, and the counts of each outcome so far.",
  scope: "read",
  params: idParams,
  responses: { 200: { description: "The import.", schema: importSchema } },
  async run({ actor, params }) {
    const job = await getImport(actor.organizationId, params.id);
    return job ? json(200, importOut(job)) : notFound();
  },
});

const listCursorKey = z.tuple([z.iso.datetime(), z.uuid()]);

export const listImportsOp = defineOperation({
  operationId: "listImports",
  method: "get",
  path: "/imports",
  tag: "Imports",
  summary: "List imports",
  description: "Newest first: imports started here and in the console, previews not confirmed yet included.",
  scope: "read",
  query: importPageQuery,
  responses: { 200: { description: "A page of imports.", schema: listOf(importSchema, "ImportList") } },
  async run({ actor, query }) {
    const after = query.cursor ? decodeCursor(query.cursor, listCursorKey) : undefined;
    if (after === null) return badCursorProblem();
    const rows = await listImports(actor.organizationId, { limit: query.limit + 1, before: after ? { createdAt: new Date(after[0]), id: after[1] } : undefined });
    return json(200, pageOf(rows, query.limit, importOut, (r) => [r.createdAt.toISOString(), r.id]));
  },
});

const cursorKey = z.tuple([z.number().int().positive()]);

export const listImportResultOp = defineOperation({
  operationId: "listImportResult",
  method: "get",
  path: "/imports/{id}/result",
  tag: "Imports",
  summary: "List an import's outcome per row",
  description: "In file order: created, updated, unchanged or failed with a reason (pending while the run has not reached the row).",
  scope: "read",
  params: idParams,
  query: importPageQuery,
  responses: { 200: { description: "A page of rows.", schema: listOf(importResultRowSchema, "ImportResult") } },
  async run({ actor, params, query }) {
    const after = query.cursor ? decodeCursor(query.cursor, cursorKey) : undefined;
    if (after === null) return badCursorProblem();
    const job = await getImport(actor.organizationId, params.id);
    if (!job) return notFound();
    const rows = await listImportResults(actor.organizationId, job.id, { limit: query.limit + 1, afterRow: after?.[0] });
    return json(
      200,
      pageOf(
        rows,
        query.limit,
        (r) => ({ row: r.rowNumber, username: r.username, outcome: r.outcome ?? "pending", reason: r.reason, detail: r.reason ? rowFailureSentence(r.reason) : null }),
        (r) => [r.rowNumber],
      ),
    );
  },
});
