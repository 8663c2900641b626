import "server-only";
/*
 * Staff password resets, the asking half: the login page's username check, a reset emailed
 * (login dialog, Forgot Password, an admin, an app) and invites. lib/staff/reset-completion.ts
 * is the reset page.
 */
import { createElement } from "react";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Tx } from "@/lib/infra/database";
import { passwordResets, users } from "@/db/schema";
import PasswordResetEmail from "@/emails/password-reset";
import { env } from "@/lib/infra/env";
import { deliverAfterResponse, enqueueEmail, renderEmail, type RenderedEmail } from "@/lib/mail";
import { burnVerify, hashSecret } from "@/lib/credentials/hashing";
import { consumeRateLimit } from "@/lib/infra/rate-limit";
import type { RequestMeta } from "@/lib/web/request-context";
import { digestToken, newSixDigitCode, newToken } from "@/lib/credentials/tokens";
import { actorRefOf, auditAccount, staffIdentity } from "@/lib/credentials/identity";
import type { Actor } from "@/lib/audit/events";
import { findUserByUsername, type StaffAccount } from "@/lib/staff/accounts";

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
  | { via: "admin"; by: Actor };

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
  const inScope = user && (requester.via !== "admin" || user.organizationId === requester.by.organizationId);
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
  user: StaffAccount,
  meta: RequestMeta,
  invitedBy: Actor,
): Promise<void> {
  await storeReset(tx, user, await prepareReset(user, "invite"), meta, invitedBy);
}

async function issueResetEmail(
  user: StaffAccount,
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
    await auditAccount(db, staffIdentity, user, {
      action: "password.reset_suppressed",
      actor: requester.via === "admin" ? actorRefOf(requester.by) : "anonymous",
      meta,
      details: { via: requester.via, reason: "hourly_limit", limit: RESET_POLICY.emailsPerHour },
    });
    return { status: "suppressed" };
  }
  // The argon2 hash and the email's rendering come first: the transaction holds a connection
  // (on PGlite, the only one) for the writes alone.
  const prepared = await prepareReset(user, purpose);
  const stored = await db.transaction((tx) =>
    storeReset(tx, user, prepared, meta, requester.via === "admin" ? requester.by : null, requester.via),
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
async function prepareReset(user: StaffAccount, purpose: ResetPurpose): Promise<PreparedReset> {
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
  user: StaffAccount,
  prepared: PreparedReset,
  meta: RequestMeta,
  requestedBy: Actor | null,
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
  await staffIdentity.voidResets(tx, user.id);
  const [reset] = await tx
    .insert(passwordResets)
    .values({
      userId: user.id,
      purpose,
      tokenHash: prepared.tokenHash,
      codeHash: prepared.codeHash,
      expiresAt: new Date(now.getTime() + ttlMs(purpose)),
      // The column names a staff user; a key's request is named by the audit event alone.
      requestedBy: requestedBy && requestedBy.kind !== "api_key" ? requestedBy.id : null,
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
  await auditAccount(tx, staffIdentity, user, {
    action: purpose === "invite" ? "password.invite_created" : requestedBy ? "admin.reset_requested" : "password.reset_requested",
    actor: requestedBy ? actorRefOf(requestedBy) : "anonymous",
    meta,
    details: { resetId: reset!.id, via, purpose },
  });
  return true;
}
