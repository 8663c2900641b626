import Link from "next/link";
import { USER_TYPE_LABELS } from "@/lib/staff/access";
import type { ActionState } from "@/lib/web/action-state";
import type { StaffSession } from "@/lib/sessions/auth";
import { SignOutButton } from "./sign-out-button";

/** Top bar for signed-in staff: company, who is signed in, Profile Settings and Sign out. */
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
      <nav aria-label="Account" className="flex items-center gap-2 text-sm">
        <span className="text-zinc-700">
          {/* "·", not brackets: a label such as "Device (mobile sales)" has its own. */}
          {user.displayName} <span className="text-zinc-500">· {USER_TYPE_LABELS[user.userType]}</span>
        </span>
        <Link href="/profile" className="min-h-11 content-center rounded-md px-3 font-semibold text-zinc-700 hover:bg-zinc-100">
          Profile Settings
        </Link>
        <SignOutButton action={signOutAction} />
      </nav>
    </header>
  );
}
