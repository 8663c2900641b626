import "server-only";
import { createElement } from "react";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Tx } from "@/lib/infra/database";
import { passwordResets, users } from "@/db/schema";
import PasswordResetEmail from "@/emails/password-reset";
import { recordAudit } from "@/lib/audit/events";
import { env } from "@/lib/infra/env";
import { deliverAfterResponse, enqueueEmail, renderEmail, type RenderedEmail } from "@/lib/mail";
import { applyNewPassword } from "@/lib/staff/password-change";
import { burnVerify, hashSecret, verifySecret } from "@/lib/credentials/hashing";
import { isRecentPassword, PASSWORD_REUSED_MESSAGE } from "@/lib/credentials/history";
import { checkStaffPassword, policyMessage } from "@/lib/credentials/policy";
import { consumeRateLimit } from "@/lib/infra/rate-limit";
import type { RequestMeta } from "@/lib/web/request-context";
import { digestToken, isWellFormedToken, newSixDigitCode, newToken } from "@/lib/credentials/tokens";
import { findUserById, findUserByUsername, voidOpenResets, type AccountRef } from "@/lib/staff/accounts";
import { NEW_PASSWORD_COPY, RESET_COPY } from "@/lib/copy/password";

/** Lifetimes and limits of emailed link + code resets (env-overridable, see README). */
export const RESET_POLICY = {
  resetTtlMinutes: env.RESET_TTL_MINUTES,
  inviteTtlHours: env.INVITE_TTL_HOURS,
  maxCodeAttempts: env.RESET_MAX_CODE_ATTEMPTS,
  emailsPerHour: env.RESET_EMAILS_PER_HOUR,
} as const;

export type ResetPurpose = "reset" | "invite";

/** A reset can only be emailed to a username that is an email address. */
export function isEmailAddress(value: string): boolean {
  return z.email().safeParse(value).success;
}

function ttlMs(purpose: ResetPurpose): number {
  return purpose === "invite" ? RESET_POLICY.inviteTtlHours * 3600_000 : RESET_POLICY.resetTtlMinutes * 60_000;
}

export function validForText(purpose: ResetPurpose): string {
  if (purpose === "invite") return `${RESET_POLICY.inviteTtlHours} hours`;
  const m = RESET_POLICY.resetTtlMinutes;
  return m === 1 ? "1 minute" : `${m} minutes`;
}

// ---------------------------------------------------------------------------------------
// The login page's username check
// ---------------------------------------------------------------------------------------

export type ResetUsernameCheck =
  | { status: "ok"; email: string }
  | { status: "not_email" }
  | { status: "unknown" }
  | { status: "rate_limited"; retryAfterSeconds: number };

/**
 * Whether the login page may offer "Reset Password" for this username. This is the product's
 * one deliberate disclosure of which usernames exist (docs/security.md); it is rate-limited per IP.
 */
export async function checkResetUsername(username: string, meta: RequestMeta): Promise<ResetUsernameCheck> {
  const limited = await consumeRateLimit("usernameCheckPerIp", meta.ip);
  if (!limited.ok) return { status: "rate_limited", retryAfterSeconds: limited.retryAfterSeconds };
  const user = await findUserByUsername(username);
  if (!user || user.status !== "active") return { status: "unknown" };
  if (!isEmailAddress(user.username)) return { status: "not_email" };
  return { status: "ok", email: user.username };
}

// ---------------------------------------------------------------------------------------
// Requesting a reset (login dialog, Forgot Password, an admin) and creating invites
// ---------------------------------------------------------------------------------------

export type RequestResetResult =
  | { status: "sent"; email: string }
  | { status: "suppressed" }
  | { status: "unknown" }
  | { status: "not_email" }
  | { status: "rate_limited"; retryAfterSeconds: number };

export type ResetRequester =
  | { via: "login" | "forgot-password" | "app" }
  | { via: "admin"; adminId: string; organizationId: string };

/**
 * Emails a link and a 6-digit code to the user's username address (never "email to").
 * Changes nothing about the account: the old password works until a new one is saved.
 */
export async function requestPasswordReset(
  username: string,
  meta: RequestMeta,
  requester: ResetRequester,
): Promise<RequestResetResult> {
  if (requester.via !== "admin") {
    const limited = await consumeRateLimit("resetRequestPerIp", meta.ip);
    if (!limited.ok) return { status: "rate_limited", retryAfterSeconds: limited.retryAfterSeconds };
  }
  const user = await findUserByUsername(username);
  const inScope = user && (requester.via !== "admin" || user.organizationId === requester.organizationId);
  if (!user || !inScope || user.status !== "active") {
    // Cost what a real request costs (one argon2 hash), so timing does not tell.
    await burnVerify(username);
    return { status: "unknown" };
  }
  return issueResetEmail(user, "reset", meta, requester);
}

