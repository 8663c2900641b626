/** Dates shown in the console: unambiguous and in UTC, as the audit trail stores them. */
export function formatDateTime(date: Date | null | undefined): string {
  if (!date) return "—";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
