/** What the apps' API says (lib/web/api.ts and app/api/**); the sign-in's own are in lib/copy/sign-in.ts. */

export const API_COPY = {
  unavailable: "The service is temporarily unavailable. Try again in a moment.",
  internalError: "Something went wrong on our side. Try again in a moment.",
  notAnObject: "The request body must be a JSON object.",
  invalidRequest: (what: "body" | "query") => `Some ${what === "body" ? "fields" : "parameters"} are missing or not valid.`,
  tooLarge: (kilobytes: number) => `The request body is larger than ${kilobytes} kB.`,
  notJsonMediaType: "Send the request body as JSON with Content-Type: application/json.",
  unreadableBody: "The request body could not be read.",
  invalidJson: "The request body is not valid JSON.",
  signInFirst: "Sign in first: send Authorization: Bearer <token> from POST /api/app/session.",
  /** A revoked app session, by its cause. */
  sessionEnded: {
    signed_out: "This app session was signed out. Sign in again.",
    expired: "This app session has expired. Sign in again.",
    account_changed:
      "This app session has ended: the password was changed or reset, or the account was signed out everywhere or disabled. Sign in again.",
  },
  contactsForbidden: "Only Sales Plus and Tradeshow users (device and dual) can manage contacts.",
  contactResetForbidden: "Only Sales Plus and Tradeshow users (device and dual) can reset contacts' passwords.",
  noSuchContact: "No such contact.",
  contactNoWebsiteAccess: "This contact has no website access; turn it on in the Management Portal first.",
  contactResetLimited: "This contact has been sent the most temporary passwords allowed this hour.",
  resetRateLimited: "Too many reset requests from this network. Try again later.",
  /** `validFor` is a duration such as "1 hour". */
  resetSent: (validFor: string) =>
    `If this username has an email address, a link and a 6-digit code were sent to it. They stay active for ${validFor}.`,
} as const;
