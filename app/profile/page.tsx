import type { Metadata } from "next";
import { StaffHeader } from "@/components/staff-header";
import { signOutAction } from "@/app/actions";
import { appNamesSentence, canUseConsole, USER_TYPE_LABELS } from "@/lib/staff/access";
import { requireStaff } from "@/lib/sessions/guards";
import Link from "next/link";
import { ChangePasswordForm } from "@/app/profile/change-password-form";
import { Panel } from "@/components/ui/panel";
import { SessionList } from "@/components/session-list";
import { listSessionsForPage } from "@/lib/sessions/records";
import { endOtherOwnSessionsAction, revokeOwnSessionAction } from "./actions";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = { title: "Profile Settings" };

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ updated?: string | string[] }> }) {
  const user = await requireStaff("/profile");
  const { updated } = await searchParams;
  const apps = appNamesSentence(user.userType);
  const sessions = await listSessionsForPage(user.organizationId, { userId: user.id }, user.sessionId);
  return (
    <div className="flex min-h-screen flex-col">
      <StaffHeader user={user} signOutAction={signOutAction} />
      <main className="mx-auto flex w-full max-w-4xl flex-col gap-6 p-6">
        <PageHeading>Profile Settings</PageHeading>
        {/* Seed 004: "Account Settings located on the left side of the settings page"; on a phone it sits above. */}
        <div className="flex flex-col gap-6 md:flex-row md:items-start">
          <nav aria-label="Settings" className="md:w-48 md:shrink-0">
            <ul className="flex flex-col gap-1 text-sm">
              <li>
                <Link
                  href="/profile"
                  aria-current="page"
                  className="block min-h-11 content-center rounded-md border-l-4 border-brand-700 bg-brand-50 px-3 font-semibold text-brand-900"
                >
                  Account Settings
                </Link>
              </li>
            </ul>
          </nav>
          <div className="flex min-w-0 flex-1 flex-col gap-6">
            <Panel id="account" title="Your account">
              <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
                <dt className="text-zinc-600">Name</dt>
                <dd>{user.displayName}</dd>
                <dt className="text-zinc-600">Username</dt>
                <dd>{user.username}</dd>
                <dt className="text-zinc-600">User type</dt>
                <dd>{USER_TYPE_LABELS[user.userType]}</dd>
                <dt className="text-zinc-600">Company</dt>
                <dd>{user.organizationName}</dd>
              </dl>
              {apps ? <p className="mt-3 text-sm">Your password also signs you in to the {apps} app{apps.includes(" and ") ? "s" : ""}.</p> : null}
              {canUseConsole(user.userType) ? (
                <p className="mt-3 text-sm">
                  <Link href="/admin" className="font-semibold text-brand-700 underline underline-offset-2">Open the admin console</Link>
                </p>
              ) : null}
            </Panel>
            <Panel
              id="security"
              title="Password"
              description="Change your password. Every other session and app sign-in will end."
            >
              <ChangePasswordForm username={user.username} userInputs={[user.displayName, user.organizationName]} updated={updated === "1"} />
            </Panel>
            <Panel id="sessions" title="Your sessions" description="Where you are signed in: browsers and apps.">
              <SessionList
                caption="Your sessions"
                sessions={sessions}
                revokeAction={revokeOwnSessionAction}
                endOthersAction={endOtherOwnSessionsAction}
              />
            </Panel>
          </div>
        </div>
      </main>
    </div>
  );
}
