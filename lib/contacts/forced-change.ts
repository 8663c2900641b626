import "server-only";
import { and, eq } from "drizzle-orm";
import { contacts } from "@/db/schema";
import { hashSecret, verifySecret } from "@/lib/credentials/hashing";
import { contactIdentity } from "@/lib/credentials/identity";
import { newPasswordRefusal } from "@/lib/credentials/password-change";
import { evaluateContactPassword } from "@/lib/credentials/policy";
import type { RequestMeta } from "@/lib/web/request-context";
import { findContactForChange, saveOwnContactPassword, type ContactSession } from "@/lib/contacts/password-saved";
import { NEW_PASSWORD_COPY } from "@/lib/copy/password";
import { ACCESS_MESSAGES } from "@/lib/copy/access";

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

const SESSION_ENDED = { ok: false, reason: "signed_out", message: ACCESS_MESSAGES.sessionEnded } as const;

/**
 * The forced change after a temporary-password sign-in: a new password that meets the
 * contact rules and is not the temporary one. Ends every other storefront session (the
 * caller re-issues this browser's cookie with the returned version) and emails a notice.
 */
export async function changeContactPassword(
  session: ContactSession,
  input: ContactPasswordChangeInput,
  meta: RequestMeta,
): Promise<ContactPasswordChangeResult> {
  const row = await findContactForChange(session);
  if (!row) return SESSION_ENDED;
  if (!row.mustChangePassword) return { ok: false, reason: "not_required" };

  if (input.newPassword !== input.confirmPassword) {
    return { ok: false, fieldErrors: { confirmPassword: NEW_PASSWORD_COPY.mismatch } };
  }
  // A temporary password always meets the contact rules, so asking this first changes no answer.
  if (row.tempPasswordHash && (await verifySecret(row.tempPasswordHash, input.newPassword))) {
    return { ok: false, fieldErrors: { newPassword: "Choose a password different from your temporary password." } };
  }
  const policy = evaluateContactPassword(input.newPassword);
  const refusal = await newPasswordRefusal(contactIdentity, session.contactId, input.newPassword, policy);
  if (refusal) return { ok: false, fieldErrors: { newPassword: refusal } };

  const newHash = await hashSecret(input.newPassword);
  const account = { id: session.contactId, organizationId: session.organizationId };
  // Only while this session is current and the change still pending (not cancelled meanwhile).
  const sessionVersion = await saveOwnContactPassword(account, row, newHash, { onlyIf: and(eq(contacts.sessionVersion, session.sessionVersion), eq(contacts.mustChangePassword, true)), how: "forced_after_temporary_password" }, meta);
  if (sessionVersion === null) return SESSION_ENDED;
  return { ok: true, sessionVersion };
}
