"use client";

import { useActionState, useState } from "react";
import { contactChangePasswordAction } from "@/app/store/[org]/change-password/actions";
import { initialActionState } from "@/lib/action-state";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { ContactPasswordRules } from "./contact-password-rules";
import { PasswordInput } from "./password-input";

export function StorefrontChangePasswordForm({ slug, username }: { slug: string; username: string }) {
  const [state, formAction, pending] = useActionState(contactChangePasswordAction, initialActionState);
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const mismatch = confirm.length > 0 && confirm !== password;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="org" value={slug} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="hidden" name="username" value={username} autoComplete="username" readOnly />
      <PasswordInput
        label="New password"
        name="newPassword"
        autoComplete="new-password"
        required
        maxLength={1024}
        hintId="contact-password-rules"
        onChange={(e) => setPassword(e.target.value)}
        error={state.fieldErrors?.newPassword}
      />
      <ContactPasswordRules id="contact-password-rules" password={password} />
      <PasswordInput
        label="Confirm new password"
        name="confirmPassword"
        autoComplete="new-password"
        required
        maxLength={1024}
        onChange={(e) => setConfirm(e.target.value)}
        error={state.fieldErrors?.confirmPassword ?? (mismatch ? "The two new passwords do not match yet." : undefined)}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save New Password"}
      </Button>
    </form>
  );
}
