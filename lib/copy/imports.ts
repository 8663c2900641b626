import { CONTACT_FAILURES } from "@/lib/copy/provisioning";
import { USER_REASON_COPY } from "@/lib/copy/users";

/** What the CSV import pages say; lib/imports answers with reasons. */

export const IMPORT_FIELD_COPY = {
  chooseKind: "Choose what the file holds: contacts or users.",
  enterRetailer: "Enter the retailer's name or account code.",
  yesOrNo: "Write yes or no (or leave it empty for no).",
  userType: (types: readonly string[]) => `Write one of the user types: ${types.join(", ")}.`,
} as const;

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** Why a whole file was refused (nothing of it was stored). */
export function fileRefusalSentence(refusal: { reason: string; maxBytes?: number; missing?: string[] }): string {
  switch (refusal.reason) {
    case "too_big":
      return `This file is larger than ${megabytes(refusal.maxBytes ?? 0)}. Split it into smaller files and import each.`;
    case "empty":
      return "This file is empty. Choose the CSV file that holds the rows to import.";
    case "no_header":
      return `The first row must name the columns; this file has no ${(refusal.missing ?? []).map((m) => `"${m}"`).join(", ")} column. Download the template to see the header row.`;
    case "no_rows":
      return "This file has a header row but no rows under it.";
    case "no_file":
      return "Choose a CSV file to import.";
    default:
      return "This file is not a CSV file (text in UTF-8 with one row per line). Save it from your spreadsheet as CSV and try again.";
  }
}

/** A row problem the preview found, in words. */
export function rowProblemSentence(problem: { reason: string; message?: string; firstRow?: number }): string {
  switch (problem.reason) {
    case "duplicate_in_file":
      return `This username is already on row ${problem.firstRow ?? "?"} of the file.`;
    case "username_taken":
      return USER_REASON_COPY.username_taken;
    case "retailer_not_found":
      return "No retailer of your company has this name or account code.";
    case "retailer_ambiguous":
      return "Several retailers have this name: write the retailer's account code instead.";
    case "own_account":
      return USER_REASON_COPY.own_account;
    default:
      return problem.message ?? "This value is not valid.";
  }
}

/** Why a confirmed row failed while the import ran (something changed since the preview). */
export function rowFailureSentence(reason: string): string {
  switch (reason) {
    case "no_licence":
      return "No licence was free any more when this row was imported.";
    case "username_taken":
      return "The username was taken by someone else after the preview.";
    case "retailer_not_found":
      return CONTACT_FAILURES.retailer_not_found.message;
    default:
      return rowProblemSentence({ reason });
  }
}

export const IMPORT_COPY = {
  intro:
    "Import adds or updates many accounts from a CSV file. Each row is checked first: nothing is written until you have seen the preview and confirmed it.",
  idempotent: "A username that already exists is updated, not added again, so importing the same file twice creates nobody twice.",
  contactsColumns: "Columns: Retailer (name or account code), Contact name, Username, Email, Website access (yes or no).",
  staffColumns: "Columns: Name, Username, User type (admin, dual, device or scanpack), Email to (optional).",
  separators: "Commas, semicolons, tabs or vertical bars may separate the columns; the first row names them.",
  problemsFound: (n: number) =>
    `${n === 1 ? "1 row has a problem" : `${n} rows have problems`}. Nothing was imported: correct the file and upload it again.`,
  licenceShortfall: (needed: number, free: number) =>
    `This import adds ${needed === 1 ? "1 user" : `${needed} users`} but only ${free} ${free === 1 ? "licence is" : "licences are"} free: ${needed - free} more ${needed - free === 1 ? "licence is" : "licences are"} needed.`,
  firstRowsShown: (shown: number) => `The first ${shown} rows with problems are shown.`,
  readyToImport: "Every row can be imported. Confirm to start.",
  welcomeHint:
    "Contacts with website access get a welcome email with a temporary password; new users whose username is an email address get an invite. Emails go out at a steady pace, not all at once.",
  queued: "The import is queued and starts in a moment. You can leave this page: it carries on.",
  running: "The import is running. You can leave this page and come back: it carries on.",
  done: "The import is finished.",
  notFound: "That import was not found.",
  alreadyConfirmed: "This import was already confirmed.",
  cannotConfirm: "This import has problems to correct first, so it cannot be confirmed.",
  timeLeft: (seconds: number) => (seconds < 60 ? `About ${Math.max(1, Math.round(seconds))} seconds left.` : `About ${Math.round(seconds / 60)} minutes left.`),
} as const;
