import { redirect } from "next/navigation";
import { LoginParams, LoginView, loginMetadata } from "@/app/login/login-view";
import { auth } from "@/lib/sessions/auth";
import { landingPath } from "@/lib/staff/access";

export const metadata = loginMetadata;

/**
 * /login when the answer depends on the request: a query string, or a session cookie (a
 * signed-in browser goes on to its landing page). A plain anonymous GET gets the build-time twin
 * instead (lib/web/prerendered.ts).
 */
export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const params = LoginParams.parse(await searchParams);
  const user = await auth();
  if (user) redirect(landingPath(user.userType));
  return <LoginView params={params} />;
}
