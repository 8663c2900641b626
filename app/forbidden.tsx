import type { Metadata } from "next";
import { ConsoleForbidden } from "@/components/console-forbidden";
import { signOutAction } from "@/app/actions";

export const metadata: Metadata = { title: "Not allowed" };

/**
 * The 403 page for a `forbidden()` above the console's own boundary (app/admin/forbidden.tsx),
 * which is only the admin layout's check. It reads no session: Next.js renders the root's
 * boundary with every page, and a session read here made every route of the app dynamic, the
 * public pages included (docs/performance.md). The layout's check cannot disagree with proxy.ts's
 * in practice (a user type change ends the account's sessions), so this page is a fallback.
 */
export default function Forbidden() {
  return <ConsoleForbidden signOutAction={signOutAction} />;
}
