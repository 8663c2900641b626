import { redirect } from "next/navigation";
import { z } from "zod";
import { StorefrontLoginView, storefrontLoginMetadata } from "@/app/store/[org]/login/storefront-login-view";
import { getContactSession, requireStorefront } from "@/lib/sessions/storefront-cookie";

export const metadata = storefrontLoginMetadata;

const Query = z.object({ signedOut: z.literal("1").optional().catch(undefined) });

/**
 * Per request: a signed-in contact is sent on, `?signedOut=1` says so. A plain anonymous GET of a
 * storefront this process knows gets the cached twin instead (lib/web/prerendered.ts).
 */
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
  return <StorefrontLoginView store={store} signedOut={query.signedOut === "1"} />;
}
