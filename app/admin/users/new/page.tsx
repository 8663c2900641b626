import type { Metadata } from "next";
import Link from "next/link";
import { LicenceBar } from "@/components/licence-bar";
import { Alert } from "@/components/ui/alert";
import { UserForm } from "@/app/admin/users/user-form";
import { getLicenceUsage } from "@/lib/organizations/licences";
import { requireConsoleUser } from "@/lib/sessions/guards";
import { addUserAction } from "./actions";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = { title: "Add user" };

export default async function AddUserPage() {
  const user = await requireConsoleUser("/admin/users/new");
  const usage = await getLicenceUsage(user.organizationId);
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        <Link href="/admin/users" className="text-brand-700 underline underline-offset-2">
          Users
        </Link>{" "}
        / Add user
      </p>
      <PageHeading>Add user</PageHeading>
      <div className="max-w-xl">
        <LicenceBar usage={usage} />
      </div>
      {usage.free < 1 ? (
        <Alert tone="info">
          Every licence is in use. <Link href="/admin/subscription" className="font-semibold underline">Add licences on the Subscription page</Link> before adding a user.
        </Alert>
      ) : null}
      <p className="max-w-xl text-sm text-zinc-700">
        The new user gets an email at their username with a link and a code to create their password (valid 48 hours). A
        username that is not an email address cannot receive it, and that user cannot create or reset a password by email.
      </p>
      <UserForm action={addUserAction} submitLabel="Add user" />
    </div>
  );
}
