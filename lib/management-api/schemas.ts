import { z } from "zod";
import { userStatuses, userTypes } from "@/db/schema";
import { auditActions } from "@/lib/audit/events";
import { contactInputSchema } from "@/lib/contacts/provisioning";
import { retailerInputSchema } from "@/lib/retailers/retailers";
import { searchQueryField, textField, userInputSchema } from "@/lib/web/schemas";
import { welcomeOutcomes } from "@/lib/contacts/website-access";
import { cursorField, limitField } from "@/lib/management-api/pagination";
import { API_V1_COPY } from "@/lib/copy/management-api";

/**
 * The management API's contract in zod: request schemas parse what clients send (reusing the
 * console's field rules), response schemas describe what they get back. The OpenAPI document
 * is generated from these (lib/management-api/document.ts). Fields are snake_case.
 */

const timestamp = z.iso.datetime({ offset: true }).meta({ description: "ISO 8601 date and time (UTC)." });
const nullableTimestamp = timestamp.nullable();
const id = z.uuid();
const ONLY_SENT_CHANGE = "Only the fields sent change.";

export const idParams = z.object({ id: id.meta({ description: "The resource's id." }) });
export const sessionParams = z.object({ id: id.meta({ description: "The user's id." }), session_id: id.meta({ description: "The session's id." }) });

// ---- Users ----

export const userTypeSchema = z.enum(userTypes).meta({ id: "UserType", description: "admin and dual use the console; device, dual and scanpack the apps." });

export const userSummarySchema = z
  .object({
    id,
    display_name: z.string(),
    username: z.string(),
    type: userTypeSchema,
    status: z.enum(userStatuses),
    last_sign_in_at: nullableTimestamp,
    password_changed_at: nullableTimestamp,
  })
  .meta({ id: "UserSummary" });

export const userSchema = userSummarySchema
  .extend({
    email_to: z.string().nullable().meta({ description: "Where ordinary notifications go; resets always go to the username." }),
    has_password: z.boolean(),
    locked_until: nullableTimestamp,
    created_at: timestamp,
  })
  .meta({ id: "User" });

export const userListQuery = z.object({
  q: searchQueryField.meta({ description: "Name or username contains this (from 3 characters; shorter: starts with)." }),
  type: userTypeSchema.optional(),
  limit: limitField,
  cursor: cursorField,
});

export const createUserBody = z
  .strictObject({
    display_name: userInputSchema.shape.displayName,
    username: userInputSchema.shape.username.meta({ description: "The sign-in name. When it is an email address, an invite to create a password is sent to it." }),
    email_to: userInputSchema.shape.emailTo.meta({ description: "Optional address for ordinary notifications." }),
    type: userTypeSchema,
  })
  .meta({ id: "CreateUser" });

export const updateUserBody = createUserBody.partial().meta({ id: "UpdateUser", description: ONLY_SENT_CHANGE });

export const createdUserSchema = z.object({ user: userSchema, invite_sent: z.boolean() }).meta({ id: "CreatedUser" });

export const passwordResetSchema = z
  .object({
    status: z.enum(["sent", "suppressed"]).meta({ description: "suppressed: the account had the most reset emails allowed this hour; none was sent." }),
    email: z.string(),
  })
  .meta({ id: "PasswordResetRequest" });

export const sessionSchema = z
  .object({
    id,
    via: z.enum(["browser", "sales-plus", "tradeshow", "scanpack"]),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    started_at: timestamp,
    last_seen_at: timestamp,
    expires_at: timestamp,
  })
  .meta({ id: "Session" });

export const sessionListSchema = z.object({ data: z.array(sessionSchema) }).meta({ id: "SessionList" });

// ---- Retailers ----

export const retailerSchema = z
  .object({ id, name: z.string(), code: z.string().nullable(), contact_count: z.number().int().optional(), created_at: timestamp })
  .meta({ id: "Retailer" });

export const retailerListQuery = z.object({
  q: searchQueryField.meta({ description: "Name or account code contains this." }),
  limit: limitField,
  cursor: cursorField,
});

export const retailerBody = z
  .strictObject({ name: retailerInputSchema.shape.name, code: retailerInputSchema.shape.code.meta({ description: "Your own account code; empty or left out: none." }) })
  .meta({ id: "RetailerInput" });

export const updateRetailerBody = retailerBody.partial().meta({ id: "UpdateRetailer", description: ONLY_SENT_CHANGE });

// ---- Contacts ----

export const contactSummarySchema = z
  .object({
    id,
    name: z.string(),
    username: z.string(),
    email: z.string(),
    website_access: z.boolean(),
    retailer: z.object({ id, name: z.string() }),
  })
  .meta({ id: "ContactSummary" });

export const temporaryPasswordStateSchema = z
  .object({
    status: z.enum(["none", "pending", "expired", "awaiting_new_password", "completed", "cancelled"]),
    last_sent_at: nullableTimestamp,
    expires_at: nullableTimestamp,
  })
  .meta({ id: "TemporaryPasswordState", description: "The newest temporary password's state; never the password." });

export const contactSchema = contactSummarySchema
  .extend({
    has_password: z.boolean(),
    locked: z.boolean(),
    must_change_password: z.boolean(),
    last_sign_in_at: nullableTimestamp,
    created_at: timestamp,
    temporary_password: temporaryPasswordStateSchema,
  })
  .meta({ id: "Contact" });

