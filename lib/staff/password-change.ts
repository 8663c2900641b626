import "server-only";
import { createElement } from "react";
import { eq } from "drizzle-orm";
import { getDb, type Tx } from "@/lib/infra/database";
import { users } from "@/db/schema";
import PasswordChangedEmail from "@/emails/password-changed";
import { formatDateTime } from "@/lib/copy/format";
import { deliverAfterResponse, enqueueEmail } from "@/lib/mail";
import { auditAccount, staffIdentity } from "@/lib/credentials/identity";
import { newPasswordRefusal, refuseOwnChange, saveNewPassword } from "@/lib/credentials/password-change";
import { checkStaffPassword } from "@/lib/credentials/policy";
import { hashSecret } from "@/lib/credentials/hashing";
import type { RequestMeta } from "@/lib/web/request-context";
import { keepBrowserSession } from "@/lib/sessions/records";
import type { StaffAccount } from "@/lib/staff/accounts";
import { NEW_PASSWORD_COPY } from "@/lib/copy/password";

export type PasswordChangeHow = "reset" | "profile" | "invite";

/**
 * Saves a new password and does what every password change must: end all sessions and app
 * tokens, void pending resets, clear the lock-out, email "your password was changed", audit.
 * Returns the new session version. Runs inside the caller's transaction.
 */
export async function applyNewPassword(
  tx: Tx,
  user: StaffAccount,
  newHash: string,
  how: PasswordChangeHow,
  meta: RequestMeta,
  exceptResetId?: string,
): Promise<number> {
  const now = new Date();
  // A user deleted meanwhile has no sessions left to end: version 0 matches none.
  const sessionVersion = (await saveNewPassword(tx, staffIdentity, user.id, newHash, { now })) ?? 0;
  await enqueueEmail(tx, {
    to: user.username,
    subject: "Your Gatehouse password was changed",
    template: "password-changed",
    element: createElement(PasswordChangedEmail, { name: user.displayName, changedAt: formatDateTime(now), how }),
    organizationId: user.organizationId,
    subjectUserId: user.id,
  });
  await auditAccount(tx, staffIdentity, user, {
    action: how === "profile" ? "password.changed" : "password.reset_completed",
    actor: "self",
    meta,
    details: { how, ...(exceptResetId ? { resetId: exceptResetId } : {}) },
  });
  return sessionVersion;
}

export type ChangePasswordInput = { currentPassword: string; newPassword: string; confirmPassword: string };

export type ChangePasswordResult =
  | { ok: true; sessionVersion: number }
  | {
      ok: false;
      /** "locked": it already was; "locked_now": this wrong password locked it. Field refusals come in fieldErrors. */
      reason?: "locked" | "locked_now";
      fieldErrors?: Partial<Record<keyof ChangePasswordInput, string>>;
    };

/**
 * Profile Settings → Account Settings: the signed-in user changes their own password. Every
 * session ends but `keepSessionId`, the browser they did it from.
 */
export async function changePassword(
  user: StaffAccount,
  input: ChangePasswordInput,
  meta: RequestMeta,
  keepSessionId?: string,
): Promise<ChangePasswordResult> {
  if (input.newPassword !== input.confirmPassword) {
    return { ok: false, fieldErrors: { confirmPassword: NEW_PASSWORD_COPY.mismatch } };
  }
  const db = await getDb();
  const [row] = await db
    .select({ hash: users.passwordHash, lockedUntil: users.lockedUntil })
    .from(users)
    .where(eq(users.id, user.id));
  const refused = await refuseOwnChange(staffIdentity, user, { hash: row?.hash ?? null, lockedUntil: row?.lockedUntil ?? null }, input, meta);
  if (refused) return refused;
  const refusal = await newPasswordRefusal(staffIdentity, user.id, input.newPassword, await checkStaffPassword(input.newPassword, {
    username: user.username,
    userInputs: [user.displayName, user.organizationName],
  }));
  if (refusal) return { ok: false, fieldErrors: { newPassword: refusal } };

  const newHash = await hashSecret(input.newPassword);
  const sessionVersion = await db.transaction(async (tx) => {
    const version = await applyNewPassword(tx, user, newHash, "profile", meta);
    if (keepSessionId) await keepBrowserSession(tx, keepSessionId, version);
    return version;
  });
  deliverAfterResponse();
  return { ok: true, sessionVersion };
}