/**
 * A "set your password" invite for a new user: the same link + code, valid INVITE_TTL_HOURS.
 * Runs in the caller's transaction (the one creating the user).
 */
export async function createInvite(
  tx: Tx,
  user: AccountRef,
  meta: RequestMeta,
  invitedBy: string,
): Promise<void> {
  await storeReset(tx, user, await prepareReset(user, "invite"), meta, invitedBy);
}

async function issueResetEmail(
  user: AccountRef,
  purpose: ResetPurpose,
  meta: RequestMeta,
  requester: ResetRequester,
): Promise<RequestResetResult> {
  // Every branch costs what a sent reset costs (hashing its code): one argon2 operation.
  if (!isEmailAddress(user.username)) {
    await burnVerify(user.username);
    return { status: "not_email" };
  }
  const db = await getDb();
  const budget = await consumeRateLimit("resetEmailsPerAccount", user.id);
  if (!budget.ok) {
    await burnVerify(user.username);
    await recordAudit(db, {
      action: "password.reset_suppressed",
      organizationId: user.organizationId,
      actor: requester.via === "admin" ? { type: "user", id: requester.adminId } : { type: "anonymous" },
      target: { type: "user", id: user.id },
      meta,
      details: { via: requester.via, reason: "hourly_limit", limit: RESET_POLICY.emailsPerHour },
    });
    return { status: "suppressed" };
  }
  // The argon2 hash and the email's rendering come first: the transaction holds a connection
  // (on PGlite, the only one) for the writes alone.
  const prepared = await prepareReset(user, purpose);
  const stored = await db.transaction((tx) =>
    storeReset(tx, user, prepared, meta, requester.via === "admin" ? requester.adminId : null, requester.via),
  );
  if (!stored) return { status: "unknown" };
  deliverAfterResponse();
  return { status: "sent", email: user.username };
}

type PreparedReset = {
  purpose: ResetPurpose;
  tokenHash: string;
  codeHash: string;
  email: RenderedEmail;
};

/** The new reset's secrets (kept only as digests) and its email, before any database work. */
async function prepareReset(user: AccountRef, purpose: ResetPurpose): Promise<PreparedReset> {
  const token = newToken();
  const code = newSixDigitCode();
  const url = new URL("/reset-password", env.APP_URL);
  url.searchParams.set("token", token);
  const [codeHash, email] = await Promise.all([
    hashSecret(code),
    renderEmail(
      createElement(PasswordResetEmail, {
        name: user.displayName,
        purpose,
        url: url.toString(),
        code,
        validFor: validForText(purpose),
        organizationName: user.organizationName,
      }),
    ),
  ]);
  return { purpose, tokenHash: digestToken(token), codeHash, email };
}

/**
 * Voids the user's older resets, stores the new one's digests, enqueues the email, audits.
 * Stores nothing (false) if the account changed since `user` was read.
 */
async function storeReset(
  tx: Tx,
  user: AccountRef,
  prepared: PreparedReset,
  meta: RequestMeta,
  requestedBy: string | null,
  via: string = "admin",
): Promise<boolean> {
  const { purpose } = prepared;
  const now = new Date();
  // Serialize with a concurrent password change or admin edit (each updates this row first):
  // either it voids this reset, or this reset is written after it. An edit that committed in
  // between moved the account away from the address and role this email was prepared for.
  const [current] = await tx
    .select({ username: users.username, userType: users.userType, status: users.status })
    .from(users)
    .where(eq(users.id, user.id))
    .for("update");
  if (!current || current.username !== user.username || current.userType !== user.userType || current.status !== "active") {
    return false;
  }
  await voidOpenResets(tx, user.id);
  const [reset] = await tx
    .insert(passwordResets)
    .values({
      userId: user.id,
      purpose,
      tokenHash: prepared.tokenHash,
      codeHash: prepared.codeHash,
      expiresAt: new Date(now.getTime() + ttlMs(purpose)),
      requestedBy,
      ip: meta.ip,
    })
    .returning({ id: passwordResets.id });
  await enqueueEmail(tx, {
    to: user.username,
    subject: purpose === "invite" ? "Create your Gatehouse password" : "Reset your Gatehouse password",
    template: "password-reset",
    element: prepared.email,
    organizationId: user.organizationId,
    subjectUserId: user.id,
  });
  await recordAudit(tx, {
    action: purpose === "invite" ? "password.invite_created" : requestedBy ? "admin.reset_requested" : "password.reset_requested",
    organizationId: user.organizationId,
    actor: requestedBy ? { type: "user", id: requestedBy } : { type: "anonymous" },
    target: { type: "user", id: user.id },
    meta,
    details: { resetId: reset!.id, via, purpose },
  });
  return true;
}

