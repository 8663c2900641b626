import type { AdminResult } from "@/lib/staff/admin";

/** What the console's Users pages and their actions say (lib/staff/admin.ts answers with reasons). */

type Refusal = Exclude<Extract<AdminResult, { ok: false }>["reason"], "not_found">;

export const USER_REASON_COPY = {
  username_taken: "Another user already has this username.",
  no_licence: "No licence is free. Increase your licence count on the Subscription page, or disable another user first.",
  own_account: "You cannot do that to your own account: it would lock you out of the console.",
  not_email:
    "This user's username is not an email address, so a reset cannot be emailed. Change the username to their email address first.",
  disabled: "This user is disabled. Enable them before resetting their password.",
} as const satisfies Record<Refusal, string>;

export const USER_COPY = {
  saved: "Changes saved.",
  unknownCommand: "Unknown command.",
  /** Add user, when every licence is taken. */
  notAddedNoLicence:
    "No licence is free, so the user was not added. Increase your licence count, or disable a user you no longer need.",
  resetSuppressed: (email: string) => `${email} has already received the most reset emails allowed this hour; try again later.`,
  resetSent: (email: string) => `A password reset email with a link and a 6-digit code was sent to ${email}.`,
  signedOutEverywhere: "The user was signed out of every browser and app.",
  disabled: "The user is disabled: they are signed out everywhere and their licence is free.",
  enabled: "The user is enabled again.",
} as const;
