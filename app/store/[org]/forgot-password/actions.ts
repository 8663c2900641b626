"use server";

import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { ACCESS_MESSAGES } from "@/lib/copy/access";
import { requestContactPasswordReset, temporaryPasswordValidFor } from "@/lib/contacts/contacts";
import { getStorefront, storeSlugSchema } from "@/lib/organizations/organizations";
import { usernameField } from "@/lib/web/schemas";

/**
 * "Forgot Your Password": the same answer whether or not the username exists or may use the
 * storefront (lib/contacts/contacts.ts makes both cost the same). The old password keeps working.
 */
export const contactForgotPasswordAction = defineAction({
  schema: z.object({ org: storeSlugSchema, username: usernameField }),
  access: "public",
  async run({ org, username }, { meta }) {
    const store = await getStorefront(org);
    if (!store) return { ok: false, message: ACCESS_MESSAGES.noStorefront };
    const result = await requestContactPasswordReset(store.id, username, meta);
    if (result.status === "rate_limited") {
      return { ok: false, message: "Too many requests from your network. Wait a few minutes and try again." };
    }
    return {
      ok: true,
      message: `If ${username} is a username on this storefront, we've emailed a temporary password to the address on that account. It is valid for ${temporaryPasswordValidFor()}. Your current password keeps working until you sign in with the temporary one. Nothing arrived? Check your spam folder, or contact ${store.name}.`,
    };
  },
});
