import type { Metadata } from "next";
import { StorefrontCard } from "@/components/storefront-card";
import { StorefrontForgotPasswordForm } from "@/app/store/[org]/forgot-password/storefront-forgot-password-form";
import { temporaryPasswordValidFor } from "@/lib/contacts/temporary-passwords";
import type { Storefront } from "@/lib/organizations/organizations";

export const storefrontForgotPasswordMetadata: Metadata = { title: "Forgot Your Password" };

/** The storefront's forgot-password page, per request and as its cached twin (app/prerendered/store). */
export function StorefrontForgotPasswordView({ store }: { store: Storefront }) {
  return (
    <StorefrontCard
      title="Forgot Your Password"
      intro={`Enter your username. We'll email a temporary password to the address on your account; it is valid for ${temporaryPasswordValidFor()}, and after signing in with it you choose a new password.`}
    >
      <StorefrontForgotPasswordForm slug={store.slug} />
    </StorefrontCard>
  );
}
