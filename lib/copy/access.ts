/** What an action answers when its caller may not use it (lib/web/action.ts, and verbs that find the session gone). */
export const ACCESS_MESSAGES = {
  sessionEnded: "Your session has ended. Sign in again.",
  consoleOnly: "Only admin and dual users can do this.",
  noStorefront: "This storefront does not exist.",
  correctFields: "Please correct the highlighted fields.",
} as const;
