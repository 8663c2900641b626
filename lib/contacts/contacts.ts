import { createElement } from "react";
import { and, count, desc, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Executor } from "@/db";
import { auditEvents, contacts, organizations, retailers, users } from "@/db/schema";
import ContactPasswordChangedEmail from "@/emails/contact-password-changed";
import ContactTemporaryPasswordEmail from "@/emails/contact-temporary-password";
import { recordAudit, type AuditAction } from "@/lib/audit/events";
import { env } from "@/lib/infra/env";
import { formatDateTime } from "@/lib/copy/format";
import { deliverAfterResponse, enqueueEmail } from "@/lib/mail";
import { getOrganizationSettings } from "@/lib/organizations/organizations";
import { burnVerify, hashSecret, needsRehash, verifySecret } from "@/lib/credentials/hashing";
import { isRecentPassword, PASSWORD_REUSED_MESSAGE, rememberPassword } from "@/lib/credentials/history";
import { evaluateContactPassword, policyMessage } from "@/lib/credentials/policy";
import { consumeRateLimit } from "@/lib/infra/rate-limit";
import type { RequestMeta } from "@/lib/web/request-context";
import { isUuid, pageNumberField, searchQueryField } from "@/lib/web/schemas";
import { LOCKOUT } from "@/lib/staff/sign-in";
import { newTemporaryPassword } from "@/lib/credentials/temporary-password";

/**
 * Retailers' contacts: their storefront sign-in, "Forgot Your Password", the temporary
 * password and forced change, and the console's search, details and reset. Every function
 * that staff reach takes the acting organization id and filters on it; a hash never leaves.
 */

/** Lifetime and email budget of temporary passwords (env-overridable, see README). */
export const CONTACT_TEMP_PASSWORD = {
  ttlHours: env.CONTACT_TEMP_PASSWORD_HOURS,
  emailsPerHour: env.CONTACT_RESET_EMAILS_PER_HOUR,
} as const;

export function temporaryPasswordValidFor(): string {
  const h = CONTACT_TEMP_PASSWORD.ttlHours;
  return h === 1 ? "1 hour" : `${h} hours`;
}


/** Contact usernames are unique per organization and matched case-insensitively. */
function usernameIs(organizationId: string, username: string): SQL {
  return and(eq(contacts.organizationId, organizationId), sql`lower(${contacts.username}) = lower(${username})`)!;
}

/** Rate-limit key of one storefront username (known or not). */
const usernameKey = (organizationId: string, username: string) => `${organizationId}:${username.trim()}`;

/** A contact as the password flows need them (no secrets). */
type ContactRef = {
  id: string;
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
  name: string;
  email: string;
  username: string;
  websiteAccess: boolean;
};

async function findContactRef(where: SQL): Promise<ContactRef | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      id: contacts.id,
      organizationId: contacts.organizationId,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
      name: contacts.name,
      email: contacts.email,
      username: contacts.username,
      websiteAccess: contacts.websiteAccess,
    })
    .from(contacts)
    .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
    .where(where)
    .limit(1);
  return row ?? null;
}

function storefrontUrl(slug: string, page: "login" | "forgot-password"): string {
  return new URL(`/store/${slug}/${page}`, env.APP_URL).toString();
}

// ---------------------------------------------------------------------------------------
// Console: search and details
// ---------------------------------------------------------------------------------------

/** An audit event the contact did to their own account (sign-in, change, sign-out…). */
function auditOwnAction(
  ex: Executor,
  contact: { id: string; organizationId: string },
  action: AuditAction,
  meta: RequestMeta,
  details?: Record<string, unknown>,
) {
  return recordAudit(ex, {
    action,
    organizationId: contact.organizationId,
    actor: { type: "contact", id: contact.id },
    target: { type: "contact", id: contact.id },
    meta,
    details,
  });
}

export type ContactListRow = {
  id: string;
  name: string;
  email: string;
  username: string;
  websiteAccess: boolean;
  retailerName: string;
};

export const CONTACT_SEARCH_PAGE_SIZE = 20;

/** The console's and the apps' search box: a few words at most, and a page number. */
export const contactSearchSchema = z.object({ q: searchQueryField, page: pageNumberField });

export type ContactSearchResult = {
  rows: ContactListRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
};

