"use client";

import { useState, type ReactNode } from "react";
import { NEW_PASSWORD_COPY } from "@/lib/copy/password";
import { PasswordInput } from "./password-input";
import { PasswordStrengthMeter } from "./password-strength-meter";

type Errors = { newPassword?: string; confirmPassword?: string };

/**
 * "New password", what guides it as it is typed (`guide`, whose element has the id `guideId`),
 * and "Confirm new password". The inputs stay uncontrolled (state only mirrors them), so what
 * someone types before the page hydrates is kept and sent.
 */
export function NewPasswordPair({
  errors,
  guideId,
  guide,
}: {
  errors?: Errors;
  guideId: string;
  guide: (password: string) => ReactNode;
}) {
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const mismatch = confirm.length > 0 && confirm !== password;
  return (
    <>
      <PasswordInput
        label="New password"
        name="newPassword"
        autoComplete="new-password"
        required
        maxLength={1024}
        hintId={guideId}
        onChange={(e) => setPassword(e.target.value)}
        error={errors?.newPassword}
      />
      {guide(password)}
      <PasswordInput
        label="Confirm new password"
        name="confirmPassword"
        autoComplete="new-password"
        required
        maxLength={1024}
        onChange={(e) => setConfirm(e.target.value)}
        error={errors?.confirmPassword ?? (mismatch ? NEW_PASSWORD_COPY.mismatchYet : undefined)}
      />
    </>
  );
}

/** A staff user's new password: the pair, guided by the live strength meter. */
export function NewPasswordFields({ username, userInputs, errors }: { username: string; userInputs?: string[]; errors?: Errors }) {
  return (
    <NewPasswordPair
      errors={errors}
      guideId="new-password-meter"
      guide={(password) => (
        <PasswordStrengthMeter id="new-password-meter" password={password} username={username} userInputs={userInputs} />
      )}
    />
  );
}
