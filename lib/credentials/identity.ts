import "server-only";
import { and, eq, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Executor } from "@/lib/infra/database";
import { appSessions, contacts, passwordResets, users } from "@/db/schema";
import { recordAudit, type Actor, type AuditAction, type AuditInput } from "@/lib/audit/events";
import type { RequestMeta } from "@/lib/web/request-context";

/**
 * The two kinds of account that hold a password: staff users (console and apps) and
 * retailers' contacts (storefront). Both tables spread db/schema.ts's credential columns, so
 * the credential core (lock-out, sign-in, password change, revocation) is written once over
 * this descriptor; what differs is the table, the audit names and what else a revocation ends.
 */
type IdentityOf<K extends "user" | "contact", T extends typeof users | typeof contacts> = {
  /** The audit events' actor and target type. */
  kind: K;
  table: T;
  events: { signInFailed: AuditAction; signInBlocked: AuditAction; signInSucceeded: AuditAction; locked: AuditAction };
  /** The account as password_history and browser_sessions name it. */
  owner(id: string): K extends "user" ? { userId: string } : { contactId: string };
  /** Ends what an account holds beside its browser sessions: app tokens. Returns how many. */
  revokeTokens(ex: Executor, id: string): Promise<number>;
  /**
   * Voids every way to set a password that was emailed before: open resets and invites for
   * staff, a pending temporary password for contacts. Returns how many, for the audit.
   */
  voidResets(ex: Executor, id: string): Promise<number>;
};

export const staffIdentity: IdentityOf<"user", typeof users> = {
  kind: "user",
  table: users,
  events: { signInFailed: "signin.failed", signInBlocked: "signin.blocked", signInSucceeded: "signin.succeeded", locked: "account.locked" },
  owner: (id) => ({ userId: id }),
  async revokeTokens(ex, id) {
    const revoked = await ex
      .update(appSessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(appSessions.userId, id), isNull(appSessions.revokedAt)))
      .returning({ id: appSessions.id });
    return revoked.length;
  },
  async voidResets(ex, id) {
    const voided = await ex
      .update(passwordResets)
      .set({ revokedAt: new Date() })
      .where(and(eq(passwordResets.userId, id), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt)))
      .returning({ id: passwordResets.id });
    return voided.length;
  },
};

/**
 * A contact's columns with no temporary password pending, and so no forced change to make
 * (issued-at stays, for the console's history).
 */
export const NO_TEMPORARY_PASSWORD = {
  tempPasswordHash: null,
  tempPasswordExpiresAt: null,
  tempPasswordUsedAt: null,
  mustChangePassword: false,
} as const;

export const contactIdentity: IdentityOf<"contact", typeof contacts> = {
  kind: "contact",
  table: contacts,
  events: {
    signInFailed: "contact.signin.failed",
    signInBlocked: "contact.signin.blocked",
    signInSucceeded: "contact.signin.succeeded",
    locked: "contact.locked",
  },
  owner: (id) => ({ contactId: id }),
  // Contacts have no app tokens: their only sessions are storefront browsers.
  revokeTokens: async () => 0,
  async voidResets(ex, id) {
    const voided = await ex
      .update(contacts)
      .set(NO_TEMPORARY_PASSWORD)
      .where(and(eq(contacts.id, id), or(isNotNull(contacts.tempPasswordHash), eq(contacts.mustChangePassword, true))))
      .returning({ id: contacts.id });
    return voided.length;
  },
};

export type Identity = typeof staffIdentity | typeof contactIdentity;

/** An account as the credential core needs it: which one, and its organization. */
export type AccountKey = { id: string; organizationId: string };

/** Who made something happen to an account: the account itself, a stranger, the system, or a staff user. */
/** Staff acting on an account: a user in the console or an app, or a management API key. */
export type StaffActorRef = { userId: string } | { apiKeyId: string };
export type AccountEventActor = "self" | "anonymous" | "system" | StaffActorRef;

/** The console verbs' Actor as an account event's actor. */
export function actorRefOf(actor: Actor): StaffActorRef {
  return actor.kind === "api_key" ? { apiKeyId: actor.id } : { userId: actor.id };
}

/**
 * Records "something happened to this account" (its sign-in, lock-out, password, sessions…):
 * the account is the target, and the actor as given.
 */
export function auditAccount(
  ex: Executor,
  identity: Identity,
  /** Null for a username that names no account: the event has no target. */
  account: AccountKey | null,
  event: {
    action: AuditAction;
    actor: AccountEventActor;
    meta?: RequestMeta;
    details?: Record<string, unknown>;
    /** The organization the event belongs to, when it is not the account's (or there is no account). */
    organizationId?: string | null;
  },
): Promise<void> {
  const { actor } = event;
  const auditActor: AuditInput["actor"] =
    actor === "self" && account
      ? { type: identity.kind, id: account.id }
      : typeof actor === "string"
        ? { type: actor === "system" ? "system" : "anonymous" }
        : "apiKeyId" in actor
          ? { type: "api_key", id: actor.apiKeyId }
          : { type: "user", id: actor.userId };
  return recordAudit(ex, {
    action: event.action,
    organizationId: event.organizationId === undefined ? (account?.organizationId ?? null) : event.organizationId,
    actor: auditActor,
    target: account ? { type: identity.kind, id: account.id } : undefined,
    meta: event.meta,
    details: event.details,
  });
}

/**
 * Ends every session of an account: its session version moves on (every browser session and
 * app token names the version it was started with) and its app tokens are revoked. Returns
 * the new version.
 */
export async function endAllSessions(ex: Executor, identity: Identity, id: string): Promise<number> {
  const t = identity.table;
  const [row] = await ex
    .update(t)
    .set({ sessionVersion: sql`${t.sessionVersion} + 1` })
    .where(eq(t.id, id))
    .returning({ sessionVersion: t.sessionVersion });
  await identity.revokeTokens(ex, id);
  return row?.sessionVersion ?? 0;
}
