"use server";

import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { requestPasswordReset, validForText } from "@/lib/staff/reset-request";
import { emailField } from "@/lib/web/schemas";
import { RESET_COPY } from "@/lib/copy/password";

const ForgotSchema = z.object({ email: emailField });

/**
 * "Send me reset password instructions": the same answer whether or not the address has an
 * account (unknown addresses cost the same argon2 work, see requestPasswordReset).
 */
export const forgotPasswordAction = defineAction({
  schema: ForgotSchema,
  access: "public",
  async run({ email }, { meta }) {
    const result = await requestPasswordReset(email, meta, { via: "forgot-password" });
    if (result.status === "rate_limited") {
      return { ok: false, message: RESET_COPY.tooManyRequests };
    }
    return {
      ok: true,
      message: RESET_COPY.sentIfAccount(email, validForText("reset")),
    };
  },
});
