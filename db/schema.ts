import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import { appNames, userTypes } from "../lib/staff/user-types";

export { appNames, userTypes, type AppName, type UserType } from "../lib/staff/user-types";

/**
 * The one description of Gatehouse's data. Hashes, codes and tokens are stored only as
 * digests; `lib/` selects explicit columns so they never leave it.
 */

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The credential columns staff users and contacts share, declared once and spread into both
 * tables; lib/credentials works on either through them.
 */
const credentialColumns = () => ({
  passwordHash: text("password_hash"),
  passwordChangedAt: ts("password_changed_at"),
  /** Bumped by every password change, reset, disable or "sign out everywhere". */
  sessionVersion: integer("session_version").notNull().default(1),
  failedSignIns: integer("failed_sign_ins").notNull().default(0),
  lockedUntil: ts("locked_until"),
  lastSignInAt: ts("last_sign_in_at"),
});

export const userTypeEnum = pgEnum("user_type", userTypes);

/** The text the Users search matches: what `users_search_trgm_idx` indexes. */
export function userSearchText(t: { displayName: unknown; username: unknown }) {
  return sql`(lower(${t.displayName}) || ' ' || lower(${t.username}))`;
}

export const userStatuses = ["active", "disabled"] as const;
export const userStatusEnum = pgEnum("user_status", userStatuses);

export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  licenceCount: integer("licence_count").notNull().default(5),
  /** Per-organization switches, e.g. whether contact password emails name the username. */
  settings: jsonb("settings")
    .$type<{ includeUsernameInContactEmails?: boolean }>()
    .notNull()
    .default({}),
  createdAt: createdAt(),
});
export type Organization = typeof organizations.$inferSelect;

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** The sign-in name; resets are sent here, so it should be an email address. */
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    /** Where ordinary notifications go. Password resets never use it. */
    emailTo: text("email_to"),
    userType: userTypeEnum("user_type").notNull(),
    status: userStatusEnum("status").notNull().default("active"),
    ...credentialColumns(),
    createdAt: createdAt(),
  },
  (t) => [
    // Usernames are global: the console login has no organization field.
    uniqueIndex("users_username_lower_idx").on(sql`lower(${t.username})`),
    index("users_org_idx").on(t.organizationId, t.displayName),
    // The dashboard's active users per type: counted from the index alone (23 → 7 ms at 50,000
    // users in one organization, docs/performance.md).
    index("users_org_status_type_idx").on(t.organizationId, t.status, t.userType),
    // The Users search ("as you type", name or username, anywhere in the text): trigram GIN,
    // with the organization in the same index (btree_gin) so one company's search never
    // scans another's users. Needs the pg_trgm and btree_gin extensions (migration 0001).
    index("users_search_trgm_idx").using("gin", t.organizationId, sql`${userSearchText(t)} gin_trgm_ops`),
  ],
);
export type User = typeof users.$inferSelect;

export const resetPurposes = ["reset", "invite"] as const;
export const resetPurposeEnum = pgEnum("reset_purpose", resetPurposes);

export const passwordResets = pgTable(
  "password_resets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: resetPurposeEnum("purpose").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    codeHash: text("code_hash").notNull(),
    expiresAt: ts("expires_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    usedAt: ts("used_at"),
    /** Set when a newer request or a password change made this one void. */
    revokedAt: ts("revoked_at"),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    ip: text("ip"),
    createdAt: createdAt(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId, t.createdAt)],
);
export type PasswordReset = typeof passwordResets.$inferSelect;

export const appNameEnum = pgEnum("app_name", appNames);

export const appSessions = pgTable(
  "app_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    app: appNameEnum("app").notNull(),
    /** The user's session version when the token was issued; a newer one voids it. */
    sessionVersion: integer("session_version").notNull(),
    expiresAt: ts("expires_at").notNull(),
    revokedAt: ts("revoked_at"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    /** Moved forward at most once a minute (SESSION_TOUCH_SECONDS), for the session lists. */
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [index("app_sessions_user_idx").on(t.userId)],
);
export type AppSession = typeof appSessions.$inferSelect;

export const browserSessionKinds = ["console", "storefront"] as const;
export type BrowserSessionKind = (typeof browserSessionKinds)[number];
export const browserSessionKindEnum = pgEnum("browser_session_kind", browserSessionKinds);

/**
 * A signed-in browser: the console's (a staff user) or a storefront's (a contact). The cookie
 * only points at its row, so signing out, an admin's revoke, the absolute lifetime and the idle
 * timeout end it on the server whatever the browser keeps.
 */
export const browserSessions = pgTable(
  "browser_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: browserSessionKindEnum("kind").notNull(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "cascade" }),
    /** The account's session version this session belongs to; a newer one ends it. */
    sessionVersion: integer("session_version").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    /** Moved forward at most once a minute (SESSION_TOUCH_SECONDS); the idle timeout counts from it. */
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    /** Absolute end, from sign-in: using the session never moves it. */
    expiresAt: ts("expires_at").notNull(),
    endedAt: ts("ended_at"),
  },
  (t) => [
    index("browser_sessions_user_idx").on(t.userId),
    index("browser_sessions_contact_idx").on(t.contactId),
    check("browser_sessions_one_account", sql`(${t.userId} is null) <> (${t.contactId} is null)`),
  ],
);
export type BrowserSession = typeof browserSessions.$inferSelect;