const listColumns = {
  id: contacts.id,
  name: contacts.name,
  email: contacts.email,
  username: contacts.username,
  websiteAccess: contacts.websiteAccess,
  retailerName: retailers.name,
};

/** LIKE treats % and _ as wildcards; a search for them means the characters themselves. */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of an organization's contacts whose retailer name or own name contains `q`
 * (case-insensitive; trigram indexes serve it). An empty `q` lists them all.
 */
export async function searchContacts(
  organizationId: string,
  q: string,
  options: { page?: number; pageSize?: number } = {},
): Promise<ContactSearchResult> {
  const pageSize = Math.min(Math.max(options.pageSize ?? CONTACT_SEARCH_PAGE_SIZE, 1), 100);
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const term = q.trim().slice(0, 100);
  const where = and(
    eq(contacts.organizationId, organizationId),
    term ? or(ilike(retailers.name, likePattern(term)), ilike(contacts.name, likePattern(term))) : undefined,
  );
  const db = await getDb();
  const [rows, [counted]] = await Promise.all([
    db
      .select(listColumns)
      .from(contacts)
      .innerJoin(retailers, eq(retailers.id, contacts.retailerId))
      .where(where)
      .orderBy(retailers.name, contacts.name, contacts.id)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(contacts).innerJoin(retailers, eq(retailers.id, contacts.retailerId)).where(where),
  ]);
  const total = Number(counted?.n ?? 0);
  return { rows, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

export type TemporaryPasswordStatus =
  /** Never sent. */
  | "none"
  /** Sent, not used, not expired. */
  | "pending"
  /** Sent and not used in time. */
  | "expired"
  /** Used to sign in; the contact has not chosen a new password yet. */
  | "awaiting_new_password"
  /** Used, and the contact saved a new password. */
  | "completed"
  /** Cancelled: the contact signed in with their previous password, or website access was turned off. */
  | "cancelled";

export type ContactDetails = ContactListRow & {
  lastSignInAt: Date | null;
  passwordChangedAt: Date | null;
  /** Whether a password of the contact's own is set (false after an admin reset, until they choose one). */
  hasPassword: boolean;
  locked: boolean;
  temporaryPassword: {
    status: TemporaryPasswordStatus;
    lastSentAt: Date | null;
    expiresAt: Date | null;
    /** Who asked for the newest one: the contact (storefront), or staff in the console or an app. */
    requestedBy: { via: "storefront" | "console" | "app"; staffName: string | null } | null;
  };
};

/**
 * One contact of the acting organization, for the console: never a hash, only whether a
 * password is set and the state of the newest temporary password. Another organization's
 * contact, or an id that is not one, is null (the page answers 404).
 */
export async function getContactDetails(organizationId: string, contactId: string): Promise<ContactDetails | null> {
  if (!isUuid(contactId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      ...listColumns,
      lastSignInAt: contacts.lastSignInAt,
      passwordChangedAt: contacts.passwordChangedAt,
      hasPassword: sql<boolean>`(${contacts.passwordHash} is not null)`,
      locked: sql<boolean>`coalesce(${contacts.lockedUntil} > now(), false)`,
      tempHeld: sql<boolean>`(${contacts.tempPasswordHash} is not null)`,
      tempExpired: sql<boolean>`coalesce(${contacts.tempPasswordExpiresAt} <= now(), true)`,
      tempIssuedAt: contacts.tempPasswordIssuedAt,
      tempExpiresAt: contacts.tempPasswordExpiresAt,
      tempUsedAt: contacts.tempPasswordUsedAt,
    })
    .from(contacts)
    .innerJoin(retailers, eq(retailers.id, contacts.retailerId))
    .where(and(eq(contacts.id, contactId), eq(contacts.organizationId, organizationId)))
    .limit(1);
  if (!row) return null;

  const [issued] = row.tempIssuedAt
    ? await db
        .select({ details: auditEvents.details, staffName: users.displayName })
        .from(auditEvents)
        .leftJoin(users, and(eq(users.id, auditEvents.actorId), eq(users.organizationId, organizationId)))
        .where(
          and(
            eq(auditEvents.organizationId, organizationId),
            eq(auditEvents.targetId, contactId),
            eq(auditEvents.action, "contact.temp_password_issued"),
          ),
        )
        .orderBy(desc(auditEvents.id))
        .limit(1)
    : [];
  const via = issued?.details.via;

  let status: TemporaryPasswordStatus;
  if (!row.tempIssuedAt) status = "none";
  else if (row.tempHeld && row.tempUsedAt) status = "awaiting_new_password";
  else if (row.tempHeld) status = row.tempExpired ? "expired" : "pending";
  else if (row.passwordChangedAt && row.passwordChangedAt >= row.tempIssuedAt) status = "completed";
  else status = "cancelled";

  const { tempHeld: _h, tempExpired: _e, tempIssuedAt, tempExpiresAt, tempUsedAt: _u, ...details } = row;
  return {
    ...details,
    temporaryPassword: {
      status,
      lastSentAt: tempIssuedAt,
      expiresAt: row.tempHeld ? tempExpiresAt : null,
      requestedBy:
        via === "storefront" || via === "console" || via === "app"
          ? { via, staffName: via === "storefront" ? null : (issued?.staffName ?? null) }
          : null,
    },
  };
}

// ---------------------------------------------------------------------------------------
// Issuing temporary passwords: Forgot Your Password, and staff resets
// ---------------------------------------------------------------------------------------

type Requester = { via: "storefront" } | { via: "console" | "app"; staffUserId: string };

/**
 * Stores the temporary password's hash with its expiry, enqueues the email in the same
 * transaction, audits the request and the issue. A staff reset also revokes the contact's
 * password and ends their sessions; a self-service request changes nothing else.
 */
async function issueTemporaryPassword(
  contact: ContactRef,
  temporaryPassword: string,
  temporaryHash: string,
  requester: Requester,
  meta: RequestMeta,
): Promise<Date> {
  const byStaff = requester.via !== "storefront";
  const now = new Date();
  const expiresAt = new Date(now.getTime() + CONTACT_TEMP_PASSWORD.ttlHours * 3600_000);
  const { includeUsernameInContactEmails } = await getOrganizationSettings(contact.organizationId);
  const actor = byStaff ? ({ type: "user", id: requester.staffUserId } as const) : ({ type: "anonymous" } as const);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(contacts)
      .set({
        tempPasswordHash: temporaryHash,
        tempPasswordExpiresAt: expiresAt,
        tempPasswordIssuedAt: now,
        tempPasswordUsedAt: null,
        ...(byStaff
          ? {
              passwordHash: null,
              mustChangePassword: false,
              sessionVersion: sql`${contacts.sessionVersion} + 1`,
              failedSignIns: 0,
              lockedUntil: null,
            }
          : {}),
      })
      .where(and(eq(contacts.id, contact.id), eq(contacts.organizationId, contact.organizationId)));
    await enqueueEmail(tx, {
      to: contact.email,
      subject: `Your temporary password for the ${contact.organizationName} storefront`,
      template: "contact-temporary-password",
      element: createElement(ContactTemporaryPasswordEmail, {
        name: contact.name,
        organizationName: contact.organizationName,
        temporaryPassword,
        loginUrl: storefrontUrl(contact.organizationSlug, "login"),
        validFor: temporaryPasswordValidFor(),
        username: includeUsernameInContactEmails ? contact.username : null,
        requestedBy: byStaff ? "staff" : "contact",
      }),
      organizationId: contact.organizationId,
      subjectUserId: contact.id,
    });
    await recordAudit(tx, {
      action: byStaff ? "contact.admin_reset_requested" : "contact.reset_requested",
      organizationId: contact.organizationId,
      actor,
      target: { type: "contact", id: contact.id },
      meta,
      details: { via: requester.via, outcome: "issued" },
    });
    await recordAudit(tx, {
      action: "contact.temp_password_issued",
      organizationId: contact.organizationId,
      actor,
      target: { type: "contact", id: contact.id },
      meta,
      details: {
        via: requester.via,
        expiresAt: expiresAt.toISOString(),
        previousPasswordRevoked: byStaff,
        usernameIncluded: includeUsernameInContactEmails,
      },
    });
  });
  deliverAfterResponse();
  return expiresAt;
}

