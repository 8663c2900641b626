import { redirect } from "next/navigation";
import { z } from "zod";
import { auth } from "@/lib/sessions/auth";
import { safeNextPath } from "@/lib/web/safe-redirect";
import { redirectTargetField } from "@/lib/web/schemas";

const Params = z.object({ next: redirectTargetField });

/** The post-sign-in router: each user type to its landing page (or a safe requested page). */
export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await auth();
  if (!user) redirect("/login");
  const { next } = Params.parse(await searchParams);
  redirect(safeNextPath(user.userType, next));
}
