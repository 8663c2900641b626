/** Sentences shown in more than one place (the login page and its actions, the outage pages). */
export const NOT_EMAIL_MESSAGE =
  "Your username is not an email address, so a reset code cannot be emailed to you. Ask your admin to change your username to your email address.";

/** The session lists (User Details, a contact's page, Profile Settings, the storefront). */
export const SESSION_MESSAGES = {
  notFound: "That session was not found.",
  revoked: "That session is signed out.",
  alreadyEnded: "That session had already ended.",
  othersEnded: (n: number) =>
    n === 0 ? "No other session was signed in." : `Signed out of ${n} other session${n === 1 ? "" : "s"}.`,
} as const;

/** What every page and form says while the database cannot be reached (or a page failed). */
/** A list page whose search field was refused (the field says why). */
export const SEARCH_NOT_RUN = "The search was not run.";

export const UNAVAILABLE_MESSAGE = "Gatehouse is temporarily unavailable. Try again in a minute.";
export const UNAVAILABLE_HEADING = "Temporarily unavailable";
export const UNAVAILABLE_TITLE = `${UNAVAILABLE_HEADING} · Gatehouse`;
