import "server-only";
import type { UserType } from "@/db/schema";
import { canUseConsole, isAdminPath, landingPath } from "@/lib/staff/access";
import { env } from "@/lib/infra/env";
import { MAX_REDIRECT_LENGTH } from "@/lib/web/schemas";

// An encoded slash or backslash has no use in our routes, and a server that decoded it before
// normalising would walk "/profile/..%2f..%2fadmin" out of the area the check saw.
const ENCODED_SEPARATOR = /%(2f|5c)/i;

/**
 * Resolves a redirect target the way the browser will (WHATWG URL: dot segments, "%2e",
 * backslashes, tabs and newlines), so this check and the browser agree on where it leads.
 */
function resolveOnSite(input: string | null | undefined): URL | null {
  if (!input || input.length > MAX_REDIRECT_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(input, env.APP_URL);
  } catch {
    return null;
  }
  if (url.origin !== new URL(env.APP_URL).origin) return null;
  // "/admin/..//evil.example" resolves on our origin to the path "//evil.example", which as a
  // Location of its own names another host.
  if (url.pathname.startsWith("//") || ENCODED_SEPARATOR.test(url.pathname)) return null;
  return url;
}

const pathOf = (url: URL) => `${url.pathname}${url.search}${url.hash}`;

/** The normalised path (with query and hash) of a target on this site, or null when it leaves it. */
export function sameOriginPath(input: string | null | undefined): string | null {
  const url = resolveOnSite(input);
  return url ? pathOf(url) : null;
}

function mayOpen(type: UserType, pathname: string): boolean {
  if (isAdminPath(pathname)) return canUseConsole(type);
  return pathname === "/profile" || pathname.startsWith("/profile/");
}

/**
 * A post-sign-in destination: on this site and inside the user's area (the console for admin
 * and dual users, Profile Settings for everyone), normalised; else the user's landing page.
 */
export function safeNextPath(type: UserType, next: string | null | undefined): string {
  const url = resolveOnSite(next);
  return url && mayOpen(type, url.pathname) ? pathOf(url) : landingPath(type);
}