export const contactListQuery = z.object({
  q: searchQueryField.meta({ description: "Contact or retailer name contains this." }),
  retailer_id: id.optional().meta({ description: "Only this retailer's contacts." }),
  limit: limitField,
  cursor: cursorField,
});

export const createContactBody = z
  .strictObject({
    retailer_id: id,
    name: contactInputSchema.shape.name,
    username: contactInputSchema.shape.username,
    email: contactInputSchema.shape.email,
    website_access: z.boolean().default(false).meta({ description: "true: the contact is emailed a welcome with a temporary password (valid CONTACT_TEMP_PASSWORD_HOURS, 48 by default)." }),
  })
  .meta({ id: "CreateContact" });

export const updateContactBody = z
  .strictObject({ name: contactInputSchema.shape.name, username: contactInputSchema.shape.username, email: contactInputSchema.shape.email })
  .partial()
  .meta({ id: "UpdateContact", description: "Only the fields sent change; a new username or email ends the contact's sessions." });

export const welcomeSchema = z.enum(welcomeOutcomes).nullable().meta({ description: "What happened about a first password: sent, not_needed (they have their own), suppressed (hourly email limit)." });

export const createdContactSchema = z.object({ contact: contactSchema, welcome: welcomeSchema }).meta({ id: "CreatedContact" });

export const websiteAccessBody = z.strictObject({ enabled: z.boolean() }).meta({ id: "WebsiteAccessInput" });
export const websiteAccessSchema = z.object({ website_access: z.boolean(), welcome: welcomeSchema }).meta({ id: "WebsiteAccess" });

export const temporaryPasswordSentSchema = z
  .object({ status: z.literal("sent"), email: z.string(), expires_at: timestamp })
  .meta({ id: "TemporaryPasswordSent", description: "A temporary password was emailed to the contact; it is never in an answer." });

// ---- Imports ----

export const importKindSchema = z
  .enum(["contacts", "staff"], { error: API_V1_COPY.importKind })
  .meta({ id: "ImportKind", description: "contacts: retailers' contacts (Retailer, Contact name, Username, Email, Website access); staff: staff users (Name, Username, User type, Email to)." });

const flag = (name: string) =>
  z
    .enum(["true", "false"], { error: API_V1_COPY.trueOrFalse(name) })
    .default("false")
    .transform((v) => v === "true");

/** As the console keeps an uploaded file's name (import_jobs.filename). */
const MAX_IMPORT_FILENAME = 200;

export const startImportQuery = z.object({
  kind: importKindSchema,
  send_invites: flag("send_invites").meta({
    description: "true: the accounts the import creates are emailed, contacts with website access a welcome with a temporary password, staff users an invite. Off by default.",
  }),
  filename: textField("The filename").trim().max(MAX_IMPORT_FILENAME, API_V1_COPY.filenameTooLong(MAX_IMPORT_FILENAME)).optional().meta({ description: "A name to know the import by in the console's list (import.csv when left out)." }),
});

export const importSchema = z
  .object({
    id,
    kind: importKindSchema,
    status: z.enum(["preview", "queued", "running", "done"]).meta({
      description: "preview: uploaded in the console and not confirmed there yet; queued: waiting for a runner; running; done: every row has its outcome.",
    }),
    filename: z.string(),
    send_invites: z.boolean(),
    progress: z.object({
      total: z.number().int().meta({ description: "Rows in the file." }),
      done: z.number().int().meta({ description: "Rows with an outcome so far." }),
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      failed: z.number().int(),
      rows_per_second: z.number().nullable().meta({ description: "Since the run started; null before." }),
      seconds_left: z.number().nullable().meta({ description: "At that pace; 0 when done, null before the run started." }),
    }),
    created_at: timestamp,
    started_at: nullableTimestamp,
    finished_at: nullableTimestamp,
  })
  .meta({ id: "Import" });

export const importResultRowSchema = z
  .object({
    row: z.number().int().meta({ description: "The row's line in the file, the header being line 1." }),
    username: z.string(),
    outcome: z.enum(["created", "updated", "unchanged", "failed", "pending"]).meta({ description: "pending: the run has not reached this row yet." }),
    reason: z.string().nullable().meta({ description: "Why a row failed (something changed since the check, such as a username taken), stable: no_licence, username_taken, retailer_not_found…" }),
    detail: z.string().nullable().meta({ description: "The reason in a sentence." }),
  })
  .meta({ id: "ImportResultRow" });

/** A page of imports or of one import's rows. */
export const importPageQuery = z.object({ limit: limitField, cursor: cursorField });

// ---- Audit events ----

export const auditEventSchema = z
  .object({
    id: z.number().int(),
    action: z.string().meta({ description: "One of the audit actions, such as user.created (see the action filter)." }),
    created_at: timestamp,
    actor: z.object({ type: z.enum(["user", "contact", "system", "anonymous", "api_key"]), id: id.nullable() }),
    target: z.object({ type: z.string(), id: id.nullable() }).nullable(),
    ip: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "AuditEvent" });

export const auditEventListQuery = z.object({
  from: timestamp.optional().meta({ description: "Events at or after this time." }),
  to: timestamp.optional().meta({ description: "Events before this time." }),
  action: z.enum(auditActions).optional(),
  target_type: z.enum(["user", "contact", "retailer", "email", "organization", "api_key"]).optional(),
  target_id: id.optional(),
  limit: limitField,
  cursor: cursorField,
});

/** `{ data, next_cursor }`: every list but a user's sessions. */
export function listOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable() }).meta({ id: name });
}
