import "server-only";
import { headers } from "next/headers";
import { getStorefront } from "@/lib/organizations/organizations";
import { auth } from "@/lib/sessions/auth";
import { getContactSession } from "@/lib/sessions/storefront-cookie";
import { actionWith } from "@/lib/web/action-core";
import { getRequestMeta } from "@/lib/web/request-context";

export type { ActionState } from "@/lib/web/action-state";
export type { ActionAccess, ActionContext } from "@/lib/web/action-core";

/** The page the form was posted from (same-origin paths only), to show it again. */
async function postedFromPath(): Promise<string> {
  try {
    const { pathname, search } = new URL((await headers()).get("referer") ?? "");
    // "//host" and "/\\host" would leave the site.
    if (pathname.startsWith("/") && !/^\/[/\\]/.test(pathname)) return `${pathname}${search}`;
  } catch {
    // no usable Referer
  }
  return "/";
}

/** Every server action is built with this: lib/web/action-core.ts, reading Next.js's request. */
export const defineAction = actionWith({
  staffSession: auth,
  storefront: getStorefront,
  contactSession: getContactSession,
  requestMeta: getRequestMeta,
  postedFromPath,
});