export type ContactResetRequestResult = { status: "accepted" } | { status: "rate_limited"; retryAfterSeconds: number };

/**
 * The storefront's "Forgot Your Password": when `username` names a contact of this
 * organization with website access, a temporary password is emailed to the contact's
 * address. The old password keeps working. The answer (and the argon2 work) is the same
 * whether or not anything was sent.
 */
export async function requestContactPasswordReset(
  organizationId: string,
  username: string,
  meta: RequestMeta,
): Promise<ContactResetRequestResult> {
  const limited = await consumeRateLimit("contactResetRequestPerIp", meta.ip);
  if (!limited.ok) return { status: "rate_limited", retryAfterSeconds: limited.retryAfterSeconds };

  // Every path pays for one argon2 hash, so the response time does not tell whether it sent.
  const temporaryPassword = newTemporaryPassword();
  const temporaryHash = await hashSecret(temporaryPassword);
  const contact = await findContactRef(usernameIs(organizationId, username));
  const budget = await consumeRateLimit("contactResetEmailsPerUsername", usernameKey(organizationId, username));
  const db = await getDb();

  if (!contact || !contact.websiteAccess) {
    await recordAudit(db, {
      action: "contact.reset_requested",
      organizationId,
      actor: { type: "anonymous" },
      target: contact ? { type: "contact", id: contact.id } : undefined,
      meta,
      details: { via: "storefront", outcome: contact ? "no_website_access" : "unknown_username" },
    });
    return { status: "accepted" };
  }
  if (!budget.ok) {
    await recordAudit(db, {
      action: "contact.reset_suppressed",
      organizationId,
      actor: { type: "anonymous" },
      target: { type: "contact", id: contact.id },
      meta,
      details: { via: "storefront", reason: "hourly_limit", limit: CONTACT_TEMP_PASSWORD.emailsPerHour },
    });
    return { status: "accepted" };
  }
  await issueTemporaryPassword(contact, temporaryPassword, temporaryHash, { via: "storefront" }, meta);
  return { status: "accepted" };
}

