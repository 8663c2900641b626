import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Pager } from "@/components/pager";
import { buttonClass } from "@/components/ui/button";
import { Table, Td } from "@/components/ui/table";
import { UserSearch } from "@/components/user-search";
import { userTypes } from "@/db/schema";
import { USER_TYPE_LABELS } from "@/lib/staff/access";
import { formatDateTime } from "@/lib/copy/format";
import { pageNumberField, parseSearchParams, searchQueryField } from "@/lib/web/schemas";
import { requireConsoleUser } from "@/lib/sessions/guards";
import { searchUsers } from "@/lib/staff/admin";
import { UserRowReset } from "@/app/admin/users/user-row-reset";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = { title: "Users" };

const Params = z.object({
  q: searchQueryField,
  type: z.enum(userTypes).optional().catch(undefined),
  page: pageNumberField,
});

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requireConsoleUser("/admin/users");
  const { data: params, errors } = parseSearchParams(Params, await searchParams);
  // A refused search shows its message and finds nothing, rather than every user.
  const { rows, hasNext, page } = errors.q
    ? { rows: [], hasNext: false, page: 1 }
    : await searchUsers(user.organizationId, params);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PageHeading>Users</PageHeading>
        <div className="flex flex-wrap gap-2">
          <Link href="/admin/imports?kind=staff" className={buttonClass("secondary")}>
            Import CSV
          </Link>
          <a href="/admin/users/export" download className={buttonClass("secondary")}>
            Export CSV
          </a>
          <Link href="/admin/users/new" className={buttonClass("primary")}>
            Add user
          </Link>
        </div>
      </div>
      <UserSearch q={params.q} type={params.type ?? ""} error={errors.q} />
      <p className="sr-only" aria-live="polite">
        {rows.length === 0 ? "No users found." : `${rows.length}${hasNext ? "+" : ""} users shown.`}
      </p>
      <Table
        caption={`Users of ${user.organizationName}`}
        columns={["Name", "Username", "User type", "Status", "Last sign-in", "Password changed", "Actions"]}
        stackOnPhone
      >
        {rows.map((u) => (
          <tr key={u.id}>
            <Td>
              <Link href={`/admin/users/${u.id}`} className="font-semibold text-brand-700 underline underline-offset-2">
                {u.displayName}
              </Link>
            </Td>
            <Td label="Username">{u.username}</Td>
            <Td label="User type">{USER_TYPE_LABELS[u.userType]}</Td>
            <Td label="Status">{u.status === "active" ? "Active" : "Disabled"}</Td>
            <Td label="Last sign-in">{formatDateTime(u.lastSignInAt)}</Td>
            <Td label="Password changed">{formatDateTime(u.passwordChangedAt)}</Td>
            <Td>
              <div className="flex flex-wrap items-start gap-2">
              <Link
                href={`/admin/users/${u.id}`}
                aria-label={`Edit ${u.displayName}`}
                title={`Edit ${u.displayName}`}
                className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md text-brand-700 hover:bg-brand-50"
              >
                <svg aria-hidden="true" viewBox="0 0 20 20" width="18" height="18" fill="currentColor">
                  <path d="M13.6 2.6a2 2 0 0 1 2.8 0l1 1a2 2 0 0 1 0 2.8l-9.5 9.5-4.2 1.2 1.2-4.2 9.5-9.5Zm-8 10.4-.5 1.9 1.9-.5 8.3-8.3-1.4-1.4-8.3 8.3Z" />
                </svg>
              </Link>
              {u.status === "active" ? <UserRowReset userId={u.id} name={u.displayName} username={u.username} /> : null}
              </div>
            </Td>
          </tr>
        ))}
      </Table>
      {rows.length === 0 ? <p>No users match your search.</p> : null}
      <Pager page={page} hasNext={hasNext} params={{ q: params.q, type: params.type }} label="Users pages" />
    </div>
  );
}
