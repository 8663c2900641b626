import { redirect } from "next/navigation";
import { safeNextPath } from "@/lib/access";
import { auth } from "@/lib/auth";

/** The post-sign-in router: each user type to its landing page (or a safe requested page). */
export default async function Home({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const user = await auth();
  if (!user) redirect("/login");
  const { next } = await searchParams;
  redirect(safeNextPath(user.userType, typeof next === "string" ? next : undefined));
}
