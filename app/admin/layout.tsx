import { AdminSidebar } from "@/components/admin-sidebar";
import { forbidden } from "next/navigation";
import { StaffHeader } from "@/components/staff-header";
import { signOutAction } from "@/app/actions";
import { requireStaff } from "@/lib/sessions/guards";
import { canUseConsole } from "@/lib/staff/access";

/** The console frame. proxy.ts already turned other user types away; this is the authoritative check. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireStaff("/admin");
  if (!canUseConsole(user.userType)) forbidden();
  return (
    <div className="flex min-h-screen flex-col">
      <StaffHeader user={user} signOutAction={signOutAction} />
      <div className="flex flex-1 flex-col md:flex-row">
        <AdminSidebar />
        <main className="flex-1 p-6">{children}</main>
      </div>
    </div>
  );
}
