import type { z } from "zod";
import { canUseConsole } from "./access";
import { auth, type StaffSession } from "./auth";
import { getRequestMeta, type RequestMeta } from "./request-context";
import { fieldErrorsOf, formFields } from "./schemas";

import type { ActionState } from "./action-state";

export type { ActionState } from "./action-state";

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

/**
 * The one wrapper every server action goes through: parse the form with zod (all field
 * errors), load the session and check access inside the action (it is a public endpoint,
 * whatever the UI hides), then run one lib/ verb. `run` may call `redirect()`.
 */
export function defineAction<S extends z.ZodType, A extends ActionAccess, D = never>(config: {
  schema: S;
  access: A;
  run: (input: z.infer<S>, ctx: Context<A>) => Promise<ActionState<D>>;
}) {
  return async function action(_prev: ActionState<D>, formData: FormData): Promise<ActionState<D>> {
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
  };
}
