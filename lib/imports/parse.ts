import "server-only";
import { parse } from "csv-parse/sync";
import { env } from "@/lib/infra/env";

/**
 * Reading an uploaded CSV file into records (csv-parse does the quoting rules). UTF-8 with or
 * without a byte-order mark; the separator is whichever of , ; tab | the header row uses most;
 * the header row is required and its names are matched ignoring case, spaces, dashes and
 * underscores. A file refused here gets one reason and nothing of it is stored.
 */

export const IMPORT_LIMITS = { maxBytes: env.IMPORT_MAX_BYTES } as const;

export const SEPARATORS = [",", ";", "\t", "|"] as const;

/** One column an import reads: its name in the template and the other names it answers to. */
export type ImportColumn = { key: string; names: readonly string[]; required: boolean };

export type FileRefusal =
  | { reason: "too_big"; maxBytes: number }
  | { reason: "empty" }
  | { reason: "not_csv" }
  | { reason: "no_header"; missing: string[] }
  | { reason: "no_rows" };

export type ParsedFile = {
  ok: true;
  separator: (typeof SEPARATORS)[number];
  /** Data rows in file order; `rowNumber` is the file's line, the header being line 1. */
  rows: { rowNumber: number; values: Record<string, string> }[];
};

/** "Website Access", "website_access" and "WEBSITE-ACCESS" are one name. */
export const headerKey = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, "");

/** The separator the header line uses most, outside quotes; a one-column file has none (",") */
function detectSeparator(text: string): ParsedFile["separator"] {
  const counts = new Map<string, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: ParsedFile["separator"] = ",";
  for (const s of SEPARATORS) if (counts.get(s)! > counts.get(best)!) best = s;
  return best;
}

/** Text that no spreadsheet would save as CSV: control characters other than tab and line breaks (a binary file). */
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

export function parseImportFile(bytes: Uint8Array, columns: readonly ImportColumn[], maxBytes = IMPORT_LIMITS.maxBytes): ParsedFile | ({ ok: false } & FileRefusal) {
  if (bytes.byteLength > maxBytes) return { ok: false, reason: "too_big", maxBytes };
  let text: string;
  try {
    // ignoreBOM: false strips a leading byte-order mark; fatal refuses anything that is not UTF-8.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, reason: "not_csv" };
  }
  if (!text.trim()) return { ok: false, reason: "empty" };
  if (BINARY.test(text)) return { ok: false, reason: "not_csv" };
  const separator = detectSeparator(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: separator, bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof records;
  } catch {
    return { ok: false, reason: "not_csv" };
  }
  const header = (records[0]?.record ?? []).map(headerKey);
  const index = new Map<string, number>();
  for (const column of columns) {
    const at = header.findIndex((h) => column.names.some((n) => headerKey(n) === h));
    if (at >= 0) index.set(column.key, at);
  }
  const missing = columns.filter((c) => c.required && !index.has(c.key)).map((c) => c.names[0]!);
  if (missing.length) return { ok: false, reason: "no_header", missing };
  const rows: ParsedFile["rows"] = [];
  for (const { record, info } of records.slice(1)) {
    if (record.every((cell) => cell === "")) continue;
    const values: Record<string, string> = {};
    for (const [key, at] of index) values[key] = record[at] ?? "";
    // The line the record ends on: what an editor shows, blank lines included.
    rows.push({ rowNumber: info.lines, values });
  }
  if (!rows.length) return { ok: false, reason: "no_rows" };
  return { ok: true, separator, rows };
}