export type StaffContactResetResult =
  | { status: "sent"; email: string; expiresAt: Date }
  | { status: "not_found" }
  | { status: "no_website_access" }
  | { status: "suppressed"; retryAfterSeconds: number };

/**
 * Reset Password in the Management Portal (or an app user's reset): a temporary password is
 * emailed to the contact, and their old password stops working at once. Staff never see it.
 */
export async function resetContactPasswordByStaff(
  organizationId: string,
  contactId: string,
  actor: { userId: string; via: "console" | "app" },
  meta: RequestMeta,
): Promise<StaffContactResetResult> {
  if (!isUuid(contactId)) return { status: "not_found" };
  const contact = await findContactRef(and(eq(contacts.id, contactId), eq(contacts.organizationId, organizationId))!);
  if (!contact) return { status: "not_found" };
  if (!contact.websiteAccess) return { status: "no_website_access" };
  const budget = await consumeRateLimit("contactResetEmailsPerUsername", usernameKey(organizationId, contact.username));
  if (!budget.ok) {
    await recordAudit(await getDb(), {
      action: "contact.reset_suppressed",
      organizationId,
      actor: { type: "user", id: actor.userId },
      target: { type: "contact", id: contact.id },
      meta,
      details: { via: actor.via, reason: "hourly_limit", limit: CONTACT_TEMP_PASSWORD.emailsPerHour },
    });
    return { status: "suppressed", retryAfterSeconds: budget.retryAfterSeconds };
  }
  const temporaryPassword = newTemporaryPassword();
  const temporaryHash = await hashSecret(temporaryPassword);
  const expiresAt = await issueTemporaryPassword(
    contact,
    temporaryPassword,
    temporaryHash,
    { via: actor.via, staffUserId: actor.userId },
    meta,
  );
  return { status: "sent", email: contact.email, expiresAt };
}

// ---------------------------------------------------------------------------------------
// Storefront sign-in
// ---------------------------------------------------------------------------------------

/** What a storefront session is made from. */
export type SignedInContact = {
  id: string;
  organizationId: string;
  sessionVersion: number;
  mustChangePassword: boolean;
};

export type ContactSignInResult =
  | { ok: true; contact: SignedInContact; with: "password" | "temporary_password" }
  | { ok: false; reason: "invalid" | "temporary_expired" | "temporary_used" }
  | { ok: false; reason: "locked" | "rate_limited"; retryAfterSeconds: number };

