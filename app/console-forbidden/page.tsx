import { forbidden, redirect } from "next/navigation";
import { canUseConsole } from "@/lib/staff/access";
import { requireStaff } from "@/lib/sessions/guards";

/** proxy.ts rewrites /admin/** here for device and ScanPack sessions; answers 403 (app/forbidden.tsx). */
export default async function ConsoleForbiddenPage() {
  const user = await requireStaff();
  if (canUseConsole(user.userType)) redirect("/admin");
  forbidden();
}