/** The argon2id hashes of an account's recent passwords (PASSWORD_HISTORY of them), the current one included. */
export const passwordHistory = pgTable(
  "password_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "cascade" }),
    hash: text("hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("password_history_user_idx").on(t.userId, t.createdAt),
    index("password_history_contact_idx").on(t.contactId, t.createdAt),
    check("password_history_one_account", sql`(${t.userId} is null) <> (${t.contactId} is null)`),
  ],
);

export const retailers = pgTable(
  "retailers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The wholesaler's own account code for the retailer (optional), unique per organization. */
    code: text("code"),
    /**
     * Set when an admin removes the retailer (only once it has no contacts left): the row stays
     * for the audit trail, it is left out of every list, and its account code is free again.
     */
    removedAt: ts("removed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("retailers_org_name_idx").on(t.organizationId, t.name),
    uniqueIndex("retailers_org_code_idx")
      .on(t.organizationId, sql`lower(${t.code})`)
      .where(sql`${t.removedAt} is null`),
    // The console searches contacts by any part of their retailer's name (pg_trgm).
    index("retailers_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
  ],
);
export type Retailer = typeof retailers.$inferSelect;

export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    retailerId: uuid("retailer_id")
      .notNull()
      .references(() => retailers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    email: text("email").notNull(),
    username: text("username").notNull(),
    websiteAccess: boolean("website_access").notNull().default(false),
    /** Its passwordHash is null after an admin reset or a sign-in with a temporary password: only the temporary one works. */
    ...credentialColumns(),
    tempPasswordHash: text("temp_password_hash"),
    tempPasswordExpiresAt: ts("temp_password_expires_at"),
    /** When the newest temporary password was emailed (kept after it is used or cancelled). */
    tempPasswordIssuedAt: ts("temp_password_issued_at"),
    /** Set by the one sign-in a temporary password allows; its hash stays until the new password is saved. */
    tempPasswordUsedAt: ts("temp_password_used_at"),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    /**
     * Set when an admin removes the contact: the row stays for the audit trail, but it cannot
     * sign in, is left out of every list, and its username is free for a new contact.
     */
    removedAt: ts("removed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    // A contact signs in on their organization's storefront, so usernames are unique per org
    // among the contacts not removed.
    uniqueIndex("contacts_org_username_idx")
      .on(t.organizationId, sql`lower(${t.username})`)
      .where(sql`${t.removedAt} is null`),
    index("contacts_retailer_idx").on(t.retailerId),
    // The console searches contacts by any part of their name (pg_trgm).
    index("contacts_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
  ],
);
export type Contact = typeof contacts.$inferSelect;

export const emailStatuses = ["pending", "sent", "failed"] as const;
export const emailStatusEnum = pgEnum("email_status", emailStatuses);

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").references(() => organizations.id, {
      onDelete: "set null",
    }),
    /** The user or contact the message is about, so the console can show failures. */
    subjectUserId: uuid("subject_user_id"),
    template: text("template").notNull(),
    toAddress: text("to_address").notNull(),
    /** The sender's display name when it is not the product's (a contact's organization); the address stays MAIL_FROM's. */
    fromName: text("from_name"),
    subject: text("subject").notNull(),
    /** Rendered bodies; emptied once delivered because they may hold a code or password. */
    html: text("html"),
    text: text("text"),
    status: emailStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    /** A delivery lease: a sender that dies mid-send leaves the row to be retried after it. */
    lockedUntil: ts("locked_until"),
    lastError: text("last_error"),
    providerId: text("provider_id"),
    sentAt: ts("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);
export type EmailOutboxRow = typeof emailOutbox.$inferSelect;

/** What the dev transport "sends": read by /dev/mailbox and the e2e tests. */
export const devMailbox = pgTable(
  "dev_mailbox",
  {
    id: serial("id").primaryKey(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    sentAt: ts("sent_at").notNull().defaultNow(),
  },
  (t) => [index("dev_mailbox_to_idx").on(sql`lower(${t.toAddress})`, t.id)],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: uuid("organization_id").references(() => organizations.id, {
      onDelete: "cascade",
    }),
    action: text("action").notNull(),
    actorType: text("actor_type").notNull(),
    actorId: uuid("actor_id"),
    targetType: text("target_type"),
    targetId: uuid("target_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  // Chosen from EXPLAIN ANALYZE on 10 M events (docs/performance.md): each console query reads
  // only its own rows, in the order it shows them, so its cost stays flat as the trail grows.
  (t) => [
    // Activity, newest first (ORDER BY id DESC within one organization; page 50 walks 2,500 entries).
    index("audit_events_org_id_idx").on(t.organizationId, t.id),
    // Activity filtered by event type: only that type's entries, already in id order (a rare
    // type used to walk the whole trail backwards looking for matches).
    index("audit_events_org_action_id_idx").on(t.organizationId, t.action, t.id),
    // The dashboard's 30-day trend: an index-only range per counted action.
    index("audit_events_org_action_created_idx").on(t.organizationId, t.action, t.createdAt),
    // Activity by user (actor OR target: a BitmapOr of the two) and a contact's history.
    index("audit_events_actor_idx").on(t.actorId, t.id),
    index("audit_events_target_idx").on(t.targetId, t.id),
    // The retention purge: the oldest events, whatever their organization.
    index("audit_events_created_idx").on(t.createdAt),
  ],
);
export type AuditEvent = typeof auditEvents.$inferSelect;

export const apiKeyScopes = ["read", "write"] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/**
 * An organization's management API keys (/api/v1). The secret is shown once; only its HMAC
 * digest is kept, beside a short visible prefix that lets an admin recognise it.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The secret's first characters (`gh_live_` and six more): safe to show, useless alone. */
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull().unique(),
    scopes: text("scopes").array().$type<ApiKeyScope[]>().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: ts("expires_at"),
    revokedAt: ts("revoked_at"),
    /** Moved forward at most once a minute (SESSION_TOUCH_SECONDS), or when the address changes. */
    lastUsedAt: ts("last_used_at"),
    lastUsedIp: text("last_used_ip"),
    createdAt: createdAt(),
  },
  (t) => [index("api_keys_org_idx").on(t.organizationId, t.createdAt)],
);
export type ApiKey = typeof apiKeys.$inferSelect;

/**
 * The first answer to a POST carrying an Idempotency-Key, per API key: a replay within
 * IDEMPOTENCY_TTL_HOURS gets it again and changes nothing. A row without a status is a
 * request still running.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    apiKeyId: uuid("api_key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    fingerprint: text("fingerprint").notNull(),
    status: integer("status"),
    body: jsonb("body").$type<unknown>(),
    expiresAt: ts("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.apiKeyId, t.key] }),
    index("idempotency_keys_expires_idx").on(t.expiresAt),
  ],
);

/** rate-limiter-flexible's Drizzle store: shared by every app instance on the database. */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: ts("expire"),
});

