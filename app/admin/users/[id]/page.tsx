import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Table, Td } from "@/components/ui/table";
import { UserActionsMenu } from "@/app/admin/users/[id]/user-actions-menu";
import { UserForm } from "@/app/admin/users/user-form";
import { USER_TYPE_LABELS } from "@/lib/staff/access";
import { ACTION_LABELS, listActivity, type AuditAction } from "@/lib/audit/events";
import { formatDateTime } from "@/lib/copy/format";
import { listEmailsAbout } from "@/lib/mail";
import { requireConsoleUser } from "@/lib/sessions/guards";
import { getUserDetails } from "@/lib/staff/admin";
import { findPendingReset } from "@/lib/staff/pending-reset";
import { SessionList } from "@/components/session-list";
import { ActivityParty, actorFallback } from "@/components/activity-party";
import { listSessionsForPage } from "@/lib/sessions/records";
import { editUserAction, revokeUserSessionAction } from "./actions";
import { Panel } from "@/components/ui/panel";
import { PageHeading } from "@/components/ui/page-heading";

const Params = z.object({ id: z.uuid() });

/** Each user's tab is named for them, so two open users can be told apart. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const parsed = Params.safeParse(await params);
  const admin = parsed.success ? await requireConsoleUser(`/admin/users/${parsed.data.id}`) : null;
  const user = admin && parsed.success ? await getUserDetails(admin.organizationId, parsed.data.id) : null;
  return { title: user ? `${user.displayName} · User Details` : "User Details" };
}
const Search = z.object({ created: z.enum(["invited", "no-invite"]).optional().catch(undefined) });

const EMAIL_STATUS: Record<string, string> = { pending: "Waiting to send", sent: "Sent", failed: "Failed" };

export default async function UserDetailsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const parsed = Params.safeParse(await params);
  if (!parsed.success) notFound();
  const admin = await requireConsoleUser(`/admin/users/${parsed.data.id}`);
  // Scoped to the admin's organization: another company's user is simply not found.
  const user = await getUserDetails(admin.organizationId, parsed.data.id);
  if (!user) notFound();
  const { created } = Search.parse(await searchParams);
  const [emails, activity, sessions, pendingReset] = await Promise.all([
    listEmailsAbout(admin.organizationId, user.id),
    listActivity(admin.organizationId, { userId: user.id }),
    listSessionsForPage(admin.organizationId, { userId: user.id }, admin.sessionId),
    findPendingReset(admin.organizationId, user.id),
  ]);
  const locked = user.lockedUntil && user.lockedUntil.getTime() > Date.now();
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm">
        <Link href="/admin/users" className="text-brand-700 underline underline-offset-2">
          Users
        </Link>{" "}
        / User Details
      </p>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <PageHeading>{user.displayName}</PageHeading>
          <p className="text-sm text-zinc-700">
            {USER_TYPE_LABELS[user.userType]} · {user.status === "active" ? "Active" : "Disabled"}
            {locked ? ` · Locked until ${formatDateTime(user.lockedUntil)}` : ""}
          </p>
        </div>
        <UserActionsMenu userId={user.id} name={user.displayName} username={user.username} status={user.status} />
      </div>
      {created === "invited" ? (
        <Alert tone="success">User added. An invitation to create a password was emailed to {user.username} (valid 48 hours).</Alert>
      ) : null}
      {created === "no-invite" ? (
        <Alert tone="info">
          User added. Their username is not an email address, so they cannot create or reset a password by email. Change
          the username to their email address to send them an invitation.
        </Alert>
      ) : null}

      <Panel id="details" title="Details">
        <UserForm
          action={editUserAction}
          userId={user.id}
          initial={{ displayName: user.displayName, username: user.username, emailTo: user.emailTo, userType: user.userType }}
          submitLabel="Save changes"
        />
      </Panel>

      <Panel id="password" title="Password and sign-in">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-zinc-600">Password</dt>
          <dd>{user.hasPassword ? `Set, last changed ${formatDateTime(user.passwordChangedAt)}` : "Not created yet"}</dd>
          <dt className="text-zinc-600">Reset or invitation</dt>
          <dd data-testid="pending-reset">
            {pendingReset
              ? `${pendingReset.purpose === "invite" ? "Invitation" : "Password reset"} emailed ${formatDateTime(pendingReset.requestedAt)}, usable until ${formatDateTime(pendingReset.expiresAt)}`
              : "None pending"}
          </dd>
          <dt className="text-zinc-600">Last sign-in</dt>
          <dd>{formatDateTime(user.lastSignInAt)}</dd>
          <dt className="text-zinc-600">Added</dt>
          <dd>{formatDateTime(user.createdAt)}</dd>
        </dl>
      </Panel>

      <Panel id="sessions" title="Sessions" description="Browsers and apps signed in as this user. Sign out one, or use More options → Sign out everywhere.">
        <SessionList caption={`Sessions of ${user.displayName}`} sessions={sessions} revokeAction={revokeUserSessionAction} fields={{ userId: user.id }} />
      </Panel>

      <section aria-labelledby="emails-heading" className="flex flex-col gap-3">
        <h2 id="emails-heading" className="text-lg font-semibold">Emails</h2>
        {emails.length === 0 ? (
          <p className="text-sm text-zinc-700">No emails sent to this user yet.</p>
        ) : (
          <Table caption="Emails to this user" columns={["Queued", "Subject", "Delivery", "Attempts"]}>
            {emails.map((e) => (
              <tr key={e.id}>
                <Td>{formatDateTime(e.createdAt)}</Td>
                <Td>{e.subject}</Td>
                <Td>
                  {EMAIL_STATUS[e.status]}
                  {e.status === "failed" ? ` (${e.lastError ?? "provider error"})` : ""}
                </Td>
                <Td>{e.attempts}</Td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      <section aria-labelledby="activity-heading" className="flex flex-col gap-3">
        <h2 id="activity-heading" className="text-lg font-semibold">Recent activity</h2>
        {activity.rows.length === 0 ? <p className="text-sm text-zinc-700">No activity recorded for this user yet.</p> : null}
        {activity.rows.length === 0 ? null : <Table caption="Recent activity of this user" columns={["When", "Event", "By", "IP address"]}>
          {activity.rows.slice(0, 10).map((e) => (
            <tr key={e.id}>
              <Td>{formatDateTime(e.createdAt)}</Td>
              <Td>{ACTION_LABELS[e.action as AuditAction] ?? e.action}</Td>
              <Td>
                <ActivityParty type={e.actorType} id={e.actorId} name={e.actorName} removed={e.actorRemoved} fallback={actorFallback(e)} />
              </Td>
              <Td>{e.ip ?? "—"}</Td>
            </tr>
          ))}
        </Table>}
        <p className="text-sm">
          <Link href={`/admin/activity?user=${user.id}`} className="text-brand-700 underline underline-offset-2">
            All activity of {user.displayName}
          </Link>
        </p>
      </section>
    </div>
  );
}
