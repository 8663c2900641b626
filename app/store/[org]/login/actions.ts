"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/web/action";
import { ACCESS_MESSAGES } from "@/lib/copy/access";
import { startContactSession } from "@/lib/sessions/storefront-cookie";
import { CONTACT_SIGN_IN_MESSAGES, signInContact } from "@/lib/contacts/sign-in";
import { getStorefront, storeSlugSchema } from "@/lib/organizations/organizations";
import { signInSchema } from "@/lib/web/schemas";

/**
 * Storefront sign-in. Public: a contact has no console session; the storefront session is
 * started here, for this organization only (lib/sessions/storefront-cookie.ts).
 */
export const contactSignInAction = defineAction({
  schema: signInSchema.extend({ org: storeSlugSchema }),
  access: "public",
  async run({ org, username, password }, { meta }) {
    const store = await getStorefront(org);
    if (!store) return { ok: false, message: ACCESS_MESSAGES.noStorefront };
    const result = await signInContact(store.id, { username, password }, meta);
    if (!result.ok) return { ok: false, message: CONTACT_SIGN_IN_MESSAGES[result.reason] };
    await startContactSession(store, { contactId: result.contact.id, sessionVersion: result.contact.sessionVersion }, meta);
    redirect(result.contact.mustChangePassword ? `/store/${store.slug}/change-password` : `/store/${store.slug}`);
  },
});
