/*
 * What the password paths say: forgot / reset (staff), changing a password (Profile Settings,
 * the storefront), and the fields that set a new password. Field rules' own sentences
 * (length, strength) are in lib/credentials/policy.ts beside the rules.
 */

export const NEW_PASSWORD_COPY = {
  enterNew: "Enter a new password.",
  typeAgain: "Type the new password again.",
  mismatch: "The two new passwords do not match.",
  /** The live hint while typing, before the form is sent. */
  mismatchYet: "The two new passwords do not match yet.",
  enterExisting: "Enter your existing password.",
  wrongExisting: "That is not your existing password.",
  sameAsExisting: "Choose a password different from your existing one.",
} as const;

export const RESET_COPY = {
  /** "Forgot Your Password" on the console and the storefront. */
  tooManyRequests: "Too many requests from your network. Wait a few minutes and try again.",
  /** The login page's reset dialog. */
  tooManyResetRequests: "Too many reset requests from your network. Wait a few minutes and try again.",
  unknownUsername: "We could not find that username. Check it, or ask your admin.",
  /** `validFor` is a duration such as "1 hour". */
  sentToUsername: (username: string, validFor: string) =>
    `We've emailed a link and a 6-digit code to ${username}. They stay active for ${validFor}.`,
  sentIfAccount: (email: string, validFor: string) =>
    `If ${email} belongs to an account, we've sent it a link and a 6-digit code to reset the password. They stay active for ${validFor}. Nothing arrived? Check your spam folder, or ask your admin.`,
  enterCode: "Enter the 6-digit code from the email.",
  tooManyCodes: (minutes: number) => `Too many codes were entered from your network. Try again in ${minutes} minutes.`,
  linkInvalid: "This reset link is not valid. Request a new one from the sign-in page.",
  codeExpired: "This reset code has expired. Request a new one from the sign-in page.",
  codeUsed: "This reset code has already been used. Request a new one if you need to.",
  replaced:
    "This reset was cancelled: a newer reset was requested, or the password or the account was changed since. Use the newest email, or request a new one.",
  tooManyAttempts: "Too many wrong codes were entered, so this reset was cancelled. Request a new one from the sign-in page.",
} as const;

/** Why a reset link or code cannot be used (any more), as the reset page says it. */
export const RESET_UNUSABLE_COPY = {
  invalid: RESET_COPY.linkInvalid,
  expired: RESET_COPY.codeExpired,
  used: RESET_COPY.codeUsed,
  replaced: RESET_COPY.replaced,
  too_many_attempts: RESET_COPY.tooManyAttempts,
} as const;
export type ResetUnusable = keyof typeof RESET_UNUSABLE_COPY;

/** The reset page's words for a refused reset: a dead link or code, or too many codes from one network. */
export function resetRefusalMessage(reason: ResetUnusable | "rate_limited", retryAfterSeconds = 0): string {
  return reason === "rate_limited" ? RESET_COPY.tooManyCodes(Math.ceil(retryAfterSeconds / 60)) : RESET_UNUSABLE_COPY[reason];
}

/** The storefront's "Forgot Your Password" answer, the same whether or not the username exists. */
export const storefrontResetSent = (username: string, validFor: string, storeName: string) =>
  `If ${username} is a username on this storefront, we've emailed a temporary password to the address on that account. It is valid for ${validFor}. Your current password keeps working until you sign in with the temporary one. Nothing arrived? Check your spam folder, or contact ${storeName}.`;
