import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { canUseConsole, isAdminPath } from "@/lib/access";
import { authConfig } from "@/lib/auth.config";

/*
 * Fast checks on the session's claims only (no database): signed in? which user type?
 * Layouts and actions repeat the authoritative checks (session version, role, organization).
 */
const { auth } = NextAuth(authConfig);

const guard = auth((request) => {
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

type Handler = (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

// With a lazily read config (see lib/auth.config.ts) Auth.js hands back a promise of the handler.
export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const handler = (await (guard as unknown as Promise<Handler>)) as Handler;
  return handler(request, event);
}

export const config = {
  matcher: ["/admin", "/admin/:path*", "/profile", "/profile/:path*"],
};
