import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { StorefrontSignOutButton } from "@/app/store/[org]/storefront-sign-out-button";
import { Alert } from "@/components/ui/alert";
import { requireContact, requireStorefront } from "@/lib/sessions/storefront-cookie";
import { Panel } from "@/components/ui/panel";
import { SessionList } from "@/components/session-list";
import { listSessionsForPage } from "@/lib/sessions/records";
import { contactEndOtherSessionsAction, contactRevokeSessionAction } from "./actions";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = { title: "Storefront" };

const Query = z.object({ changed: z.literal("1").optional().catch(undefined) });

/** The signed-in storefront home: who is signed in, for which retailer. */
export default async function StorefrontHomePage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const store = await requireStorefront((await params).org);
  const contact = await requireContact(store);
  const query = Query.parse(await searchParams);
  const sessions = await listSessionsForPage(store.id, { contactId: contact.id }, contact.sessionId);
  return (
    <main className="mx-auto flex w-full max-w-3xl flex-col gap-6 p-6">
      {query.changed ? <Alert tone="success">Your new password is saved. Use it the next time you sign in.</Alert> : null}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <PageHeading>Welcome, {contact.name}</PageHeading>
          <p className="mt-1 text-zinc-700">
            You are signed in for <strong>{contact.retailerName}</strong> on the {store.name} storefront.
          </p>
        </div>
        <StorefrontSignOutButton slug={store.slug} />
      </div>
      <Panel id="account" title="Your account">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-zinc-600">Name</dt>
          <dd>{contact.name}</dd>
          <dt className="text-zinc-600">Retailer</dt>
          <dd>{contact.retailerName}</dd>
          <dt className="text-zinc-600">Username</dt>
          <dd>{contact.username}</dd>
          <dt className="text-zinc-600">Email</dt>
          <dd>{contact.email}</dd>
        </dl>
        <p className="mt-3 text-sm">
          <Link href={`/store/${store.slug}/account`} className="font-semibold text-brand-700 underline underline-offset-2">
            Change your password
          </Link>
        </p>      </Panel>
      <Panel id="sessions" title="Your sessions" description="The browsers signed in to this storefront as you.">
        <SessionList
          caption="Your storefront sessions"
          sessions={sessions}
          revokeAction={contactRevokeSessionAction}
          endOthersAction={contactEndOtherSessionsAction}
          fields={{ org: store.slug }}
        />
      </Panel>
    </main>
  );
}
