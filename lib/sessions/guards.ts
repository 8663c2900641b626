import "server-only";
import { forbidden, redirect } from "next/navigation";
import { canUseConsole } from "@/lib/staff/access";
import { auth, type StaffSession } from "@/lib/sessions/auth";

/** Layout/page guard: the signed-in staff user, or off to the login page. */
export async function requireStaff(callbackPath?: string): Promise<StaffSession> {
  const user = await auth();
  if (!user) redirect(callbackPath ? `/login?callbackUrl=${encodeURIComponent(callbackPath)}` : "/login");
  return user;
}

/**
 * The signed-in admin or dual user. Anyone else signed in gets the console's 403 page
 * (app/forbidden.tsx); nobody signed in goes to the login page.
 */
export async function requireConsoleUser(callbackPath?: string): Promise<StaffSession> {
  const user = await requireStaff(callbackPath);
  if (!canUseConsole(user.userType)) forbidden();
  return user;
}
