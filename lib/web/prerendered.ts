import { CONTACT_SESSION_COOKIE } from "@/lib/sessions/storefront-cookie-name";
import { RESET_TOKEN_COOKIE } from "@/lib/web/reset-cookie";

/**
 * Public pages served from a cached render (docs/decisions.md, "Public pages (issue 17)"):
 * `/login` and `/reset-password` as anonymous traffic first asks for them are rendered once at
 * build under `/prerendered/…` (a static file, about a tenth of a render's CPU), and a
 * storefront's `/store/<slug>/login` and `/forgot-password` on their first visit under
 * `/prerendered/store/<slug>/…`, kept a minute (app/prerendered/store/[org]/layout.tsx). proxy.ts rewrites a
 * request to its twin only when the answer cannot depend on the request.
 * Everything else reaches the page itself: a query string (callbackUrl, signedOut, an error…),
 * a session cookie that may have to redirect, the reset link's cookie, a server action called by
 * script or a client-side navigation (RSC), a storefront this process has not found in the
 * database yet (lib/organizations/known-storefronts.ts). A form posted without JavaScript goes
 * where its page came from: React keeps the action's answer (error, typed values) only for the
 * form of the same route, so a post from the twin's form is answered by the twin.
 */
export const PRERENDERED_TWINS: Record<string, { twin: string; needsRequest: (cookieNames: string[]) => boolean }> = {
  // A signed-in browser is sent on to its landing page; Auth.js's cookie may be chunked (.0, .1).
  "/login": { twin: "/prerendered/login", needsRequest: (names) => names.some((n) => n.includes("authjs.session-token")) },
  // The emailed link's token, moved into its cookie, names the account and its state.
  "/reset-password": { twin: "/prerendered/reset-password", needsRequest: (names) => names.includes(RESET_TOKEN_COOKIE) },
};

/** The storefront pages with a twin; a signed-in contact is sent on (login) or made to choose a password (forgot). */
const STOREFRONT_TWIN = /^\/store\/([a-z0-9][a-z0-9-]{0,62})\/(login|forgot-password)$/;

/** Where the twins live: never asked for from outside (proxy.ts answers 404), so no made-up slug is ever cached. */
export const TWIN_PREFIX = "/prerendered/";

/** Request headers that mark a client-side navigation, a prefetch or a server action. */
const ROUTER_HEADERS = ["rsc", "next-router-prefetch", "next-router-state-tree", "next-action"];

/** The twin to serve for this request, or null when the page must render it. */
export function prerenderedTwin(
  request: { method: string; pathname: string; search: string; headers: Headers; cookieNames: string[] },
  isKnownStorefront: (slug: string) => boolean,
): string | null {
  if (request.method !== "GET" && request.method !== "HEAD" && request.method !== "POST") return null;
  if (request.search !== "" || ROUTER_HEADERS.some((h) => request.headers.has(h))) return null;
  const page = PRERENDERED_TWINS[request.pathname];
  if (page) return page.needsRequest(request.cookieNames) ? null : page.twin;
  const [, slug, storePage] = STOREFRONT_TWIN.exec(request.pathname) ?? [];
  if (!slug || !storePage || request.cookieNames.includes(CONTACT_SESSION_COOKIE) || !isKnownStorefront(slug)) return null;
  return `${TWIN_PREFIX}store/${slug}/${storePage}`;
}
