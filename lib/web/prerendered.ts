import { RESET_TOKEN_COOKIE } from "@/lib/web/reset-cookie";

/**
 * Public pages served from their build-time render (docs/decisions.md, "Public pages (issue
 * 17)"): `/login` and `/reset-password` as anonymous traffic first asks for them are rendered
 * once at build under `/prerendered/…` (a static file, about a tenth of a render's CPU), and
 * proxy.ts rewrites a request to that twin only when the answer cannot depend on the request.
 * Everything else reaches the page itself: a query string (callbackUrl, signedOut, an error…),
 * a session cookie that may have to redirect, the reset link's cookie, a server action called by
 * script or a client-side navigation (RSC). A form posted without JavaScript goes where its page
 * came from: React keeps the action's answer (error, typed values) only for the form of the same
 * route, so a post from the twin's form is answered by the twin.
 */
export const PRERENDERED_TWINS: Record<string, { twin: string; needsRequest: (cookieNames: string[]) => boolean }> = {
  // A signed-in browser is sent on to its landing page; Auth.js's cookie may be chunked (.0, .1).
  "/login": { twin: "/prerendered/login", needsRequest: (names) => names.some((n) => n.includes("authjs.session-token")) },
  // The emailed link's token, moved into its cookie, names the account and its state.
  "/reset-password": { twin: "/prerendered/reset-password", needsRequest: (names) => names.includes(RESET_TOKEN_COOKIE) },
};

/** Request headers that mark a client-side navigation, a prefetch or a server action. */
const ROUTER_HEADERS = ["rsc", "next-router-prefetch", "next-router-state-tree", "next-action"];

/** The build-time twin to serve for this request, or null when the page must render it. */
export function prerenderedTwin(request: {
  method: string;
  pathname: string;
  search: string;
  headers: Headers;
  cookieNames: string[];
}): string | null {
  const page = PRERENDERED_TWINS[request.pathname];
  if (!page) return null;
  if (request.method !== "GET" && request.method !== "HEAD" && request.method !== "POST") return null;
  if (request.search !== "" || ROUTER_HEADERS.some((h) => request.headers.has(h))) return null;
  return page.needsRequest(request.cookieNames) ? null : page.twin;
}
