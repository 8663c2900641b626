"use server";

import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { requestContactPasswordReset, temporaryPasswordValidFor } from "@/lib/contacts/temporary-passwords";
import { ACCESS_MESSAGES } from "@/lib/copy/access";
import { RESET_COPY, storefrontResetSent } from "@/lib/copy/password";
import { getStorefront, storeSlugSchema } from "@/lib/organizations/organizations";
import { usernameField } from "@/lib/web/schemas";

/**
 * "Forgot Your Password": the same answer whether or not the username exists or may use the
 * storefront (lib/contacts/temporary-passwords.ts makes both cost the same). The old password keeps working.
 */
export const contactForgotPasswordAction = defineAction({
  schema: z.object({ org: storeSlugSchema, username: usernameField }),
  access: "public",
  async run({ org, username }, { meta }) {
    const store = await getStorefront(org);
    if (!store) return { ok: false, message: ACCESS_MESSAGES.noStorefront };
    const result = await requestContactPasswordReset(store.id, username, meta);
    if (result.status === "rate_limited") {
      return { ok: false, message: RESET_COPY.tooManyRequests };
    }
    return {
      ok: true,
      message: storefrontResetSent(username, temporaryPasswordValidFor(), store.name),
    };
  },
});
