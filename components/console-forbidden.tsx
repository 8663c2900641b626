import Link from "next/link";
import type { UserType } from "@/db/schema";
import type { ActionState } from "@/lib/web/action-state";
import { SignOutButton } from "./sign-out-button";
import { appNamesSentence, USER_TYPE_LABELS } from "@/lib/staff/access";

/** Why a device or ScanPack user cannot open the admin console, and where their password works. */
export function ConsoleForbidden({
  userType,
  signOutAction,
}: {
  /** Unknown where no session may be read (the root boundary, rendered with every page). */
  userType?: UserType;
  /** From the route, so this component imports nothing from app/. */
  signOutAction: (state: ActionState<never>, formData: FormData) => Promise<ActionState<never>>;
}) {
  const apps = userType ? appNamesSentence(userType) : null;
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-4 px-6 py-10">
      <p className="text-sm font-semibold text-red-700">403 — Not allowed</p>
      <h1 className="text-2xl font-semibold">The admin console is for admin and dual users</h1>
      {userType ? (
        <p>
          You are signed in as a <strong>{USER_TYPE_LABELS[userType]}</strong> user, so the admin console is not
          available to you.
          {apps ? ` Your password works in the ${apps} app${apps.includes(" and ") ? "s" : ""}.` : ""}
        </p>
      ) : null}
      <p>You can still change your password in Profile Settings.</p>
      <div className="flex flex-wrap items-center gap-4">
        <Link href="/profile" className="font-semibold text-brand-700 underline underline-offset-2">
          Go to Profile Settings
        </Link>
        <SignOutButton action={signOutAction} />
      </div>
    </main>
  );
}
