/**
 * The reset link's token travels from the address bar into this HttpOnly cookie on arrival
 * (proxy.ts), so it never sits in history, screenshots or Referer headers.
 */
export const RESET_TOKEN_COOKIE = "gh_reset_token";

export const resetCookieOptions = (secure: boolean) => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure,
  path: "/reset-password",
  maxAge: 48 * 3600,
});
