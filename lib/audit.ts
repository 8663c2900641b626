import { and, desc, eq } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import type { Executor } from "@/db";
import type { RequestMeta } from "./request-context";

/** Every security-relevant thing Gatehouse records. Never a password, code or token. */
export const auditActions = [
  "signin.succeeded",
  "signin.failed",
  "signin.blocked",
  "account.locked",
  "signout",
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
  "contact.password_changed",
  "contact.updated",
  "organization.settings_changed",
  "email.failed",
] as const;
export type AuditAction = (typeof auditActions)[number];

export type AuditInput = {
  action: AuditAction;
  organizationId: string | null;
  actor: { type: "user" | "contact" | "system" | "anonymous"; id?: string | null };
  target?: { type: "user" | "contact" | "email" | "organization"; id: string | null };
  meta?: RequestMeta;
  details?: Record<string, unknown>;
};

export async function recordAudit(ex: Executor, input: AuditInput): Promise<void> {
  await ex.insert(auditEvents).values({
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

export type AuditEventView = {
  id: number;
  action: string;
  actorType: string;
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  createdAt: Date;
  details: Record<string, unknown>;
};

/** An organization's newest events, optionally about one target. */
export async function listAuditEvents(
  ex: Executor,
  organizationId: string,
  options: { targetId?: string; limit?: number } = {},
): Promise<AuditEventView[]> {
  return ex
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      actorType: auditEvents.actorType,
      actorId: auditEvents.actorId,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      ip: auditEvents.ip,
      createdAt: auditEvents.createdAt,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organizationId, organizationId),
        options.targetId ? eq(auditEvents.targetId, options.targetId) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(options.limit ?? 50);
}
