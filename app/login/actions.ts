"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { signInWithPassword } from "@/lib/sessions/auth";
import { safeNextPath } from "@/lib/web/safe-redirect";
import { LOCKOUT } from "@/lib/credentials/lockout";
import { checkResetUsername, requestPasswordReset, validForText } from "@/lib/staff/reset-request";
import { NOT_EMAIL_MESSAGE } from "@/lib/copy/messages";
import { RESET_COPY } from "@/lib/copy/password";
import { staffSignInMessage } from "@/lib/copy/sign-in";
import { redirectTargetField, signInSchema, usernameField } from "@/lib/web/schemas";

export const signInAction = defineAction({
  schema: signInSchema.extend({ callbackUrl: redirectTargetField }),
  access: "public",
  async run({ username, password, callbackUrl }) {
    let userType;
    try {
      ({ userType } = await signInWithPassword(username, password));
    } catch (error) {
      if (error instanceof AuthError) {
        const code = (error as AuthError & { code?: string }).code;
        const reason = code === "locked" || code === "rate_limited" ? code : "invalid";
        return { ok: false, message: staffSignInMessage(reason, LOCKOUT.minutes) };
      }
      throw error;
    }
    redirect(safeNextPath(userType, callbackUrl));
  },
});

const usernameOnly = z.object({ username: usernameField });

export type UsernameCheck = { status: "ok" | "not_email" | "unknown" | "rate_limited"; email?: string };

/** Whether to offer "Reset Password" for the typed username (the login page calls it as the user types). */
export const checkUsernameAction = defineAction({
  schema: usernameOnly,
  access: "public",
  async run({ username }, { meta }) {
    const check = await checkResetUsername(username, meta);
    return {
      ok: check.status === "ok",
      data: { status: check.status, email: check.status === "ok" ? check.email : undefined } satisfies UsernameCheck,
    };
  },
});

/** The dialog's OK: email the link and code to the username address. */
export const requestResetAction = defineAction({
  schema: usernameOnly,
  access: "public",
  async run({ username }, { meta }) {
    const result = await requestPasswordReset(username, meta, { via: "login" });
    switch (result.status) {
      case "sent":
      case "suppressed":
        // A suppressed request (hourly limit) answers like a sent one: it sends nothing.
        return {
          ok: true,
          message: RESET_COPY.sentToUsername(username, validForText("reset")),
        };
      case "not_email":
        return { ok: false, message: NOT_EMAIL_MESSAGE };
      case "rate_limited":
        return { ok: false, message: RESET_COPY.tooManyResetRequests };
      default:
        return { ok: false, message: RESET_COPY.unknownUsername };
    }
  },
});
