import type { Metadata } from "next";
import { ConsoleForbidden } from "@/components/console-forbidden";
import { redirect } from "next/navigation";
import { canUseConsole } from "@/lib/access";
import { requireStaff } from "@/lib/session";

export const metadata: Metadata = { title: "Not allowed" };

/** Shown (with status 403) when proxy.ts turns a device or ScanPack user away from /admin. */
export default async function ForbiddenPage() {
  const user = await requireStaff();
  if (canUseConsole(user.userType)) redirect("/admin");
  return <ConsoleForbidden userType={user.userType} />;
}
