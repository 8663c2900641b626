import "server-only";
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { executeTogether, getDb } from "@/lib/infra/database";
import { apiKeys, auditEvents, contacts, retailers, users } from "@/db/schema";
import type { Db, Executor } from "@/lib/infra/database";
import type { RequestMeta } from "@/lib/web/request-context";

/** Every security-relevant thing Gatehouse records. Never a password, code or token. */
export const auditActions = [
  "signin.succeeded",
  "signin.failed",
  "signin.blocked",
  "account.locked",
  "signout",
  "app.signin.refused",
  "app.signout",
  "password.reset_requested",
  "password.reset_suppressed",
  "password.reset_completed",
  "password.reset_failed_code",
  "password.changed",
  "password.invite_created",
  "admin.reset_requested",
  "user.created",
  "user.updated",
  "user.disabled",
  "user.enabled",
  "sessions.revoked",
  "session.revoked",
  "session.others_ended",
  "licences.changed",
  "contact.reset_requested",
  "contact.reset_suppressed",
  "contact.admin_reset_requested",
  "contact.temp_password_issued",
  "contact.temp_password_cancelled",
  "contact.signin.succeeded",
  "contact.signin.failed",
  "contact.signin.blocked",
  "contact.locked",
  "contact.signout",
  "contact.session.revoked",
  "contact.session.others_ended",
  "contact.password_changed",
  "contact.updated",
  "contact.created",
  "contact.removed",
  "contact.welcome_sent",
  "retailer.created",
  "retailer.updated",
  "retailer.removed",
  "organization.settings_changed",
  "email.failed",
  "import.completed",
  "api_key.created",
  "api_key.revoked",
] as const;
export type AuditAction = (typeof auditActions)[number];

export type AuditInput = {
  action: AuditAction;
  organizationId: string | null;
  actor: { type: "user" | "contact" | "system" | "anonymous" | "api_key"; id?: string | null };
  target?: { type: "user" | "contact" | "retailer" | "email" | "organization" | "api_key"; id: string | null };
  meta?: RequestMeta;
  details?: Record<string, unknown>;
};

/**
 * Who acts for an organization through the console's verbs: a staff user (`id` is the user's),
 * or a management API key (`kind: "api_key"`, `id` is the key's). Audit events name either.
 */
export type Actor = { id: string; organizationId: string; kind?: "user" | "api_key" };

/** The actor as an audit event records it. */
export function auditActorOf(actor: Pick<Actor, "id" | "kind">): AuditInput["actor"] {
  return { type: actor.kind === "api_key" ? "api_key" : "user", id: actor.id };
}

/** recordAudit's insert, built but not run. */
function auditInsert(ex: Executor, input: AuditInput) {
  return ex.insert(auditEvents).values({
    organizationId: input.organizationId,
    action: input.action,
    actorType: input.actor.type,
    actorId: input.actor.id ?? null,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    ip: input.meta?.ip ?? null,
    userAgent: input.meta?.userAgent ?? null,
    details: input.details ?? {},
  });
}

export async function recordAudit(ex: Executor, input: AuditInput): Promise<void> {
  await auditInsert(ex, input);
}

/**
 * Runs `change` (an UPDATE, INSERT or DELETE) and records its audit event in one statement
 * (executeTogether): both or neither, in one round trip. For hot paths such as sign-in.
 */
export async function changeWithAudit(ex: Executor, change: { getSQL(): SQL }, input: AuditInput): Promise<void> {
  await executeTogether(ex, change, auditInsert(ex, input));
}

