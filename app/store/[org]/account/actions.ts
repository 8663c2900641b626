"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { changeOwnContactPassword } from "@/lib/contacts/account";
import { endContactSession, getContactSession, keepContactSession } from "@/lib/sessions/storefront-cookie";
import { getStorefront, storeSlugSchema } from "@/lib/organizations/organizations";
import { passwordField } from "@/lib/web/schemas";

const ChangeSchema = z.object({
  org: storeSlugSchema,
  currentPassword: passwordField("The existing password").min(1, "Enter your existing password."),
  newPassword: passwordField("The new password").min(1, "Enter a new password."),
  confirmPassword: passwordField("The new password").min(1, "Type the new password again."),
});

/** The storefront's account page → Update: the contact's other storefront sessions end, this one stays. */
export const contactAccountPasswordAction = defineAction({
  schema: ChangeSchema,
  access: "public",
  async run({ org, ...input }, { meta }) {
    const store = await getStorefront(org);
    if (!store) return { ok: false, message: "This storefront does not exist." };
    const contact = await getContactSession(store);
    if (!contact) return { ok: false, message: "Your session has ended. Sign in again." };
    const result = await changeOwnContactPassword(
      { contactId: contact.id, organizationId: store.id, sessionVersion: contact.sessionVersion },
      input,
      meta,
    );
    if (!result.ok) {
      if (result.reason === "must_change") redirect(`/store/${store.slug}/change-password`);
      if (result.reason === "signed_out") await endContactSession(store, contact);
      return { ok: false, message: result.message, fieldErrors: result.fieldErrors };
    }
    await keepContactSession(contact, result.sessionVersion);
    redirect(`/store/${store.slug}/account?changed=1`);
  },
});
