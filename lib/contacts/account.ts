import "server-only";
import { eq } from "drizzle-orm";
import { contacts } from "@/db/schema";
import { NEW_PASSWORD_COPY } from "@/lib/copy/password";
import { hashSecret } from "@/lib/credentials/hashing";
import { contactIdentity } from "@/lib/credentials/identity";
import { newPasswordRefusal, refuseOwnChange } from "@/lib/credentials/password-change";
import { evaluateContactPassword } from "@/lib/credentials/policy";
import type { RequestMeta } from "@/lib/web/request-context";
import { findContactForChange, saveOwnContactPassword, type ContactSession } from "@/lib/contacts/password-saved";

export type ContactAccountChangeInput = { currentPassword: string; newPassword: string; confirmPassword: string };

export type ContactAccountChangeResult =
  | { ok: true; sessionVersion: number }
  | {
      ok: false;
      /**
       * "signed_out": the session is no longer valid; "must_change": the forced change comes
       * first; "locked" / "locked_now": the account was, or this wrong existing password made it, locked.
       */
      reason?: "signed_out" | "must_change" | "locked" | "locked_now";
      fieldErrors?: Partial<Record<keyof ContactAccountChangeInput, string>>;
    };

const SIGNED_OUT = { ok: false, reason: "signed_out" } as const;

/**
 * The storefront's account page: a signed-in contact changes their own password (existing,
 * new, confirmation), through the same checks as a staff user's Profile Settings. Every other
 * storefront session ends (the caller re-issues this browser's cookie with the returned
 * version) and the contact gets a "password changed" email.
 */
export async function changeOwnContactPassword(
  session: ContactSession,
  input: ContactAccountChangeInput,
  meta: RequestMeta,
): Promise<ContactAccountChangeResult> {
  const row = await findContactForChange(session);
  if (!row) return SIGNED_OUT;
  if (row.mustChangePassword) return { ok: false, reason: "must_change" };
  if (input.newPassword !== input.confirmPassword) {
    return { ok: false, fieldErrors: { confirmPassword: NEW_PASSWORD_COPY.mismatch } };
  }
  const account = { id: session.contactId, organizationId: session.organizationId };
  const refused = await refuseOwnChange(contactIdentity, account, row, input, meta);
  if (refused) return refused;
  const refusal = await newPasswordRefusal(contactIdentity, account.id, input.newPassword, evaluateContactPassword(input.newPassword));
  if (refusal) return { ok: false, fieldErrors: { newPassword: refusal } };

  const newHash = await hashSecret(input.newPassword);
  // Only while this session is still the current one.
  const sessionVersion = await saveOwnContactPassword(account, row, newHash, { onlyIf: eq(contacts.sessionVersion, session.sessionVersion), how: "storefront_account" }, meta);
  if (sessionVersion === null) return SIGNED_OUT;
  return { ok: true, sessionVersion };
}