/** What the storefront login says for each refusal (the same sentence for every kind of "invalid"). */
export const CONTACT_SIGN_IN_MESSAGES: Record<Exclude<ContactSignInResult, { ok: true }>["reason"], string> = {
  invalid: "The username or password is incorrect.",
  temporary_expired: "This temporary password has expired. Request a new one with Forgot Your Password.",
  temporary_used: "This temporary password has already been used. Request a new one with Forgot Your Password.",
  locked: `This account is locked for ${LOCKOUT.minutes} minutes after too many wrong passwords. Try again later.`,
  rate_limited: "Too many sign-in attempts. Wait a few minutes and try again.",
};

type SignInRow = {
  id: string;
  organizationId: string;
  websiteAccess: boolean;
  passwordHash: string | null;
  tempPasswordHash: string | null;
  tempPasswordExpiresAt: Date | null;
  tempPasswordUsedAt: Date | null;
  sessionVersion: number;
  mustChangePassword: boolean;
  lockedUntil: Date | null;
};

/**
 * Signs a contact in on their organization's storefront with their password or a temporary
 * one. Whichever they use, the other stops working: the password cancels a pending temporary
 * password; the temporary password (once, within its lifetime) revokes the old password and
 * requires a new one before anything else. Every refusal costs two argon2 verifies; unknown
 * usernames, contacts without website access and wrong passwords get "invalid".
 */
export async function signInContact(
  organizationId: string,
  input: { username: string; password: string },
  meta: RequestMeta,
): Promise<ContactSignInResult> {
  const byIp = await consumeRateLimit("contactSignInPerIp", meta.ip);
  if (!byIp.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: byIp.retryAfterSeconds };
  const byName = await consumeRateLimit("contactSignInPerUsername", usernameKey(organizationId, input.username));
  if (!byName.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: byName.retryAfterSeconds };

  const db = await getDb();
  const [row] = await db
    .select({
      id: contacts.id,
      organizationId: contacts.organizationId,
      websiteAccess: contacts.websiteAccess,
      passwordHash: contacts.passwordHash,
      tempPasswordHash: contacts.tempPasswordHash,
      tempPasswordExpiresAt: contacts.tempPasswordExpiresAt,
      tempPasswordUsedAt: contacts.tempPasswordUsedAt,
      sessionVersion: contacts.sessionVersion,
      mustChangePassword: contacts.mustChangePassword,
      lockedUntil: contacts.lockedUntil,
    })
    .from(contacts)
    .where(usernameIs(organizationId, input.username))
    .limit(1);

  if (!row || !row.websiteAccess || (!row.passwordHash && !row.tempPasswordHash)) {
    await burnVerify(input.password);
    await burnVerify(input.password);
    await recordAudit(db, {
      action: "contact.signin.failed",
      organizationId,
      actor: { type: "anonymous" },
      target: row ? { type: "contact", id: row.id } : undefined,
      meta,
      details: { reason: !row ? "unknown_username" : !row.websiteAccess ? "no_website_access" : "no_password" },
    });
    return { ok: false, reason: "invalid" };
  }

  if (row.lockedUntil && row.lockedUntil.getTime() > Date.now()) {
    // The answer says "locked", but the work is a wrong password's: two verifies.
    await burnVerify(input.password);
    await burnVerify(input.password);
    await recordAudit(db, {
      action: "contact.signin.blocked",
      organizationId,
      actor: { type: "anonymous" },
      target: { type: "contact", id: row.id },
      meta,
      details: { reason: "locked" },
    });
    return { ok: false, reason: "locked", retryAfterSeconds: secondsUntil(row.lockedUntil) };
  }

  const matchesPassword = row.passwordHash
    ? await verifySecret(row.passwordHash, input.password)
    : await burnVerify(input.password);
  if (matchesPassword) return signedInWithPassword(row, row.passwordHash!, input.password, meta);

  const matchesTemporary = row.tempPasswordHash
    ? await verifySecret(row.tempPasswordHash, input.password)
    : await burnVerify(input.password);
  if (!matchesTemporary) return recordWrongContactPassword(row, meta);

  const unusable = row.tempPasswordUsedAt
    ? "temporary_used"
    : !row.tempPasswordExpiresAt || row.tempPasswordExpiresAt.getTime() <= Date.now()
      ? "temporary_expired"
      : null;
  if (unusable) {
    // The right temporary password, too late or a second time: not a guess, so no lock-out count.
    await recordAudit(db, {
      action: "contact.signin.failed",
      organizationId,
      actor: { type: "anonymous" },
      target: { type: "contact", id: row.id },
      meta,
      details: { reason: unusable },
    });
    return { ok: false, reason: unusable };
  }
  return signedInWithTemporaryPassword(row, meta);
}

