import { evaluateContactPassword, evaluateStaffPassword, policyMessage, type StaffPasswordContext } from "@/lib/credentials/policy";

/**
 * The browser's first pass over a new-password form, from the same lib/credentials/policy.ts
 * rules the server re-checks: what can be known before submitting (an empty field, an unmet
 * rule, two passwords that differ) is said before a round trip. The strength estimate is
 * left to the server, which always runs it.
 */

export const PASSWORD_CHECK_MESSAGES = {
  enterNew: "Enter a new password.",
  enterConfirm: "Type the new password again.",
  mismatch: "The two new passwords do not match.",
  enterCurrent: "Enter your existing password.",
  enterCode: "Enter the 6-digit code from the email.",
} as const;

type Errors = Record<string, string | undefined>;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

function checkPair(form: FormData, rulesMessage: (password: string) => string | undefined): Errors {
  const password = text(form, "newPassword");
  const confirm = text(form, "confirmPassword");
  return {
    newPassword: password ? rulesMessage(password) : PASSWORD_CHECK_MESSAGES.enterNew,
    confirmPassword: !confirm
      ? PASSWORD_CHECK_MESSAGES.enterConfirm
      : password && confirm !== password
        ? PASSWORD_CHECK_MESSAGES.mismatch
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
  return /^\d{6}$/.test(text(form, "code").trim()) ? undefined : PASSWORD_CHECK_MESSAGES.enterCode;
}

/** An existing password, as typed before a change. */
export function checkCurrentPassword(form: FormData): string | undefined {
  return text(form, "currentPassword") ? undefined : PASSWORD_CHECK_MESSAGES.enterCurrent;
}
