"use client";

import { changePasswordAction } from "./actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/error-summary";
import { NewPasswordFields } from "@/components/new-password-fields";
import { PasswordInput } from "@/components/password-input";
import { UsernameField } from "@/components/username-field";
import { useCheckedForm } from "@/components/use-checked-form";
import { checkCurrentPassword, checkStaffPasswordPair } from "@/lib/web/form-checks";

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
  const { state, pending, fieldErrors, message, summaryRef, formProps } = useCheckedForm(changePasswordAction, (form) => ({
    currentPassword: checkCurrentPassword(form),
    ...checkStaffPasswordPair(form, { username, userInputs }),
  }));
  const failed = Boolean(message || fieldErrors);
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <ErrorSummary ref={summaryRef} message={message} fieldErrors={fieldErrors} />
      {updated && !failed && !state.message ? (
        <Alert tone="success">
          Your password has been updated. You have been signed out everywhere else, including the apps.
        </Alert>
      ) : null}
      {/* Visible and read-only: password managers file the new password under this account. */}
      <UsernameField value={username} readOnly required={false} className="[&_input]:bg-zinc-100" />
      <PasswordInput
        label="Existing password"
        name="currentPassword"
        autoComplete="current-password"
        required
        error={fieldErrors?.currentPassword}
      />
      <NewPasswordFields
        username={username}
        userInputs={userInputs}
        errors={{ newPassword: fieldErrors?.newPassword, confirmPassword: fieldErrors?.confirmPassword }}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Updating…" : "Update"}
        </Button>
      </div>
    </form>
  );
}
