/**
 * Whether a database error (or one it wraps: Drizzle wraps the driver's) is a unique-index
 * violation, SQLSTATE 23505. Verbs check for a duplicate first; this catches the race where
 * two requests pass that check at once.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === "23505") return true;
  }
  return false;
}
