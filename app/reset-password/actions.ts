"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { completePasswordReset } from "@/lib/staff/reset-completion";
import { RESET_TOKEN_COOKIE } from "@/lib/web/reset-cookie";
import { passwordField, textField, usernameField } from "@/lib/web/schemas";

const ResetSchema = z.object({
  username: usernameField.optional(),
  code: textField("The code", { error: "Enter the 6-digit code from the email." })
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code from the email."),
  newPassword: passwordField("The new password").min(1, "Enter a new password."),
  confirmPassword: passwordField("The new password").min(1, "Type the new password again."),
});

export const completeResetAction = defineAction({
  schema: ResetSchema,
  access: "public",
  async run(input, { meta }) {
    const jar = await cookies();
    const token = jar.get(RESET_TOKEN_COOKIE)?.value;
    if (!token && !input.username) {
      return { ok: false, fieldErrors: { username: "Enter your username." } };
    }
    const result = await completePasswordReset({ ...input, token, username: token ? undefined : input.username }, meta);
    if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors };
    jar.delete({ name: RESET_TOKEN_COOKIE, path: "/reset-password" });
    redirect(`/login?done=${result.purpose}&type=${result.userType}`);
  },
});

/** "Use a different reset": forget the link's token and ask for the username instead. */
export const forgetResetLinkAction = defineAction({
  schema: z.object({}),
  access: "public",
  async run() {
    (await cookies()).delete({ name: RESET_TOKEN_COOKIE, path: "/reset-password" });
    redirect("/reset-password");
  },
});
