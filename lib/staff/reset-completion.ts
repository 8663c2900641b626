import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import { getDb } from "@/lib/infra/database";
import { passwordResets } from "@/db/schema";
import { burnVerify, hashSecret, verifySecret } from "@/lib/credentials/hashing";
import { checkStaffPassword } from "@/lib/credentials/policy";
import { digestToken, isWellFormedToken } from "@/lib/credentials/tokens";
import { consumeRateLimit } from "@/lib/infra/rate-limit";
import { deliverAfterResponse } from "@/lib/mail";
import type { RequestMeta } from "@/lib/web/request-context";
import { findUserById, findUserByUsername, type StaffAccount } from "@/lib/staff/accounts";
import { applyNewPassword } from "@/lib/staff/password-change";
import { auditAccount, staffIdentity } from "@/lib/credentials/identity";
import { newPasswordRefusal } from "@/lib/credentials/password-change";
import { RESET_POLICY, type ResetPurpose } from "@/lib/staff/reset-request";
import { NEW_PASSWORD_COPY, type ResetUnusable } from "@/lib/copy/password";

/** The reset page: what a link shows, and the code + new password that complete a reset or invite. */

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
type ResetRow = SelectResultFields<typeof resetColumns>;

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

export type ResetLinkState =
  | { status: "valid"; purpose: ResetPurpose; username: string; userType: StaffAccount["userType"] }
  | { status: "unusable"; reason: ResetUnusable };

/** What the reset page shows for a link. Looking consumes nothing (mail scanners open links). */
export async function inspectResetToken(token: string): Promise<ResetLinkState> {
  const reset = await findResetByToken(token);
  if (!reset) return { status: "unusable", reason: "invalid" };
  const reason = unusableReason(reset);
  if (reason) return { status: "unusable", reason };
  const user = await findUserById(reset.userId);
  if (!user || user.status !== "active") return { status: "unusable", reason: "invalid" };
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
  | { ok: true; userType: StaffAccount["userType"]; purpose: ResetPurpose }
  | {
      ok: false;
      /** Why the whole request was refused (the reset page words it); field refusals come in fieldErrors. */
      reason?: ResetUnusable | "rate_limited";
      retryAfterSeconds?: number;
      fieldErrors?: Partial<Record<ResetField, string>>;
      linkDead?: boolean;
    };

/**
 * Checks the code and saves the new password. Only the right code, on a live reset, with a
 * password that passes the policy, changes anything; a completed reset does not sign in.
 */
export async function completePasswordReset(input: CompleteResetInput, meta: RequestMeta): Promise<CompleteResetResult> {
  const limited = await consumeRateLimit("codeEntryPerIp", meta.ip);
  if (!limited.ok) {
    return { ok: false, reason: "rate_limited", retryAfterSeconds: limited.retryAfterSeconds };
  }
  if (input.newPassword !== input.confirmPassword) {
    return { ok: false, fieldErrors: { confirmPassword: NEW_PASSWORD_COPY.mismatch } };
  }

  let reset: ResetRow | null;
  let user: StaffAccount | null = null;
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
    if (input.token || codeRight) return { ok: false, reason, linkDead: true };
    return noSuchReset(input);
  }
  if (!codeRight) return wrongCode(open, account, meta, { withLink: !!input.token });

  // Only now, with the right code, is the new password judged; a refusal keeps the code usable.
  const refusal = await newPasswordRefusal(staffIdentity, account.id, input.newPassword, await checkStaffPassword(input.newPassword, {
    username: account.username,
    userInputs: [account.displayName, account.organizationName],
  }));
  if (refusal) return { ok: false, fieldErrors: { newPassword: refusal } };

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
  if (!done) return { ok: false, reason: "used", linkDead: true };
  deliverAfterResponse();
  return { ok: true, userType: account.userType, purpose: open.purpose };
}

// Without the link, every refusal of a username and code reads the same, so the page does not
// tell which usernames exist or have a reset under way.
const NO_MATCH = "That code is not right for this username. Check both, or request a new code.";

function noSuchReset(input: CompleteResetInput): CompleteResetResult {
  return input.token
    ? { ok: false, reason: "invalid", linkDead: true }
    : { ok: false, fieldErrors: { code: NO_MATCH } };
}

/**
 * Counts a wrong code atomically (instances share the count); the last allowed one kills the
 * reset. With the link the answer says how many tries are left; without it, it says what an
 * unknown username hears.
 */
async function wrongCode(
  reset: ResetRow,
  user: StaffAccount,
  meta: RequestMeta,
  { withLink }: { withLink: boolean },
): Promise<CompleteResetResult> {
  const db = await getDb();
  const [row] = await db
    .update(passwordResets)
    .set({ attempts: sql`${passwordResets.attempts} + 1` })
    .where(and(eq(passwordResets.id, reset.id), sql`${passwordResets.attempts} < ${RESET_POLICY.maxCodeAttempts}`))
    .returning({ attempts: passwordResets.attempts });
  await auditAccount(db, staffIdentity, user, {
    action: "password.reset_failed_code",
    actor: "anonymous",
    meta,
    details: { resetId: reset.id, attempts: row?.attempts ?? RESET_POLICY.maxCodeAttempts },
  });
  if (!withLink) return { ok: false, fieldErrors: { code: NO_MATCH } };
  const left = RESET_POLICY.maxCodeAttempts - (row?.attempts ?? RESET_POLICY.maxCodeAttempts);
  if (left <= 0) return { ok: false, reason: "too_many_attempts", linkDead: true };
  return {
    ok: false,
    fieldErrors: { code: `That code is not right. ${left} ${left === 1 ? "try" : "tries"} left before this reset is cancelled.` },
  };
}

