import { StorefrontForgotPasswordView, storefrontForgotPasswordMetadata } from "@/app/store/[org]/forgot-password/storefront-forgot-password-view";
import { requireStorefront } from "@/lib/sessions/storefront-cookie";

export const metadata = storefrontForgotPasswordMetadata;

/** /store/<slug>/forgot-password without a contact's cookie: proxy.ts serves this twin then. */
export default async function StorefrontForgotPasswordTwin({ params }: { params: Promise<{ org: string }> }) {
  return <StorefrontForgotPasswordView store={await requireStorefront((await params).org)} />;
}
