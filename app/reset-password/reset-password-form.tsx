"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { completeResetAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { UsernameField } from "@/components/username-field";
import { TextField } from "@/components/ui/text-field";
import { NewPasswordFields } from "@/components/new-password-fields";

/**
 * Code, new password, confirmation. `username` is known when the user came through the
 * email's link; on another device they type it.
 */
export function ResetPasswordForm({ username, purpose }: { username?: string; purpose: "reset" | "invite" }) {
  const [state, formAction, pending] = useActionState(completeResetAction, initialActionState);
  const [typedUsername, setTypedUsername] = useState(state.values?.username ?? "");
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state.message ? <Alert tone="error">{state.message}</Alert> : null}
      {username ? (
        <p className="text-sm">
          Account: <strong className="break-all">{username}</strong>
        </p>
      ) : (
        <UsernameField
          defaultValue={typedUsername}
          onChange={(e) => setTypedUsername(e.target.value)}
          error={state.fieldErrors?.username}
        />
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
        error={state.fieldErrors?.code}
      />
      <NewPasswordFields
        username={username ?? typedUsername}
        errors={{ newPassword: state.fieldErrors?.newPassword, confirmPassword: state.fieldErrors?.confirmPassword }}
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