async function signedInWithPassword(
  row: SignInRow,
  passwordHash: string,
  password: string,
  meta: RequestMeta,
): Promise<ContactSignInResult> {
  const cancelsTemporary = row.tempPasswordHash !== null;
  const newHash = needsRehash(passwordHash) ? await hashSecret(password) : undefined;
  const db = await getDb();
  const state = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(contacts)
      .set({
        failedSignIns: 0,
        lockedUntil: null,
        lastSignInAt: new Date(),
        ...(newHash ? { passwordHash: newHash } : {}),
        ...(cancelsTemporary
          ? {
              tempPasswordHash: null,
              tempPasswordExpiresAt: null,
              tempPasswordUsedAt: null,
              mustChangePassword: false,
              // A half-finished forced change (should one exist) must not outlive the cancellation.
              ...(row.mustChangePassword ? { sessionVersion: sql`${contacts.sessionVersion} + 1` } : {}),
            }
          : {}),
      })
      .where(eq(contacts.id, row.id))
      .returning({ sessionVersion: contacts.sessionVersion, mustChangePassword: contacts.mustChangePassword });
    if (cancelsTemporary) {
      await auditOwnAction(tx, row, "contact.temp_password_cancelled", meta, { reason: "signed_in_with_password" });
    }
    await auditOwnAction(tx, row, "contact.signin.succeeded", meta, { with: "password", ...(newHash ? { rehashed: true } : {}) });
    return updated!;
  });
  return {
    ok: true,
    with: "password",
    contact: { id: row.id, organizationId: row.organizationId, ...state },
  };
}

async function signedInWithTemporaryPassword(row: SignInRow, meta: RequestMeta): Promise<ContactSignInResult> {
  const db = await getDb();
  const claimed = await db.transaction(async (tx) => {
    // Single use, even under concurrent sign-ins: only one update finds it unused and unexpired.
    const [updated] = await tx
      .update(contacts)
      .set({
        passwordHash: null,
        tempPasswordUsedAt: new Date(),
        mustChangePassword: true,
        sessionVersion: sql`${contacts.sessionVersion} + 1`,
        failedSignIns: 0,
        lockedUntil: null,
        lastSignInAt: new Date(),
      })
      .where(
        and(
          eq(contacts.id, row.id),
          eq(contacts.tempPasswordHash, row.tempPasswordHash!),
          isNull(contacts.tempPasswordUsedAt),
          sql`${contacts.tempPasswordExpiresAt} > now()`,
        ),
      )
      .returning({ sessionVersion: contacts.sessionVersion });
    if (!updated) return null;
    await auditOwnAction(tx, row, "contact.signin.succeeded", meta, { with: "temporary_password", previousPasswordRevoked: row.passwordHash !== null });
    return updated;
  });
  if (!claimed) return { ok: false, reason: "temporary_used" };
  return {
    ok: true,
    with: "temporary_password",
    contact: { id: row.id, organizationId: row.organizationId, sessionVersion: claimed.sessionVersion, mustChangePassword: true },
  };
}

/**
 * Counts a wrong password in one statement (instances sharing the database count together);
 * the attempt that reaches LOCKOUT_THRESHOLD locks the contact for LOCKOUT_MINUTES.
 */
export async function recordWrongContactPassword(
  row: Pick<SignInRow, "id" | "organizationId">,
  meta: RequestMeta,
): Promise<ContactSignInResult> {
  const db = await getDb();
  const reachesLimit = sql`${contacts.failedSignIns} + 1 >= ${LOCKOUT.threshold}`;
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(contacts)
      .set({
        failedSignIns: sql`case when ${reachesLimit} then 0 else ${contacts.failedSignIns} + 1 end`,
        lockedUntil: sql`case when ${reachesLimit} then now() + make_interval(mins => ${LOCKOUT.minutes}) else ${contacts.lockedUntil} end`,
      })
      .where(eq(contacts.id, row.id))
      .returning({ lockedUntil: contacts.lockedUntil, failedSignIns: contacts.failedSignIns });
    await recordAudit(tx, {
      action: "contact.signin.failed",
      organizationId: row.organizationId,
      actor: { type: "anonymous" },
      target: { type: "contact", id: row.id },
      meta,
      details: { reason: "wrong_password" },
    });
    const lockedNow = !!updated?.lockedUntil && updated.lockedUntil.getTime() > Date.now() && updated.failedSignIns === 0;
    if (!lockedNow || !updated?.lockedUntil) return { ok: false, reason: "invalid" } as const;
    await recordAudit(tx, {
      action: "contact.locked",
      organizationId: row.organizationId,
      actor: { type: "system" },
      target: { type: "contact", id: row.id },
      meta,
      details: { minutes: LOCKOUT.minutes },
    });
    return { ok: false, reason: "locked", retryAfterSeconds: secondsUntil(updated.lockedUntil) } as const;
  });
}

function secondsUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 1000));
}

export async function recordContactSignOut(contact: { id: string; organizationId: string }, meta: RequestMeta): Promise<void> {
  await recordAudit(await getDb(), {
    action: "contact.signout",
    organizationId: contact.organizationId,
    actor: { type: "contact", id: contact.id },
    target: { type: "contact", id: contact.id },
    meta,
  });
}

// ---------------------------------------------------------------------------------------
// Storefront sessions and the forced change
// ---------------------------------------------------------------------------------------

/** What a signed-in storefront request knows about its contact (no secrets). */
export type SessionContact = {
  id: string;
  name: string;
  username: string;
  email: string;
  retailerName: string;
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
  sessionVersion: number;
  websiteAccess: boolean;
  mustChangePassword: boolean;
  /** The storefront session (browser_sessions row) of this request. */
  sessionId: string;
};

/** The contact a storefront session names; lib/contact-session.ts adds the session. */
export async function findSessionContact(contactId: string): Promise<Omit<SessionContact, "sessionId"> | null> {
  if (!isUuid(contactId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: contacts.id,
      name: contacts.name,
      username: contacts.username,
      email: contacts.email,
      retailerName: retailers.name,
      organizationId: contacts.organizationId,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
      sessionVersion: contacts.sessionVersion,
      websiteAccess: contacts.websiteAccess,
      mustChangePassword: contacts.mustChangePassword,
    })
    .from(contacts)
    .innerJoin(retailers, eq(retailers.id, contacts.retailerId))
    .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
    .where(eq(contacts.id, contactId))
    .limit(1);
  return row ?? null;
}

export type ContactPasswordChangeInput = { newPassword: string; confirmPassword: string };

export type ContactPasswordChangeResult =
  | { ok: true; sessionVersion: number }
  | {
      ok: false;
      /** "signed_out": the session is no longer valid; "not_required": there is no forced change to make. */
      reason?: "signed_out" | "not_required";
      message?: string;
      fieldErrors?: Partial<Record<keyof ContactPasswordChangeInput, string>>;
    };

/**
 * The forced change after a temporary-password sign-in: a new password that meets the
 * contact rules and is not the temporary one. Ends every other storefront session (the
 * caller re-issues this browser's cookie with the returned version) and emails a notice.
 */
