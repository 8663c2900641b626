import { USER_TYPE_LABELS } from "@/lib/staff/access";
import type { ActionState } from "@/lib/web/action-state";
import type { StaffSession } from "@/lib/sessions/auth";
import { AccountMenu } from "./account-menu";

/** Top bar for signed-in staff: company, and who is signed in with the menu of Profile Settings and Sign out. */
export function StaffHeader({
  user,
  signOutAction,
}: {
  user: StaffSession;
  signOutAction: (state: ActionState<never>, formData: FormData) => Promise<ActionState<never>>;
}) {
  return (
    <header className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-200 bg-white px-4 py-2">
      <p className="font-bold text-brand-900">
        Gatehouse <span className="font-normal text-zinc-600">· {user.organizationName}</span>
      </p>
      {/* ml-auto: when the bar wraps on a phone the menu stays at the right, where it opens from. */}
      <nav aria-label="Account" className="ml-auto flex items-center gap-2 text-sm">
        {/* "·", not brackets: a label such as "Device (mobile sales)" has its own. */}
        <AccountMenu name={user.displayName} userType={USER_TYPE_LABELS[user.userType]} signOutAction={signOutAction} />
      </nav>
    </header>
  );
}