/** The Activity page's event-type filter: each label and the actions it covers. */
export const ACTIVITY_TYPES = {
  "sign-ins": { label: "Sign-ins", actions: ["signin.succeeded"] },
  "failed-sign-ins": { label: "Failed sign-ins", actions: ["signin.failed", "signin.blocked", "app.signin.refused"] },
  "lock-outs": { label: "Lock-outs", actions: ["account.locked"] },
  "reset-requested": { label: "Reset requested", actions: ["password.reset_requested", "password.reset_suppressed"] },
  "reset-completed": { label: "Reset completed", actions: ["password.reset_completed"] },
  "admin-resets": { label: "Admin resets", actions: ["admin.reset_requested"] },
  "password-changes": { label: "Password changes", actions: ["password.changed"] },
  "user-created": { label: "User created", actions: ["user.created", "password.invite_created"] },
  "user-edited": { label: "User edited", actions: ["user.updated"] },
  "user-disabled": { label: "User disabled or enabled", actions: ["user.disabled", "user.enabled"] },
  "sessions-revoked": { label: "Sessions revoked", actions: ["sessions.revoked", "signout", "app.signout"] },
  subscription: { label: "Licence changes", actions: ["licences.changed"] },
  email: { label: "Email failures", actions: ["email.failed"] },
  contacts: {
    label: "Contacts",
    actions: ["contact.reset_requested", "contact.admin_reset_requested", "contact.temp_password_issued", "contact.password_changed", "contact.locked", "contact.updated", "contact.created", "contact.removed", "contact.welcome_sent"],
  },
  retailers: { label: "Retailers", actions: ["retailer.created", "retailer.updated", "retailer.removed"] },
  imports: { label: "CSV imports", actions: ["import.completed"] },
  "api-keys": { label: "API keys", actions: ["api_key.created", "api_key.revoked"] },
} as const satisfies Record<string, { label: string; actions: readonly AuditAction[] }>;
export type ActivityType = keyof typeof ACTIVITY_TYPES;

/** Plain-language names for the activity table. */
export const ACTION_LABELS: Record<AuditAction, string> = {
  "signin.succeeded": "Signed in",
  "signin.failed": "Sign-in failed",
  "signin.blocked": "Sign-in refused (locked)",
  "account.locked": "Account locked",
  signout: "Signed out",
  "app.signin.refused": "App sign-in refused (app not allowed)",
  "app.signout": "Signed out of an app",
  "password.reset_requested": "Password reset requested",
  "password.reset_suppressed": "Reset email withheld (hourly limit)",
  "password.reset_completed": "Password reset completed",
  "password.reset_failed_code": "Wrong reset code entered",
  "password.changed": "Password changed",
  "password.invite_created": "Invitation sent",
  "admin.reset_requested": "Password reset sent by an admin",
  "user.created": "User created",
  "user.updated": "User edited",
  "user.disabled": "User disabled",
  "user.enabled": "User enabled",
  "sessions.revoked": "Signed out everywhere",
  "session.revoked": "Session signed out",
  "session.others_ended": "Signed out other sessions",
  "licences.changed": "Licence count changed",
  "organization.settings_changed": "Company settings changed",
  "contact.reset_requested": "Contact asked for a temporary password",
  "contact.reset_suppressed": "Contact temporary password withheld (limit)",
  "contact.admin_reset_requested": "Contact password reset by staff",
  "contact.temp_password_issued": "Contact temporary password sent",
  "contact.temp_password_cancelled": "Contact temporary password cancelled",
  "contact.signin.succeeded": "Contact signed in",
  "contact.signin.failed": "Contact sign-in failed",
  "contact.signin.blocked": "Contact sign-in refused (locked)",
  "contact.locked": "Contact locked",
  "contact.signout": "Contact signed out",
  "contact.session.revoked": "Contact session signed out",
  "contact.session.others_ended": "Contact signed out other sessions",
  "contact.password_changed": "Contact password changed",
  "contact.updated": "Contact edited",
  "contact.created": "Contact added",
  "contact.removed": "Contact removed",
  "contact.welcome_sent": "Contact welcome email sent",
  "retailer.created": "Retailer added",
  "retailer.updated": "Retailer renamed",
  "retailer.removed": "Retailer removed",
  "email.failed": "Email could not be delivered",
  "import.completed": "CSV import completed",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
};

export const ACTIVITY_PAGE_SIZE = 50;

export type ActivityRow = {
  id: number;
  action: string;
  createdAt: Date;
  ip: string | null;
  actorType: string;
  actorId: string | null;
  /** The staff user's or contact's name, when the actor is one of this organization's. */
  actorName: string | null;
  /** The acting contact was removed since. */
  actorRemoved: boolean;
  targetType: string | null;
  targetId: string | null;
  /** The user's, contact's or retailer's name, when the target is one of this organization's. */
  targetName: string | null;
  /** The contact or retailer was removed since: its name stays, its page is gone. */
  targetRemoved: boolean;
};

