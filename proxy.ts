import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { canUseConsole, isAdminPath } from "@/lib/access";
import { authConfig } from "@/lib/auth.config";
import { RESET_TOKEN_COOKIE, resetCookieOptions } from "@/lib/reset-cookie";

/*
 * Fast checks on the session's claims only (no database): signed in? which user type?
 * Layouts and actions repeat the authoritative checks (session version, role, organization).
 */
const { auth } = NextAuth(authConfig);

const guard = auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (pathname === "/reset-password") return moveResetTokenToCookie(request);
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
function moveResetTokenToCookie(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token");
  if (token === null) return NextResponse.next();
  const clean = new URL("/reset-password", request.nextUrl);
  const response = NextResponse.redirect(clean);
  response.cookies.set(RESET_TOKEN_COOKIE, token.slice(0, 128), resetCookieOptions(request.nextUrl.protocol === "https:"));
  response.headers.set("Cache-Control", "no-store");
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}

type Handler = (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

// With a lazily read config (see lib/auth.config.ts) Auth.js hands back a promise of the handler.
export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const handler = (await (guard as unknown as Promise<Handler>)) as Handler;
  return handler(request, event);
}

export const config = {
  matcher: ["/admin", "/admin/:path*", "/profile", "/profile/:path*", "/reset-password"],
};
