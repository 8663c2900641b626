import "server-only";
import { env } from "@/lib/infra/env";

/**
 * The storefront session cookie's name, apart from lib/sessions/storefront-cookie.ts so proxy.ts
 * can tell a contact's request from an anonymous one without loading the session code.
 * HTTPS deployments get a Secure cookie with the __Secure- prefix; plain-HTTP development cannot.
 */
export const CONTACT_SESSION_COOKIE_SECURE = new URL(env.APP_URL).protocol === "https:";
export const CONTACT_SESSION_COOKIE = CONTACT_SESSION_COOKIE_SECURE ? "__Secure-gh_store" : "gh_store";
