import "server-only";
import { auth } from "@/lib/sessions/auth";
import type { StaffSession } from "@/lib/sessions/auth";
import { canUseConsole } from "@/lib/staff/access";
import { ACCESS_MESSAGES } from "@/lib/copy/access";
import { csvDownloadHeaders, csvStream } from "@/lib/web/csv";

/**
 * A route handler of the Management Portal (a CSV export, an import's progress): only a
 * signed-in admin or dual user gets it, and only their own organization's rows. This is the
 * authoritative check, not proxy.ts (which reads the cookie's claims only). Without a live
 * session (ended, revoked, gone idle) a route a browser navigates to (`loginPath`) sends it to
 * the login page like every other /admin page; other routes answer 404. Staff who may not use
 * the console get 403. None of these answers carries a byte of the route's data.
 */
export async function withConsoleUser(
  handle: (user: StaffSession) => Promise<Response>,
  signedOut: { loginPath?: `/admin/${string}` } = {},
): Promise<Response> {
  const user = await auth();
  if (!user) {
    if (!signedOut.loginPath) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
    // Relative, as the proxy's redirect is on the request's own origin: never built from a Host header.
    return new Response(null, { status: 307, headers: { Location: `/login?callbackUrl=${encodeURIComponent(signedOut.loginPath)}`, "Cache-Control": "no-store" } });
  }
  if (!canUseConsole(user.userType)) {
    return new Response(ACCESS_MESSAGES.consoleOnly, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  return handle(user);
}

/** A CSV export route at `path`: the organization's rows, streamed. */
export function consoleCsvDownload(
  path: `/admin/${string}`,
  filename: string,
  header: readonly string[],
  rows: (organizationId: string) => AsyncIterable<(string | null)[][]>,
): Promise<Response> {
  return withConsoleUser(
    async (user) => {
      const date = new Date().toISOString().slice(0, 10);
      return new Response(csvStream(header, rows(user.organizationId)), { headers: csvDownloadHeaders(`${filename}-${date}.csv`) });
    },
    { loginPath: path },
  );
}
