import type { Metadata } from "next";
import { z } from "zod";
import { AuthCard } from "@/components/auth-card";
import { LoginForm } from "@/app/login/login-form";
import { Alert } from "@/components/ui/alert";
import { SIGN_IN_COPY } from "@/lib/copy/sign-in";
import { appNamesSentence, canUseConsole } from "@/lib/staff/access";
import { userTypes } from "@/db/schema";
import { MAX_USERNAME_LENGTH, redirectTargetField, textField } from "@/lib/web/schemas";

export const loginMetadata: Metadata = { title: "Sign in" };

/** What the login page's query string may say; anything else is left out. */
export const LoginParams = z.object({
  callbackUrl: redirectTargetField,
  // Only fills the username field; a value the form would refuse is left out.
  username: textField("The username").max(MAX_USERNAME_LENGTH).optional().catch(undefined),
  signedOut: z.literal("1").optional().catch(undefined),
  reset: z.literal("1").optional().catch(undefined),
  done: z.enum(["reset", "invite"]).optional().catch(undefined),
  type: z.enum(userTypes).optional().catch(undefined),
});
export type LoginParams = z.infer<typeof LoginParams>;

/** The login page, for /login (per request) and its build-time twin (app/prerendered/login). */
export function LoginView({ params }: { params: LoginParams }) {
  return (
    <AuthCard title="Sign in to Gatehouse" intro="Admin console and Profile Settings for your company's staff.">
      {params.signedOut ? (
        <div className="mb-4">
          <Alert tone="success">{SIGN_IN_COPY.signedOut}</Alert>
        </div>
      ) : null}
      {params.done ? (
        <div className="mb-4">
          <Alert tone="success">
            {params.done === "invite" ? "Your password has been created." : "Your password has been changed."} Sign in
            with your new password.
            {params.type && !canUseConsole(params.type) && appNamesSentence(params.type)
              ? ` Your new password now works in the ${appNamesSentence(params.type)} app${params.type === "scanpack" ? "" : "s"}; this console only offers you Profile Settings.`
              : ""}
          </Alert>
        </div>
      ) : null}
      <LoginForm callbackUrl={params.callbackUrl} username={params.username} offerReset={params.reset === "1"} afterReset={Boolean(params.done)} />
    </AuthCard>
  );
}
