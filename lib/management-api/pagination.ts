import { z } from "zod";
import { API_V1_COPY } from "@/lib/copy/management-api";

/**
 * Cursor pagination: `limit` (1–100) and the opaque `cursor` a list answered as `next_cursor`.
 * A cursor is the last row's sort key, base64url JSON; clients must not build one, and one that
 * does not decode to what the list expects is refused (400), never read as the first page.
 */

export const MAX_PAGE_LIMIT = 100;
export const DEFAULT_PAGE_LIMIT = 25;

export const limitField = z.coerce
  .number(API_V1_COPY.limitNotNumber)
  .int(API_V1_COPY.limitNotNumber)
  .min(1, API_V1_COPY.limitRange(MAX_PAGE_LIMIT))
  .max(MAX_PAGE_LIMIT, API_V1_COPY.limitRange(MAX_PAGE_LIMIT))
  .default(DEFAULT_PAGE_LIMIT)
  .meta({ description: `How many items to return (at most ${MAX_PAGE_LIMIT}).` });

export const cursorField = z
  .string()
  .max(512, API_V1_COPY.badCursor)
  .regex(/^[A-Za-z0-9_-]+$/, API_V1_COPY.badCursor)
  .optional()
  .meta({ description: "The `next_cursor` of the previous page; leave it out for the first page." });

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** The sort key a cursor holds, checked against `shape`; null when it is not one of ours. */
export function decodeCursor<T extends z.ZodType>(cursor: string, shape: T): z.infer<T> | null {
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A list's answer: the page and the cursor of the next one (null on the last page). */
export function pageOf<Row, Item>(rows: Row[], limit: number, toItem: (row: Row) => Item, keyOf: (row: Row) => unknown[]) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { data: page.map(toItem), next_cursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