export type ActivityFilter = { userId?: string; type?: ActivityType; page?: number };

/** listActivity's query, built but not run (npm run bench explains it). */
export function activityQuery(db: Db, organizationId: string, filter: ActivityFilter = {}) {
  const actor = alias(users, "actor");
  const actorContact = alias(contacts, "actor_contact");
  const target = alias(users, "target");
  const actorKey = alias(apiKeys, "actor_key");
  const targetKey = alias(apiKeys, "target_key");
  const targetContact = alias(contacts, "target_contact");
  const targetRetailer = alias(retailers, "target_retailer");
  const offset = (Math.max(1, filter.page ?? 1) - 1) * ACTIVITY_PAGE_SIZE;
  const actions: readonly string[] = filter.type ? ACTIVITY_TYPES[filter.type].actions : [];
  const matching = (action?: SQL) =>
    and(
      eq(auditEvents.organizationId, organizationId),
      filter.userId ? or(eq(auditEvents.actorId, filter.userId), eq(auditEvents.targetId, filter.userId)) : undefined,
      action,
    );
  // The page's ids first, from an index alone (the offset skips index entries, not joined rows),
  // then the events and names for those 51 only: page 50 costs little more than page 1.
  // A type of several actions reads each action's newest entries in id order (one index range
  // each, never deeper than the page) and merges them: reading every entry of a common type
  // and sorting them grew with the trail.
  const pageIds: SQLWrapper =
    actions.length > 1
      ? sql`select id from unnest(array[${sql.join(
          actions.map((a) => sql`${a}`),
          sql`, `,
        )}]::text[]) as wanted(action) cross join lateral (
          select ${auditEvents.id} from ${auditEvents}
          where ${matching(sql`${auditEvents.action} = wanted.action`)}
          order by ${auditEvents.id} desc limit ${offset + ACTIVITY_PAGE_SIZE + 1}) newest
        order by id desc limit ${ACTIVITY_PAGE_SIZE + 1} offset ${offset}`
      : db
          .select({ id: auditEvents.id })
          .from(auditEvents)
          .where(matching(actions.length ? eq(auditEvents.action, actions[0]!) : undefined))
          .orderBy(desc(auditEvents.id))
          .limit(ACTIVITY_PAGE_SIZE + 1)
          .offset(offset);
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      createdAt: auditEvents.createdAt,
      ip: auditEvents.ip,
      actorType: auditEvents.actorType,
      actorId: auditEvents.actorId,
      // An API key acting is named by its key's name (Activity shows it as such).
      actorName: sql<string | null>`coalesce(${actor.displayName}, ${actorContact.name}, ${actorKey.name})`,
      actorRemoved: sql<boolean>`${actorContact.removedAt} is not null`,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      targetName: sql<string | null>`coalesce(${target.displayName}, ${targetContact.name}, ${targetRetailer.name}, ${targetKey.name})`,
      targetRemoved: sql<boolean>`coalesce(${targetContact.removedAt}, ${targetRetailer.removedAt}) is not null`,
    })
    .from(auditEvents)
    // Each name by the event's own type and always within the organization: an id of another
    // company's row (or of the wrong kind) names nobody. Primary-key lookups for 51 rows only.
    .leftJoin(actor, and(eq(auditEvents.actorType, "user"), eq(actor.id, auditEvents.actorId), eq(actor.organizationId, organizationId)))
    .leftJoin(
      actorContact,
      and(eq(auditEvents.actorType, "contact"), eq(actorContact.id, auditEvents.actorId), eq(actorContact.organizationId, organizationId)),
    )
    .leftJoin(
      actorKey,
      and(eq(auditEvents.actorType, "api_key"), eq(actorKey.id, auditEvents.actorId), eq(actorKey.organizationId, organizationId)),
    )
    .leftJoin(target, and(eq(auditEvents.targetType, "user"), eq(target.id, auditEvents.targetId), eq(target.organizationId, organizationId)))
    .leftJoin(
      targetContact,
      and(eq(auditEvents.targetType, "contact"), eq(targetContact.id, auditEvents.targetId), eq(targetContact.organizationId, organizationId)),
    )
    .leftJoin(
      targetKey,
      and(eq(auditEvents.targetType, "api_key"), eq(targetKey.id, auditEvents.targetId), eq(targetKey.organizationId, organizationId)),
    )
    .leftJoin(
      targetRetailer,
      and(eq(auditEvents.targetType, "retailer"), eq(targetRetailer.id, auditEvents.targetId), eq(targetRetailer.organizationId, organizationId)),
    )
    // `= any(array(…))`, not `in (…)`: the page's ids are computed once, first. With `in` the
    // planner may pull them up as a semi-join, and with seven name joins it joined every event
    // of the organization before keeping the page's (1.1 s at 1 M events; docs/performance.md).
    .where(and(eq(auditEvents.organizationId, organizationId), sql`${auditEvents.id} = any(array(${pageIds}))`))
    .orderBy(desc(auditEvents.id));
}

