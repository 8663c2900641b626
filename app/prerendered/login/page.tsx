import { LoginView, loginMetadata } from "@/app/login/login-view";

export const metadata = loginMetadata;
// Rendered once at build; the build fails if anything here (or a boundary above it) reads the request.
export const dynamic = "error";

/** /login as a plain anonymous GET sees it: proxy.ts serves this twin then (lib/web/prerendered.ts). */
export default function PrerenderedLoginPage() {
  return <LoginView params={{}} />;
}
