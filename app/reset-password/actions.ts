"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { completePasswordReset } from "@/lib/staff/reset-completion";
import { RESET_TOKEN_COOKIE } from "@/lib/web/reset-cookie";
import { RESET_COPY, resetRefusalMessage } from "@/lib/copy/password";
import { ENTER_USERNAME, newPasswordFields, textField, usernameField } from "@/lib/web/schemas";

const ResetSchema = z.object({
  username: usernameField.optional(),
  code: textField("The code", { error: RESET_COPY.enterCode }).trim().regex(/^\d{6}$/, RESET_COPY.enterCode),
  ...newPasswordFields,
});

export const completeResetAction = defineAction({
  schema: ResetSchema,
  access: "public",
  async run(input, { meta }) {
    const jar = await cookies();
    const token = jar.get(RESET_TOKEN_COOKIE)?.value;
    if (!token && !input.username) {
      return { ok: false, fieldErrors: { username: ENTER_USERNAME } };
    }
    const result = await completePasswordReset({ ...input, token, username: token ? undefined : input.username }, meta);
    if (!result.ok) {
      const message = result.reason && resetRefusalMessage(result.reason, result.retryAfterSeconds);
      return { ok: false, message, fieldErrors: result.fieldErrors };
    }
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
