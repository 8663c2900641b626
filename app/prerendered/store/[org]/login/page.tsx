import { StorefrontLoginView, storefrontLoginMetadata } from "@/app/store/[org]/login/storefront-login-view";
import { requireStorefront } from "@/lib/sessions/storefront-cookie";

export const metadata = storefrontLoginMetadata;

/** /store/<slug>/login as a plain anonymous GET sees it: proxy.ts serves this twin then. */
export default async function StorefrontLoginTwin({ params }: { params: Promise<{ org: string }> }) {
  return <StorefrontLoginView store={await requireStorefront((await params).org)} signedOut={false} />;
}
