import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { z } from "zod";
import { StorefrontCard } from "@/components/storefront-card";
import { StorefrontLoginForm } from "@/app/store/[org]/login/storefront-login-form";
import { Alert } from "@/components/ui/alert";
import { SIGN_IN_COPY } from "@/lib/copy/sign-in";
import { getContactSession, requireStorefront } from "@/lib/sessions/storefront-cookie";

export const metadata: Metadata = { title: "Storefront sign in" };

const Query = z.object({ signedOut: z.literal("1").optional().catch(undefined) });

export default async function StorefrontLoginPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const store = await requireStorefront((await params).org);
  const query = Query.parse(await searchParams);
  const contact = await getContactSession(store);
  if (contact) redirect(contact.mustChangePassword ? `/store/${store.slug}/change-password` : `/store/${store.slug}`);
  return (
    <StorefrontCard title="Sign in" intro={`Sign in to order from ${store.name}.`}>
      {query.signedOut ? (
        <div className="mb-4">
          <Alert tone="success">{SIGN_IN_COPY.signedOut}</Alert>
        </div>
      ) : null}
      <StorefrontLoginForm slug={store.slug} />
    </StorefrontCard>
  );
}
