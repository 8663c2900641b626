"use server";

import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { requestPasswordReset, validForText } from "@/lib/staff/reset-request";
import { textField } from "@/lib/web/schemas";

const ForgotSchema = z.object({
  email: textField("The email address", { error: "Enter your email address." })
    .trim()
    .min(1, "Enter your email address.")
    .max(254, "An email address has at most 254 characters.")
    .pipe(z.email("Enter an email address, like name@company.com.")),
});

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
      return { ok: false, message: "Too many requests from your network. Wait a few minutes and try again." };
    }
    return {
      ok: true,
      message: `If ${email} belongs to an account, we've sent it a link and a 6-digit code to reset the password. They stay active for ${validForText("reset")}. Nothing arrived? Check your spam folder, or ask your admin.`,
    };
  },
});
