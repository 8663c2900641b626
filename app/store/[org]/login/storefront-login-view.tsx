import type { Metadata } from "next";
import { StorefrontCard } from "@/components/storefront-card";
import { StorefrontLoginForm } from "@/app/store/[org]/login/storefront-login-form";
import { Alert } from "@/components/ui/alert";
import { SIGN_IN_COPY } from "@/lib/copy/sign-in";
import type { Storefront } from "@/lib/organizations/organizations";

export const storefrontLoginMetadata: Metadata = { title: "Storefront sign in" };

/** The storefront's sign-in page, for /store/<slug>/login (per request) and its cached twin (app/prerendered/store). */
export function StorefrontLoginView({ store, signedOut }: { store: Storefront; signedOut: boolean }) {
  return (
    <StorefrontCard title="Sign in" intro={`Sign in to order from ${store.name}.`}>
      {signedOut ? (
        <div className="mb-4">
          <Alert tone="success">{SIGN_IN_COPY.signedOut}</Alert>
        </div>
      ) : null}
      <StorefrontLoginForm slug={store.slug} />
    </StorefrontCard>
  );
}
