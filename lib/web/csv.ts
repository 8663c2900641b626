import { stringify } from "csv-stringify/sync";

/**
 * A CSV download streamed batch by batch, so an organization with 100,000 contacts is never
 * held in memory. csv-stringify quotes what needs quoting and, with `escape_formulas`, puts a
 * leading ' before a cell that starts with = + - @ tab or CR, so a spreadsheet opening the file
 * shows a name like "=HYPERLINK(…)" as text instead of running it.
 */
export function csvStream(header: readonly string[], batches: AsyncIterable<readonly (string | null)[][]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (first) {
        first = false;
        // The byte-order mark makes Excel read the file as UTF-8 (accents in names).
        controller.enqueue(encoder.encode(stringify([header as string[]], { bom: true })));
        return;
      }
      const next = await iterator.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(stringify(next.value as (string | null)[][], { escape_formulas: true })));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** The headers of a CSV attachment named `filename`. */
export function csvDownloadHeaders(filename: string): HeadersInit {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}
