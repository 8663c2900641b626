import { redirect } from "next/navigation";
import { canUseConsole } from "@/lib/staff/access";
import { auth, type StaffSession } from "@/lib/sessions/auth";

/** Layout/page guard: the signed-in staff user, or off to the login page. */
export async function requireStaff(callbackPath?: string): Promise<StaffSession> {
  const user = await auth();
  if (!user) redirect(callbackPath ? `/login?callbackUrl=${encodeURIComponent(callbackPath)}` : "/login");
  return user;
}

/** The signed-in admin or dual user, or null for staff who may not use the console. */
export async function requireConsoleUser(callbackPath?: string): Promise<StaffSession | null> {
  const user = await requireStaff(callbackPath);
  return canUseConsole(user.userType) ? user : null;
}
