import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { canUseConsole } from "@/lib/staff/access";
import { auth, type StaffSession } from "@/lib/sessions/auth";
import { noteDatabaseError } from "@/lib/infra/availability";
import { getRequestMeta, type RequestMeta } from "@/lib/web/request-context";
import { fieldErrorsOf, formFields } from "@/lib/web/schemas";

import type { ActionState } from "@/lib/web/action-state";

export type { ActionState } from "@/lib/web/action-state";

/** Who may call an action. "console" means a signed-in admin or dual user. */
export type ActionAccess = "public" | "staff" | "console";

type Context<A extends ActionAccess> = {
  user: A extends "public" ? StaffSession | null : StaffSession;
  meta: RequestMeta;
};

const SECRET_FIELD = /password|code|token|secret/i;

function echo(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => !SECRET_FIELD.test(k)));
}

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

/**
 * The one wrapper every server action goes through: parse the form with zod (all field
 * errors), load the session and check access inside the action (it is a public endpoint,
 * whatever the UI hides), then run one lib/ verb. `run` may call `redirect()`.
 *
 * A database outage sends the browser back to the page it posted from, which the proxy then
 * answers with the 503 page: an action's own answer cannot carry a status of its choosing.
 * Every write is one transaction (or one statement), so nothing was half done.
 */
export function defineAction<S extends z.ZodType, A extends ActionAccess, D = never>(config: {
  schema: S;
  access: A;
  run: (input: z.infer<S>, ctx: Context<A>) => Promise<ActionState<D>>;
}) {
  async function action(_prev: ActionState<D>, formData: FormData): Promise<ActionState<D>> {
    const fields = formData instanceof FormData ? formFields(formData) : {};
    const values = echo(fields);
    const user = await auth();
    if (config.access !== "public") {
      if (!user) return { ok: false, message: "Your session has ended. Sign in again.", values };
      if (config.access === "console" && !canUseConsole(user.userType)) {
        return { ok: false, message: "Only admin and dual users can do this.", values };
      }
    }
    const parsed = config.schema.safeParse(fields);
    if (!parsed.success) {
      return { ok: false, message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values };
    }
    const result = await config.run(parsed.data, { user, meta: await getRequestMeta() } as Context<A>);
    return { values, ...result };
  }
  return async function guardedAction(prev: ActionState<D>, formData: FormData): Promise<ActionState<D>> {
    try {
      return await action(prev, formData);
    } catch (error) {
      if (!noteDatabaseError(error)) throw error;
      redirect(await postedFromPath());
    }
  };
}
