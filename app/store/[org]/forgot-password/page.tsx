import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { StorefrontCard } from "@/components/storefront-card";
import { StorefrontForgotPasswordForm } from "@/app/store/[org]/forgot-password/storefront-forgot-password-form";
import { getContactSession, requireStorefront } from "@/lib/sessions/storefront-cookie";
import { temporaryPasswordValidFor } from "@/lib/contacts/temporary-passwords";

export const metadata: Metadata = { title: "Forgot Your Password" };

export default async function StorefrontForgotPasswordPage({ params }: { params: Promise<{ org: string }> }) {
  const store = await requireStorefront((await params).org);
  const contact = await getContactSession(store);
  if (contact?.mustChangePassword) redirect(`/store/${store.slug}/change-password`);
  return (
    <StorefrontCard
      title="Forgot Your Password"
      intro={`Enter your username. We'll email a temporary password to the address on your account; it is valid for ${temporaryPasswordValidFor()}, and after signing in with it you choose a new password.`}
    >
      <StorefrontForgotPasswordForm slug={store.slug} />
    </StorefrontCard>
  );
}
