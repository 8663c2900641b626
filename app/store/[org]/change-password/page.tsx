import type { Metadata } from "next";
import { StorefrontCard } from "@/components/storefront-card";
import { StorefrontChangePasswordForm } from "@/app/store/[org]/change-password/storefront-change-password-form";
import { StorefrontSignOutButton } from "@/app/store/[org]/storefront-sign-out-button";
import { requireContact, requireStorefront } from "@/lib/sessions/storefront-cookie";

export const metadata: Metadata = { title: "Choose a new password" };

/** Where a temporary-password sign-in lands; every other storefront page sends the contact here until done. */
export default async function StorefrontChangePasswordPage({ params }: { params: Promise<{ org: string }> }) {
  const store = await requireStorefront((await params).org);
  const contact = await requireContact(store, "change-password");
  return (
    <StorefrontCard
      title="Choose a new password"
      intro={`Hello ${contact.name}. You signed in with a temporary password; choose your own password to continue. It needs at least 8 characters, with at least one letter and one number.`}
    >
      <StorefrontChangePasswordForm slug={store.slug} username={contact.username} />
      <div className="mt-6 flex flex-wrap items-center justify-between gap-3 border-t border-zinc-200 pt-4 text-sm text-zinc-700">
        <p>
          Not now? You can sign out, but your temporary password has been used: to sign in again, choose Forgot Your
          Password on the sign-in page and we will email you a new one.
        </p>
        <StorefrontSignOutButton slug={store.slug} />
      </div>
    </StorefrontCard>
  );
}