export async function changeContactPassword(
  session: { contactId: string; organizationId: string; sessionVersion: number },
  input: ContactPasswordChangeInput,
  meta: RequestMeta,
): Promise<ContactPasswordChangeResult> {
  if (!isUuid(session.contactId)) return { ok: false, reason: "signed_out" };
  const db = await getDb();
  const [row] = await db
    .select({
      name: contacts.name,
      email: contacts.email,
      sessionVersion: contacts.sessionVersion,
      websiteAccess: contacts.websiteAccess,
      mustChangePassword: contacts.mustChangePassword,
      tempPasswordHash: contacts.tempPasswordHash,
      passwordHash: contacts.passwordHash,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
    })
    .from(contacts)
    .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
    .where(and(eq(contacts.id, session.contactId), eq(contacts.organizationId, session.organizationId)))
    .limit(1);
  if (!row || !row.websiteAccess || row.sessionVersion !== session.sessionVersion) {
    return { ok: false, reason: "signed_out", message: "Your session has ended. Sign in again." };
  }
  if (!row.mustChangePassword) return { ok: false, reason: "not_required" };

  if (input.newPassword !== input.confirmPassword) {
    return { ok: false, fieldErrors: { confirmPassword: "The two new passwords do not match." } };
  }
  const policy = evaluateContactPassword(input.newPassword);
  if (!policy.ok) return { ok: false, fieldErrors: { newPassword: policyMessage(policy) } };
  if (row.tempPasswordHash && (await verifySecret(row.tempPasswordHash, input.newPassword))) {
    return { ok: false, fieldErrors: { newPassword: "Choose a password different from your temporary password." } };
  }
  if (await isRecentPassword({ contactId: session.contactId }, input.newPassword)) {
    return { ok: false, fieldErrors: { newPassword: PASSWORD_REUSED_MESSAGE } };
  }

  const newHash = await hashSecret(input.newPassword);
  const now = new Date();
  const saved = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(contacts)
      .set({
        passwordHash: newHash,
        passwordChangedAt: now,
        tempPasswordHash: null,
        tempPasswordExpiresAt: null,
        tempPasswordUsedAt: null,
        mustChangePassword: false,
        sessionVersion: sql`${contacts.sessionVersion} + 1`,
        failedSignIns: 0,
        lockedUntil: null,
      })
      .where(
        and(
          eq(contacts.id, session.contactId),
          eq(contacts.sessionVersion, session.sessionVersion),
          eq(contacts.mustChangePassword, true),
        ),
      )
      .returning({ sessionVersion: contacts.sessionVersion });
    if (!updated) return null;
    await rememberPassword(tx, { contactId: session.contactId }, newHash, row.passwordHash);
    await enqueueEmail(tx, {
      to: row.email,
      subject: `Your ${row.organizationName} storefront password was changed`,
      template: "contact-password-changed",
      element: createElement(ContactPasswordChangedEmail, {
        name: row.name,
        organizationName: row.organizationName,
        changedAt: formatDateTime(now),
        forgotUrl: storefrontUrl(row.organizationSlug, "forgot-password"),
      }),
      organizationId: session.organizationId,
      subjectUserId: session.contactId,
    });
    await auditOwnAction(tx, { id: session.contactId, organizationId: session.organizationId }, "contact.password_changed", meta, { how: "forced_after_temporary_password" });
    return updated;
  });
  if (!saved) return { ok: false, reason: "signed_out", message: "Your session has ended. Sign in again." };
  deliverAfterResponse();
  return { ok: true, sessionVersion: saved.sessionVersion };
}

// ---------------------------------------------------------------------------------------
// Console: website access
// ---------------------------------------------------------------------------------------

export type WebsiteAccessResult = { status: "updated"; websiteAccess: boolean } | { status: "not_found" };

/**
 * Turns a contact's storefront access on or off. Turning it off ends their sessions and
 * cancels a pending temporary password, so turning it on again does not revive one already
 * emailed; their own password comes back with access.
 */
export async function setContactWebsiteAccess(
  organizationId: string,
  contactId: string,
  enabled: boolean,
  actor: { userId: string },
  meta: RequestMeta,
): Promise<WebsiteAccessResult> {
  if (!isUuid(contactId)) return { status: "not_found" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ websiteAccess: contacts.websiteAccess, holdsTemporary: sql<boolean>`(${contacts.tempPasswordHash} is not null)` })
      .from(contacts)
      .where(and(eq(contacts.id, contactId), eq(contacts.organizationId, organizationId)))
      .for("update")
      .limit(1);
    if (!current) return { status: "not_found" } as const;
    if (current.websiteAccess === enabled) return { status: "updated", websiteAccess: enabled } as const;
    await tx
      .update(contacts)
      .set({
        websiteAccess: enabled,
        ...(enabled
          ? {}
          : {
              sessionVersion: sql`${contacts.sessionVersion} + 1`,
              tempPasswordHash: null,
              tempPasswordExpiresAt: null,
              tempPasswordUsedAt: null,
            }),
      })
      .where(and(eq(contacts.id, contactId), eq(contacts.organizationId, organizationId)));
    await recordAudit(tx, {
      action: "contact.updated",
      organizationId,
      actor: { type: "user", id: actor.userId },
      target: { type: "contact", id: contactId },
      meta,
      details: { websiteAccess: enabled },
    });
    if (!enabled && current.holdsTemporary) {
      await recordAudit(tx, {
        action: "contact.temp_password_cancelled",
        organizationId,
        actor: { type: "user", id: actor.userId },
        target: { type: "contact", id: contactId },
        meta,
        details: { reason: "website_access_off" },
      });
    }
    return { status: "updated", websiteAccess: enabled } as const;
  });
}
