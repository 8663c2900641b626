import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { canUseConsole, isAdminPath } from "@/lib/staff/access";
import { authConfig } from "@/lib/sessions/auth.config";
import { databaseSeemsDown } from "@/lib/infra/availability";
import { isCrossOriginWrite } from "@/lib/web/origin";
import { isKnownStorefront } from "@/lib/organizations/known-storefronts";
import { prerenderedTwin, TWIN_PREFIX } from "@/lib/web/prerendered";
import { RESET_TOKEN_COOKIE, resetCookieOptions } from "@/lib/web/reset-cookie";
import { unavailablePageResponse } from "@/lib/web/unavailable";

/*
 * Fast checks before any page or action runs: cross-origin writes, the reset link's token, a
 * database outage already seen (503), and the console's access rules from the session's
 * claims only (no database). Layouts and actions repeat the authoritative checks (session
 * version, role, organization).
 */
const { auth } = NextAuth(authConfig);

const guardStaffPages = auth((request) => {
  const { pathname, search } = request.nextUrl;
  const user = request.auth?.user;
  if (!user?.id) {
    const login = new URL("/login", request.nextUrl);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  if (isAdminPath(pathname) && !canUseConsole(user.userType)) {
    // The page answers 403 through forbidden(); a rewrite cannot set the status itself.
    return NextResponse.rewrite(new URL("/console-forbidden", request.nextUrl));
  }
  return NextResponse.next();
});

/** `/reset-password?token=…` → cookie, then the same page without the token in the URL. */
function moveResetTokenToCookie(request: NextRequest, token: string) {
  const clean = new URL("/reset-password", request.nextUrl);
  const response = NextResponse.redirect(clean);
  response.cookies.set(RESET_TOKEN_COOKIE, token.slice(0, 128), resetCookieOptions());
  response.headers.set("Cache-Control", "no-store");
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}

type Handler = (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  if (isCrossOriginWrite(request.method, request.headers)) {
    // Server actions and forms only accept posts from our own pages (CSRF), with a 403 rather
    // than the framework's 500.
    return NextResponse.json({ error: "cross_origin", message: "Cross-origin request refused." }, { status: 403 });
  }
  const { pathname } = request.nextUrl;
  // Before the outage check: the emailed token must leave the address bar even then.
  const resetToken = pathname === "/reset-password" && request.method === "GET" ? request.nextUrl.searchParams.get("token") : null;
  if (resetToken !== null) return moveResetTokenToCookie(request, resetToken);
  // While the database is out of reach, every page and form answers 503 at once; a render
  // that fails would answer 500 (Next.js gives a failed render no other status).
  if (databaseSeemsDown()) return unavailablePageResponse();
  // Only proxy.ts's own rewrites reach a twin: asked for directly, a made-up storefront's would be cached.
  if (pathname.startsWith(TWIN_PREFIX)) return NextResponse.rewrite(new URL("/_not-found", request.nextUrl));
  const twin = prerenderedTwin(
    {
      method: request.method,
      pathname,
      search: request.nextUrl.search,
      headers: request.headers,
      cookieNames: request.cookies.getAll().map((c) => c.name),
    },
    isKnownStorefront,
  );
  if (twin) return NextResponse.rewrite(new URL(twin, request.nextUrl));
  if (isAdminPath(pathname) || pathname === "/profile" || pathname.startsWith("/profile/")) {
    // With a lazily read config (see lib/sessions/auth.config.ts) Auth.js hands back a promise of the handler.
    const handler = (await (guardStaffPages as unknown as Promise<Handler>)) as Handler;
    return handler(request, event);
  }
  return NextResponse.next();
}

export const config = {
  // Not /api/: the apps' API authenticates with bearer tokens (no cookie for another site to
  // ride on) and Auth.js checks its own CSRF token on its posts; skipping the proxy there
  // saves each API call a second pass through the framework (docs/performance.md).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/).*)"],
};
