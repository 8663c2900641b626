import type { Metadata } from "next";
import { AuthCard } from "@/components/auth-card";
import { ForgotPasswordForm } from "@/app/forgot-password/forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };
// Rendered once at build: nothing on it depends on the request (the build fails if anything starts to).
export const dynamic = "error";

export default function ForgotPasswordPage() {
  return (
    <AuthCard
      title="Forgot your password?"
      intro="Enter the email address you sign in with. We'll send you a link and a 6-digit code to choose a new password. Don't know your username? Ask your company's admin."
    >
      <ForgotPasswordForm />
    </AuthCard>
  );
}
