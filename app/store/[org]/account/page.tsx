import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { AccountPasswordForm } from "@/app/store/[org]/account/account-password-form";
import { StorefrontSignOutButton } from "@/app/store/[org]/storefront-sign-out-button";
import { Alert } from "@/components/ui/alert";
import { PageHeading } from "@/components/ui/page-heading";
import { Panel } from "@/components/ui/panel";
import { requireContact, requireStorefront } from "@/lib/sessions/storefront-cookie";

export const metadata: Metadata = { title: "Your account" };

const Query = z.object({ changed: z.literal("1").optional().catch(undefined) });

/** The signed-in contact's account: their password (the storefront's Profile Settings). */
export default async function StorefrontAccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const store = await requireStorefront((await params).org);
  const contact = await requireContact(store);
  const query = Query.parse(await searchParams);
  return (
    <main className="mx-auto flex w-full max-w-2xl flex-col gap-6 p-6">
      <p className="text-sm">
        <Link href={`/store/${store.slug}`} className="text-brand-700 underline underline-offset-2">
          {store.name} storefront
        </Link>{" "}
        / Your account
      </p>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeading>Your account</PageHeading>
        <StorefrontSignOutButton slug={store.slug} />
      </div>
      {query.changed ? (
        <Alert tone="success">
          Your password has been updated. You have been signed out of this storefront everywhere else, and we emailed
          you a notice.
        </Alert>
      ) : null}
      <Panel
        id="password"
        title="Change your password"
        description={`At least 8 characters, with a letter and a number. Your other ${store.name} storefront sessions will end.`}
      >
        <AccountPasswordForm slug={store.slug} username={contact.username} />
      </Panel>
    </main>
  );
}
