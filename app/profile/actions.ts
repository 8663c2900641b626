"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/action";
import { changePassword } from "@/lib/password-change";
import { findUserById } from "@/lib/users";

const password = z.string().max(1024, "That password is too long.");

const ChangeSchema = z.object({
  currentPassword: password.min(1, "Enter your existing password."),
  newPassword: password.min(1, "Enter a new password."),
  confirmPassword: password.min(1, "Type the new password again."),
});

/** Account Settings → Update: other sessions and app tokens end; this browser stays signed in. */
export const changePasswordAction = defineAction({
  schema: ChangeSchema,
  access: "staff",
  async run(input, { user, meta }) {
    const account = await findUserById(user.id);
    if (!account) return { ok: false, message: "Your session has ended. Sign in again." };
    const result = await changePassword(account, input, meta, user.sessionId);
    if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors };
    redirect("/profile?updated=1");
  },
});
