import { NEW_PASSWORD_COPY, RESET_COPY } from "@/lib/copy/password";
import { evaluateContactPassword, evaluateStaffPassword, policyMessage, type StaffPasswordContext } from "@/lib/credentials/policy";

/**
 * The browser's first pass over a new-password form, from the same lib/credentials/policy.ts
 * rules the server re-checks: what can be known before submitting (an empty field, an unmet
 * rule, two passwords that differ) is said before a round trip. The strength estimate is
 * left to the server, which always runs it.
 */


type Errors = Record<string, string | undefined>;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

function checkPair(form: FormData, rulesMessage: (password: string) => string | undefined): Errors {
  const password = text(form, "newPassword");
  const confirm = text(form, "confirmPassword");
  return {
    newPassword: password ? rulesMessage(password) : NEW_PASSWORD_COPY.enterNew,
    confirmPassword: !confirm
      ? NEW_PASSWORD_COPY.typeAgain
      : password && confirm !== password
        ? NEW_PASSWORD_COPY.mismatch
        : undefined,
  };
}

/** A staff user's new password and its confirmation. */
export function checkStaffPasswordPair(form: FormData, ctx: StaffPasswordContext): Errors {
  return checkPair(form, (password) => {
    const result = evaluateStaffPassword(password, ctx, null);
    return result.rules.every((r) => r.met) ? undefined : policyMessage(result);
  });
}

/** A storefront contact's new password and its confirmation. */
export function checkContactPasswordPair(form: FormData): Errors {
  return checkPair(form, (password) => policyMessage(evaluateContactPassword(password)));
}

/** The reset form's code: six digits. */
export function checkResetCode(form: FormData): string | undefined {
  return /^\d{6}$/.test(text(form, "code").trim()) ? undefined : RESET_COPY.enterCode;
}

/** An existing password, as typed before a change. */
export function checkCurrentPassword(form: FormData): string | undefined {
  return text(form, "currentPassword") ? undefined : NEW_PASSWORD_COPY.enterExisting;
}
