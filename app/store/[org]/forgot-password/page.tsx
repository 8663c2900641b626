import { redirect } from "next/navigation";
import { StorefrontForgotPasswordView, storefrontForgotPasswordMetadata } from "@/app/store/[org]/forgot-password/storefront-forgot-password-view";
import { getContactSession, requireStorefront } from "@/lib/sessions/storefront-cookie";

export const metadata = storefrontForgotPasswordMetadata;

/** Per request when a contact's cookie may redirect; otherwise the cached twin answers (lib/web/prerendered.ts). */
export default async function StorefrontForgotPasswordPage({ params }: { params: Promise<{ org: string }> }) {
  const store = await requireStorefront((await params).org);
  const contact = await getContactSession(store);
  if (contact?.mustChangePassword) redirect(`/store/${store.slug}/change-password`);
  return <StorefrontForgotPasswordView store={store} />;
}
