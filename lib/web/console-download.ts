import { auth } from "@/lib/sessions/auth";
import type { StaffSession } from "@/lib/sessions/auth";
import { canUseConsole } from "@/lib/staff/access";
import { csvDownloadHeaders, csvStream } from "@/lib/web/csv";

/**
 * A route handler of the Management Portal (a CSV export, an import's progress): only a
 * signed-in admin or dual user gets it, and only their own organization's rows. Without a
 * session the route does not exist (404); staff who may not use the console get 403. The proxy
 * redirects browsers first; this is the authoritative check.
 */
export async function withConsoleUser(handle: (user: StaffSession) => Promise<Response>): Promise<Response> {
  const user = await auth();
  if (!user) return new Response("Not found", { status: 404 });
  if (!canUseConsole(user.userType)) return new Response("Forbidden", { status: 403 });
  return handle(user);
}

/** A CSV export route: the organization's rows, streamed. */
export function consoleCsvDownload(
  filename: string,
  header: readonly string[],
  rows: (organizationId: string) => AsyncIterable<(string | null)[][]>,
): Promise<Response> {
  return withConsoleUser(async (user) => {
    const date = new Date().toISOString().slice(0, 10);
    return new Response(csvStream(header, rows(user.organizationId)), { headers: csvDownloadHeaders(`${filename}-${date}.csv`) });
  });
}
