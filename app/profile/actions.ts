"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { passwordField } from "@/lib/schemas";
import { defineAction } from "@/lib/action";
import { reissueSession } from "@/lib/auth";
import { changePassword } from "@/lib/password-change";
import { findUserById } from "@/lib/users";

const ChangeSchema = z.object({
  currentPassword: passwordField("The existing password").min(1, "Enter your existing password."),
  newPassword: passwordField("The new password").min(1, "Enter a new password."),
  confirmPassword: passwordField("The new password").min(1, "Type the new password again."),
});

/** Account Settings → Update: other sessions and app tokens end; this browser stays signed in. */
export const changePasswordAction = defineAction({
  schema: ChangeSchema,
  access: "staff",
  async run(input, { user, meta }) {
    const account = await findUserById(user.id);
    if (!account) return { ok: false, message: "Your session has ended. Sign in again." };
    const result = await changePassword(account, input, meta);
    if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors };
    await reissueSession(user.id, result.sessionVersion);
    // A fresh request, so the page renders with the re-issued session cookie.
    redirect("/profile?updated=1");
  },
});
