import "server-only";
import { env } from "@/lib/infra/env";

/**
 * The reset link's token travels from the address bar into this HttpOnly cookie on arrival
 * (proxy.ts), so it never sits in history, screenshots or Referer headers.
 */
export const RESET_TOKEN_COOKIE = "gh_reset_token";

/**
 * Secure whenever the public URL is https, like the session cookies: behind a TLS-terminating
 * proxy the request itself arrives over plain HTTP, so its scheme cannot decide.
 */
export const resetCookieOptions = () => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: new URL(env.APP_URL).protocol === "https:",
  path: "/reset-password",
  maxAge: 48 * 3600,
});
