import type { Metadata } from "next";
import { ConsoleForbidden } from "@/components/console-forbidden";
import { auth } from "@/lib/sessions/auth";
import { signOutAction } from "@/app/actions";

export const metadata: Metadata = { title: "Not allowed" };

/** Rendered with status 403 wherever `forbidden()` is called (staff who may not use the console). */
export default async function Forbidden() {
  const user = await auth();
  return <ConsoleForbidden userType={user?.userType ?? "device"} signOutAction={signOutAction} />;
}
