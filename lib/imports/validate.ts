import "server-only";
import { z } from "zod";
import { contactInputSchema } from "@/lib/contacts/provisioning";
import { IMPORT_FIELD_COPY } from "@/lib/copy/imports";
import type { ImportColumn } from "@/lib/imports/parse";
import { textField, userInputSchema } from "@/lib/web/schemas";
import { userTypes } from "@/lib/staff/user-types";

/**
 * The per-row rules of an import, pure: a row's cells become the input of the verb that adds
 * or edits the account, parsed by that verb's own schema (the console's form and the import
 * share each rule). What needs the database (retailer, usernames taken, licences) is jobs.ts's.
 */

export type ImportKind = "contacts" | "staff";

export const IMPORT_COLUMNS: Record<ImportKind, readonly ImportColumn[]> = {
  contacts: [
    { key: "retailer", names: ["Retailer", "Retailer name", "Account code", "Retailer code"], required: true },
    { key: "name", names: ["Contact name", "Name"], required: true },
    { key: "username", names: ["Username"], required: true },
    { key: "email", names: ["Email", "Email address"], required: true },
    { key: "websiteAccess", names: ["Website access"], required: false },
  ],
  staff: [
    { key: "displayName", names: ["Name", "Display name"], required: true },
    { key: "username", names: ["Username"], required: true },
    { key: "userType", names: ["User type", "Type"], required: true },
    { key: "emailTo", names: ["Email to"], required: false },
  ],
};

/** A problem of one row: the column it is about and a reason (lib/copy/imports.ts), or the schema's own message. */
export type RowProblem = { field: string; reason: string; message?: string };

const YES = new Set(["yes", "y", "true", "1", "on"]);
const NO = new Set(["no", "n", "false", "0", "off", ""]);

/** The column is optional: a file without it gives nobody website access. */
const websiteAccessCell = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim().toLowerCase())
  .refine((v) => YES.has(v) || NO.has(v), IMPORT_FIELD_COPY.yesOrNo)
  .transform((v) => YES.has(v));

export const contactRowSchema = contactInputSchema.extend({
  retailer: textField("The retailer", { error: IMPORT_FIELD_COPY.enterRetailer }).trim().min(1, IMPORT_FIELD_COPY.enterRetailer),
  websiteAccess: websiteAccessCell,
});
export type ContactRow = z.infer<typeof contactRowSchema>;

/** "ScanPack", "Admin" and "DEVICE" name the user types; the form's select sends them in lower case. */
export const staffRowSchema = z.preprocess(
  (row) => {
    const r = row as Record<string, string>;
    const type = r.userType?.trim().toLowerCase();
    return { ...r, userType: (userTypes as readonly string[]).includes(type ?? "") ? type : r.userType };
  },
  userInputSchema.extend({ userType: z.enum(userTypes, { error: IMPORT_FIELD_COPY.userType(userTypes) }) }),
);
export type StaffRow = z.infer<typeof staffRowSchema>;

export type RowCheck<T> = { ok: true; input: T } | { ok: false; problems: RowProblem[] };

function check<T>(schema: z.ZodType<T>, values: Record<string, string>): RowCheck<T> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, input: parsed.data };
  const seen = new Set<string>();
  const problems: RowProblem[] = [];
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "row");
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, reason: "invalid", message: issue.message });
  }
  return { ok: false, problems };
}

export const checkContactRow = (values: Record<string, string>) => check(contactRowSchema, values);
export const checkStaffRow = (values: Record<string, string>) => check(staffRowSchema, values);

/** Usernames match case-insensitively, so "Bob" twice in a file is one person named twice. */
export const usernameKeyOf = (username: string) => username.trim().toLowerCase();