export const importKinds = ["contacts", "staff"] as const;
export const importKindEnum = pgEnum("import_kind", importKinds);
/** preview: parsed and validated, nothing written; queued → running → done once confirmed. */
export const importStatuses = ["preview", "queued", "running", "done"] as const;
export const importStatusEnum = pgEnum("import_status", importStatuses);
export const importOutcomes = ["created", "updated", "unchanged", "failed"] as const;
export const importOutcomeEnum = pgEnum("import_outcome", importOutcomes);

/** A CSV import: its preview, then the job a runner works through batch by batch (lib/imports). */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    kind: importKindEnum("kind").notNull(),
    status: importStatusEnum("status").notNull().default("preview"),
    /** The admin who uploaded and confirmed it: the actor of every change it makes. */
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** Or the API key that started it through /api/v1 (then created_by is null): the key is the actor. */
    createdByApiKey: uuid("created_by_api_key").references(() => apiKeys.id, { onDelete: "set null" }),
    filename: text("filename").notNull(),
    totalRows: integer("total_rows").notNull(),
    /** Rows with a problem found by the preview; confirming needs none. */
    problemRows: integer("problem_rows").notNull().default(0),
    /** New accounts the preview expects (staff: licences needed). */
    plannedCreates: integer("planned_creates").notNull().default(0),
    sendWelcome: boolean("send_welcome").notNull().default(false),
    /** The confirming request's address and browser, recorded on every audit event the run writes. */
    confirmedIp: text("confirmed_ip"),
    confirmedUserAgent: text("confirmed_user_agent"),
    /** Rows done: every row numbered up to here has its outcome, written in the same transaction. */
    cursor: integer("cursor").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    /** The runner's lease: another instance takes the job over once it has run out. */
    lockedBy: text("locked_by"),
    lockedUntil: ts("locked_until"),
    confirmedAt: ts("confirmed_at"),
    startedAt: ts("started_at"),
    finishedAt: ts("finished_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("import_jobs_org_created_idx").on(t.organizationId, t.createdAt),
    index("import_jobs_due_idx").on(t.status, t.createdAt).where(sql`${t.status} in ('queued', 'running')`),
  ],
);

/** One data row of an import's file, as parsed, with what the preview found and what the run did. */
export const importRows = pgTable(
  "import_rows",
  {
    jobId: uuid("job_id")
      .notNull()
      .references(() => importJobs.id, { onDelete: "cascade" }),
    /** The row's number in the file, the header being row 1. */
    rowNumber: integer("row_number").notNull(),
    username: text("username").notNull(),
    /** The row's parsed values (lib/imports/validate.ts), never a secret. */
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    /** What the preview found wrong (reasons, lib/copy/imports.ts words them); empty when none. */
    problems: jsonb("problems").$type<{ field: string; reason: string; message?: string }[]>().notNull().default([]),
    outcome: importOutcomeEnum("outcome"),
    reason: text("reason"),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.rowNumber] })],
);