// ---------------------------------------------------------------------------------------
// The reset page
// ---------------------------------------------------------------------------------------

type ResetRow = {
  id: string;
  userId: string;
  purpose: ResetPurpose;
  codeHash: string;
  expiresAt: Date;
  attempts: number;
  usedAt: Date | null;
  revokedAt: Date | null;
};

const resetColumns = {
  id: passwordResets.id,
  userId: passwordResets.userId,
  purpose: passwordResets.purpose,
  codeHash: passwordResets.codeHash,
  expiresAt: passwordResets.expiresAt,
  attempts: passwordResets.attempts,
  usedAt: passwordResets.usedAt,
  revokedAt: passwordResets.revokedAt,
};

async function findResetByToken(token: string): Promise<ResetRow | null> {
  if (!isWellFormedToken(token)) return null;
  const db = await getDb();
  const [row] = await db.select(resetColumns).from(passwordResets).where(eq(passwordResets.tokenHash, digestToken(token))).limit(1);
  return row ?? null;
}

/** Without the link (another device): the user's newest reset. */
async function findLatestResetFor(userId: string): Promise<ResetRow | null> {
  const db = await getDb();
  const [row] = await db
    .select(resetColumns)
    .from(passwordResets)
    .where(eq(passwordResets.userId, userId))
    .orderBy(desc(passwordResets.createdAt))
    .limit(1);
  return row ?? null;
}

type Unusable = "expired" | "used" | "replaced" | "too_many_attempts";

function unusableReason(reset: ResetRow): Unusable | null {
  if (reset.usedAt) return "used";
  if (reset.revokedAt) return "replaced";
  if (reset.attempts >= RESET_POLICY.maxCodeAttempts) return "too_many_attempts";
  if (reset.expiresAt.getTime() <= Date.now()) return "expired";
  return null;
}

const UNUSABLE_MESSAGES: Record<Unusable | "invalid", string> = {
  invalid: RESET_COPY.linkInvalid,
  expired: RESET_COPY.codeExpired,
  used: RESET_COPY.codeUsed,
  replaced: RESET_COPY.replaced,
  too_many_attempts: RESET_COPY.tooManyAttempts,
};

export type ResetLinkState =
  | { status: "valid"; purpose: ResetPurpose; username: string; userType: AccountRef["userType"] }
  | { status: "unusable"; message: string };

/** What the reset page shows for a link. Looking consumes nothing (mail scanners open links). */
export async function inspectResetToken(token: string): Promise<ResetLinkState> {
  const reset = await findResetByToken(token);
  if (!reset) return { status: "unusable", message: UNUSABLE_MESSAGES.invalid };
  const reason = unusableReason(reset);
  if (reason) return { status: "unusable", message: UNUSABLE_MESSAGES[reason] };
  const user = await findUserById(reset.userId);
  if (!user || user.status !== "active") return { status: "unusable", message: UNUSABLE_MESSAGES.invalid };
  return { status: "valid", purpose: reset.purpose, username: user.username, userType: user.userType };
}

export type CompleteResetInput = {
  /** From the link (kept in an HttpOnly cookie), or absent on another device. */
  token?: string;
  /** Asked for when there is no token. */
  username?: string;
  code: string;
  newPassword: string;
  confirmPassword: string;
};

type ResetField = "username" | "code" | "newPassword" | "confirmPassword";

export type CompleteResetResult =
  | { ok: true; userType: AccountRef["userType"]; purpose: ResetPurpose }
  | { ok: false; message?: string; fieldErrors?: Partial<Record<ResetField, string>>; linkDead?: boolean };

/**
 * Checks the code and saves the new password. Only the right code, on a live reset, with a
 * password that passes the policy, changes anything; a completed reset does not sign in.
 */
