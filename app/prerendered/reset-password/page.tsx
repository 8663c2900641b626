import { ResetByCode, resetPasswordMetadata } from "@/app/reset-password/reset-by-code";

export const metadata = resetPasswordMetadata;
// Rendered once at build; the build fails if anything here (or a boundary above it) reads the request.
export const dynamic = "error";

/** /reset-password without the link's cookie: proxy.ts serves this twin then (lib/web/prerendered.ts). */
export default function PrerenderedResetPasswordPage() {
  return <ResetByCode />;
}