/** An organization's audit trail, newest first, by user (actor or target) and event type. */
export async function listActivity(organizationId: string, filter: ActivityFilter = {}): Promise<{ rows: ActivityRow[]; hasNext: boolean }> {
  const rows = await activityQuery(await getDb(), organizationId, filter);
  return { rows: rows.slice(0, ACTIVITY_PAGE_SIZE), hasNext: rows.length > ACTIVITY_PAGE_SIZE };
}

export type AuditEventFilter = {
  from?: Date;
  to?: Date;
  action?: AuditAction;
  targetType?: NonNullable<AuditInput["target"]>["type"];
  targetId?: string;
  /** The last id of the previous page (newest first, so the next page's ids are smaller). */
  beforeId?: number;
  limit: number;
};

export type AuditEventRow = {
  id: number;
  action: string;
  createdAt: Date;
  actorType: string;
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
};

/**
 * The management API's audit trail: an organization's events newest first, by time range,
 * action and target, a page of `limit` (+1 to tell whether there is more) after a cursor id.
 */
export async function listAuditEvents(organizationId: string, filter: AuditEventFilter): Promise<AuditEventRow[]> {
  const db = await getDb();
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      createdAt: auditEvents.createdAt,
      actorType: auditEvents.actorType,
      actorId: auditEvents.actorId,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      ip: auditEvents.ip,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organizationId, organizationId),
        filter.from ? gte(auditEvents.createdAt, filter.from) : undefined,
        filter.to ? lt(auditEvents.createdAt, filter.to) : undefined,
        filter.action ? eq(auditEvents.action, filter.action) : undefined,
        filter.targetType ? eq(auditEvents.targetType, filter.targetType) : undefined,
        filter.targetId ? eq(auditEvents.targetId, filter.targetId) : undefined,
        filter.beforeId !== undefined ? lt(auditEvents.id, filter.beforeId) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(filter.limit + 1);
}

export type DailyCounts = { day: string; resets: number; failedSignIns: number };

const TREND_RESETS = ["password.reset_requested", "admin.reset_requested"] as const satisfies readonly AuditAction[];
const TREND_FAILED = "signin.failed" satisfies AuditAction;

/** Password resets (requested or sent by an admin) and failed sign-ins per day, oldest first. */
export async function securityTrend(organizationId: string, days = 30): Promise<DailyCounts[]> {
  const db = await getDb();
  const since = new Date(Date.now() - (days - 1) * 86_400_000);
  since.setUTCHours(0, 0, 0, 0);
  const rows = await db
    .select({
      day: sql<string>`to_char(${auditEvents.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`,
      resets: sql<number>`count(*) filter (where ${inArray(auditEvents.action, [...TREND_RESETS])})::int`,
      failed: sql<number>`count(*) filter (where ${eq(auditEvents.action, TREND_FAILED)})::int`,
    })
    .from(auditEvents)
    // Naming the counted actions lets audit_events_org_action_idx read just them (index only),
    // instead of every event of the last 30 days.
    .where(
      and(
        eq(auditEvents.organizationId, organizationId),
        inArray(auditEvents.action, [...TREND_RESETS, TREND_FAILED]),
        gte(auditEvents.createdAt, since),
      ),
    )
    .groupBy(sql`1`);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    const r = byDay.get(day);
    return { day, resets: Number(r?.resets ?? 0), failedSignIns: Number(r?.failed ?? 0) };
  });
}
