"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { endContactSession, keepContactSession } from "@/lib/sessions/storefront-cookie";
import { changeContactPassword } from "@/lib/contacts/forced-change";
import { storeSlugSchema } from "@/lib/organizations/organizations";
import { newPasswordFields } from "@/lib/web/schemas";

const ChangeSchema = z.object({
  org: storeSlugSchema,
  ...newPasswordFields,
});

/**
 * The forced change after a temporary-password sign-in. Access is the storefront session
 * ("contact": a console session means nothing here); other storefront sessions end, this one
 * joins the new session version.
 */
export const contactChangePasswordAction = defineAction({
  schema: ChangeSchema,
  access: "contact",
  async run({ newPassword, confirmPassword }, { store, contact, meta }) {
    const result = await changeContactPassword(
      { contactId: contact.id, organizationId: store.id, sessionVersion: contact.sessionVersion },
      { newPassword, confirmPassword },
      meta,
    );
    if (!result.ok) {
      if (result.reason === "not_required") redirect(`/store/${store.slug}`);
      if (result.reason === "signed_out") await endContactSession(store, contact);
      return { ok: false, message: result.message, fieldErrors: result.fieldErrors };
    }
    await keepContactSession(contact, result.sessionVersion);
    redirect(`/store/${store.slug}?changed=1`);
  },
});
