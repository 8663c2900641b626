import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { AuthCard } from "@/components/auth-card";
import { ResetPasswordForm } from "@/app/reset-password/reset-password-form";
import { Alert } from "@/components/ui/alert";
import { inspectResetToken } from "@/lib/staff/reset-completion";
import { RESET_TOKEN_COOKIE } from "@/lib/web/reset-cookie";
import { RESET_UNUSABLE_COPY } from "@/lib/copy/password";
import { ForgetResetLinkButton } from "@/app/reset-password/forget-reset-link-button";
import { ResetByCode, resetPasswordMetadata } from "@/app/reset-password/reset-by-code";

export const metadata: Metadata = resetPasswordMetadata;

/**
 * With the emailed link's cookie, the account and the link's state; without it, the code form,
 * which a plain GET gets from the build-time twin instead (lib/web/prerendered.ts).
 */
export default async function ResetPasswordPage() {
  const token = (await cookies()).get(RESET_TOKEN_COOKIE)?.value;
  if (!token) return <ResetByCode />;
  const link = await inspectResetToken(token);
  if (link.status === "unusable") {
    return (
      <AuthCard title="Reset your password">
        <div className="flex flex-col gap-4">
          <Alert tone="error">{RESET_UNUSABLE_COPY[link.reason]}</Alert>
          <p className="text-sm">
            <Link href="/login" className="font-semibold text-brand-700 underline underline-offset-2">
              Go to sign in to request a new code
            </Link>
          </p>
          <ForgetResetLinkButton />
        </div>
      </AuthCard>
    );
  }
  const invite = link.purpose === "invite";
  return (
    <AuthCard
      title={invite ? "Create your password" : "Reset your password"}
      intro="Enter the 6-digit code from the email, then choose your new password."
    >
      <ResetPasswordForm username={link.username} purpose={link.purpose} />
    </AuthCard>
  );
}
