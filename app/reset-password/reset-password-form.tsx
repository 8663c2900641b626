"use client";

import Link from "next/link";
import { useState } from "react";
import { completeResetAction } from "./actions";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/error-summary";
import { UsernameField } from "@/components/username-field";
import { TextField } from "@/components/ui/text-field";
import { NewPasswordFields } from "@/components/new-password-fields";
import { useCheckedForm } from "@/components/use-checked-form";
import { checkResetCode, checkStaffPasswordPair } from "@/lib/web/form-checks";
import { ENTER_USERNAME } from "@/lib/web/schemas";
import { rememberSignInUsername } from "@/components/remembered-username";

/**
 * Code, new password, confirmation. `username` is known when the user came through the
 * email's link (it is shown read-only, for password managers to file the new password under);
 * on another device they type it.
 */
export function ResetPasswordForm({ username, purpose }: { username?: string; purpose: "reset" | "invite" }) {
  const [typedUsername, setTypedUsername] = useState("");
  const account = username ?? typedUsername;
  const { pending, fieldErrors, message, summaryRef, formProps } = useCheckedForm(completeResetAction, (form) => {
    const errors = {
      ...(username || String(form.get("username") ?? "").trim() ? {} : { username: ENTER_USERNAME }),
      code: checkResetCode(form),
      ...checkStaffPasswordPair(form, { username: account }),
    };
    if (account) rememberSignInUsername(account.trim());
    return errors;
  });
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <ErrorSummary ref={summaryRef} message={message} fieldErrors={fieldErrors} />
      {username ? (
        <UsernameField
          value={username}
          readOnly
          required={false}
          hint="The account this code resets."
          className="[&_input]:bg-zinc-100"
        />
      ) : (
        <UsernameField onChange={(e) => setTypedUsername(e.target.value)} error={fieldErrors?.username} />
      )}
      <TextField
        label="6-digit code"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        hint="From the email we sent you."
        error={fieldErrors?.code}
      />
      <NewPasswordFields
        username={account}
        errors={{ newPassword: fieldErrors?.newPassword, confirmPassword: fieldErrors?.confirmPassword }}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : purpose === "invite" ? "Save Password" : "Save New Password"}
      </Button>
      <p className="text-sm">
        <Link href="/login" className="text-brand-700 underline underline-offset-2">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
