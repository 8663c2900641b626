"use client";

import { useActionState } from "react";
import { changePasswordAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { NewPasswordFields } from "@/components/new-password-fields";
import { PasswordInput } from "@/components/password-input";

export function ChangePasswordForm({
  username,
  userInputs,
  updated,
}: {
  username: string;
  userInputs: string[];
  /** Just saved (the action redirects back with ?updated=1). */
  updated?: boolean;
}) {
  const [state, formAction, pending] = useActionState(changePasswordAction, initialActionState);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state.message ? <Alert tone="error">{state.message}</Alert> : null}
      {updated && !state.message && !state.fieldErrors ? (
        <Alert tone="success">
          Your password has been updated. You have been signed out everywhere else, including the apps.
        </Alert>
      ) : null}
      <input type="hidden" name="username" value={username} autoComplete="username" readOnly />
      <PasswordInput
        label="Existing password"
        name="currentPassword"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.currentPassword}
      />
      <NewPasswordFields
        username={username}
        userInputs={userInputs}
        errors={{ newPassword: state.fieldErrors?.newPassword, confirmPassword: state.fieldErrors?.confirmPassword }}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Updating…" : "Update"}
        </Button>
      </div>
    </form>
  );
}
