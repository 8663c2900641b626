/*
 * What the sign-in paths say: the console login, the storefront login and the apps' API.
 * lib/ answers with a reason; these are the sentences for each. The lock-out is said in one
 * way everywhere; only the advice that follows it differs by where it is read.
 */

const lockedFor = (minutes: number) => `locked for ${minutes} minutes after too many wrong passwords`;

export const SIGN_IN_COPY = {
  incorrect: "The username or password is incorrect.",
  /** Both login pages, after Sign out. */
  signedOut: "You have signed out.",
  /** Console login. */
  staffRateLimited: "Too many sign-in attempts from your network. Wait a few minutes and try again.",
  /** Storefront login. */
  contactRateLimited: "Too many sign-in attempts. Wait a few minutes and try again.",
  temporaryExpired: "This temporary password has expired. Request a new one with Forgot Your Password.",
  temporaryUsed: "This temporary password has already been used. Request a new one with Forgot Your Password.",
  /** POST /api/app/session; `retry` is a duration such as "5 minutes". */
  appLocked: (retry: string) => `Too many wrong passwords: this account is locked. Try again in ${retry}, or reset the password.`,
  appRateLimited: (retry: string) => `Too many sign-in attempts from this network. Try again in ${retry}.`,
  appNotAllowed: (app: string, works: string) => `This account cannot use Inzant ${app}. Its password works in ${works}.`,
  appAdminOnly: "Admin users sign in to the admin console; they cannot use the apps.",
} as const;

/** The lock-out, by where it is read. `minutes` is LOCKOUT_MINUTES. */
export const LOCKOUT_COPY = {
  /** Console login: the account can also be reset from there. */
  signIn: (minutes: number) => `This account is ${lockedFor(minutes)}. Try again later or reset your password.`,
  storefront: (minutes: number) => `This account is ${lockedFor(minutes)}. Try again later.`,
  /** Profile Settings, when the account was already locked. */
  passwordChange: (minutes: number) => `Your account is ${lockedFor(minutes)}. Try again later.`,
  /** Profile Settings, when this wrong existing password locked it. */
  passwordChangeLocking: (minutes: number) => `Too many wrong passwords: your account is locked for ${minutes} minutes.`,
} as const;

/** Profile Settings' and the storefront account page's words when the account is, or just became, locked. */
export const ownChangeLockMessage = (reason: "locked" | "locked_now", minutes: number) =>
  reason === "locked" ? LOCKOUT_COPY.passwordChange(minutes) : LOCKOUT_COPY.passwordChangeLocking(minutes);

export type StaffSignInRefusal = "invalid" | "locked" | "rate_limited";

/** The console login's answer to a refused sign-in. */
export function staffSignInMessage(reason: StaffSignInRefusal, lockoutMinutes: number): string {
  if (reason === "locked") return LOCKOUT_COPY.signIn(lockoutMinutes);
  if (reason === "rate_limited") return SIGN_IN_COPY.staffRateLimited;
  return SIGN_IN_COPY.incorrect;
}
