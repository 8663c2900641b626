import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Executor, type Tx } from "@/lib/infra/database";
import { contacts, importJobs, importRows, retailers, users } from "@/db/schema";
import { getLicenceUsage } from "@/lib/organizations/licences";
import type { Actor } from "@/lib/staff/admin";
import type { RequestMeta } from "@/lib/web/request-context";
import { isUuid } from "@/lib/web/schemas";
import { parseImportFile, type FileRefusal } from "@/lib/imports/parse";
import { retailerNotRemoved } from "@/lib/retailers/retailers";
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
import type { ImportProblemRow } from "@/lib/imports/jobs";

/**
 * Bringing a CSV file in: previewImport parses and checks every row (the verbs' own schemas,
 * duplicates in the file, the database's retailers and usernames, licences) and stores them as a
 * preview, nothing else; confirmImport queues it for the runner (lib/imports/run.ts). The
 * management API's startImport does both at once, refusing a file with any problem.
 */

/** Rows per statement when storing a preview or reading usernames: bounded bind parameters. */
const CHUNK = 500;

export type ContactData = ContactRow & { retailerId: string | null };
export type StaffData = StaffRow;

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
export async function existingContactUsernames(db: Executor, organizationId: string, keys: string[]): Promise<Set<string>> {
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