export async function completePasswordReset(input: CompleteResetInput, meta: RequestMeta): Promise<CompleteResetResult> {
  const limited = await consumeRateLimit("codeEntryPerIp", meta.ip);
  if (!limited.ok) {
    return { ok: false, message: RESET_COPY.tooManyCodes(Math.ceil(limited.retryAfterSeconds / 60)) };
  }
  if (input.newPassword !== input.confirmPassword) {
    return { ok: false, fieldErrors: { confirmPassword: NEW_PASSWORD_COPY.mismatch } };
  }

  let reset: ResetRow | null;
  let user: AccountRef | null = null;
  if (input.token) {
    reset = await findResetByToken(input.token);
    if (reset) user = await findUserById(reset.userId);
  } else {
    user = input.username ? await findUserByUsername(input.username) : null;
    reset = user ? await findLatestResetFor(user.id) : null;
  }
  // One verify on every path, before anything is told apart: against the reset's code when
  // there is one to check, else against the dummy hash.
  const live = reset && user && user.status === "active" ? { reset, user } : null;
  const codeRight = live ? await verifySecret(live.reset.codeHash, input.code) : await burnVerify(input.code);
  if (!live) return noSuchReset(input);
  const { reset: open, user: account } = live;
  const reason = unusableReason(open);
  if (reason) {
    // Whoever has the link, or the right code, has the email: tell them what became of it.
    // A username and a wrong code learn nothing an unknown username would not.
    if (input.token || codeRight) return { ok: false, message: UNUSABLE_MESSAGES[reason], linkDead: true };
    return noSuchReset(input);
  }
  if (!codeRight) return wrongCode(open, account, meta, { withLink: !!input.token });

  // Only now, with the right code, is the new password judged; a refusal keeps the code usable.
  const policy = await checkStaffPassword(input.newPassword, {
    username: account.username,
    userInputs: [account.displayName, account.organizationName],
  });
  if (!policy.ok) return { ok: false, fieldErrors: { newPassword: policyMessage(policy) } };
  if (await isRecentPassword({ userId: account.id }, input.newPassword)) {
    return { ok: false, fieldErrors: { newPassword: PASSWORD_REUSED_MESSAGE } };
  }

  const newHash = await hashSecret(input.newPassword);
  const db = await getDb();
  const done = await db.transaction(async (tx) => {
    // Single use, even under concurrent submissions: only one update finds the row still open.
    const [claimed] = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordResets.id, open.id),
          isNull(passwordResets.usedAt),
          isNull(passwordResets.revokedAt),
          sql`${passwordResets.expiresAt} > now()`,
          sql`${passwordResets.attempts} < ${RESET_POLICY.maxCodeAttempts}`,
        ),
      )
      .returning({ id: passwordResets.id });
    if (!claimed) return false;
    await applyNewPassword(tx, account, newHash, open.purpose === "invite" ? "invite" : "reset", meta, open.id);
    return true;
  });
  if (!done) return { ok: false, message: UNUSABLE_MESSAGES.used, linkDead: true };
  deliverAfterResponse();
  return { ok: true, userType: account.userType, purpose: open.purpose };
}

// Without the link, every refusal of a username and code reads the same, so the page does not
// tell which usernames exist or have a reset under way.
const NO_MATCH = "That code is not right for this username. Check both, or request a new code.";

function noSuchReset(input: CompleteResetInput): CompleteResetResult {
  return input.token
    ? { ok: false, message: UNUSABLE_MESSAGES.invalid, linkDead: true }
    : { ok: false, fieldErrors: { code: NO_MATCH } };
}

/**
 * Counts a wrong code atomically (instances share the count); the last allowed one kills the
 * reset. With the link the answer says how many tries are left; without it, it says what an
 * unknown username hears.
 */
async function wrongCode(
  reset: ResetRow,
  user: AccountRef,
  meta: RequestMeta,
  { withLink }: { withLink: boolean },
): Promise<CompleteResetResult> {
  const db = await getDb();
  const [row] = await db
    .update(passwordResets)
    .set({ attempts: sql`${passwordResets.attempts} + 1` })
    .where(and(eq(passwordResets.id, reset.id), sql`${passwordResets.attempts} < ${RESET_POLICY.maxCodeAttempts}`))
    .returning({ attempts: passwordResets.attempts });
  await recordAudit(db, {
    action: "password.reset_failed_code",
    organizationId: user.organizationId,
    actor: { type: "anonymous" },
    target: { type: "user", id: user.id },
    meta,
    details: { resetId: reset.id, attempts: row?.attempts ?? RESET_POLICY.maxCodeAttempts },
  });
  if (!withLink) return { ok: false, fieldErrors: { code: NO_MATCH } };
  const left = RESET_POLICY.maxCodeAttempts - (row?.attempts ?? RESET_POLICY.maxCodeAttempts);
  if (left <= 0) return { ok: false, message: UNUSABLE_MESSAGES.too_many_attempts, linkDead: true };
  return {
    ok: false,
    fieldErrors: { code: `That code is not right. ${left} ${left === 1 ? "try" : "tries"} left before this reset is cancelled.` },
  };
}

