"use client";

import { useState } from "react";
import { PasswordInput } from "./password-input";
import { PasswordStrengthMeter } from "./password-strength-meter";

type Props = {
  username: string;
  userInputs?: string[];
  errors?: { newPassword?: string; confirmPassword?: string };
};

/**
 * "New password" with the live meter, and "Confirm new password". The inputs stay uncontrolled
 * (state only mirrors them), so what someone types before the page hydrates is kept and sent.
 */
export function NewPasswordFields({ username, userInputs, errors }: Props) {
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
        hintId="new-password-meter"
        onChange={(e) => setPassword(e.target.value)}
        error={errors?.newPassword}
      />
      <PasswordStrengthMeter id="new-password-meter" password={password} username={username} userInputs={userInputs} />
      <PasswordInput
        label="Confirm new password"
        name="confirmPassword"
        autoComplete="new-password"
        required
        maxLength={1024}
        onChange={(e) => setConfirm(e.target.value)}
        error={errors?.confirmPassword ?? (mismatch ? "The two new passwords do not match yet." : undefined)}
      />
    </>
  );
}
