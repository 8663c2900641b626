"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/action";
import { signIn } from "@/lib/auth";
import { LOCKOUT } from "@/lib/sign-in";
import { signInSchema } from "@/lib/schemas";

const SIGN_IN_MESSAGES: Record<string, string> = {
  invalid: "The username or password is incorrect.",
  locked: `This account is locked for ${LOCKOUT.minutes} minutes after too many wrong passwords. Try again later or reset your password.`,
  rate_limited: "Too many sign-in attempts from your network. Wait a few minutes and try again.",
};

export const signInAction = defineAction({
  schema: signInSchema.extend({ callbackUrl: z.string().max(2048).optional().catch(undefined) }),
  access: "public",
  async run({ username, password, callbackUrl }) {
    try {
      await signIn("credentials", { username, password, redirect: false });
    } catch (error) {
      if (error instanceof AuthError) {
        const code = (error as AuthError & { code?: string }).code ?? "invalid";
        return { ok: false, message: SIGN_IN_MESSAGES[code] ?? SIGN_IN_MESSAGES.invalid };
      }
      throw error;
    }
    redirect(callbackUrl ? `/?next=${encodeURIComponent(callbackUrl)}` : "/");
  },
});
