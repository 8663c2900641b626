import type { Metadata } from "next";
import { AuthCard } from "@/components/auth-card";
import { ResetPasswordForm } from "@/app/reset-password/reset-password-form";

export const resetPasswordMetadata: Metadata = { title: "Reset password", referrer: "same-origin" };

/** Reset without the emailed link: username, code and new password typed in. */
export function ResetByCode() {
  return (
    <AuthCard title="Reset your password" intro="Enter your username, the 6-digit code from the email, and a new password.">
      <ResetPasswordForm purpose="reset" />
    </AuthCard>
  );
}
