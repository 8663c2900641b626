import type { Metadata } from "next";
import { ConsoleForbidden } from "@/components/console-forbidden";
import { auth } from "@/lib/sessions/auth";
import { signOutAction } from "@/app/actions";

export const metadata: Metadata = { title: "Not allowed" };

/**
 * Rendered with status 403 where a console page calls `forbidden()` (staff who may not use the
 * console), naming their user type and apps. Only below /admin and /console-forbidden: Next.js
 * renders a boundary with every page under it, and this one reads the session.
 */
export default async function Forbidden() {
  const user = await auth();
  return <ConsoleForbidden userType={user?.userType ?? "device"} signOutAction={signOutAction} />;
}
