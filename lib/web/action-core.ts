import "server-only";
import { redirect } from "next/navigation";
import type { z } from "zod";
import type { SessionContact } from "@/lib/contacts/session-contact";
import { ACCESS_MESSAGES } from "@/lib/copy/access";
import { noteDatabaseError } from "@/lib/infra/availability";
import type { Storefront } from "@/lib/organizations/organizations";
import type { StaffSession } from "@/lib/sessions/auth";
import { canUseConsole } from "@/lib/staff/access";
import type { ActionState } from "@/lib/web/action-state";
import type { RequestMeta } from "@/lib/web/request-context";
import { fieldErrorsOf, formFields } from "@/lib/web/schemas";

/**
 * Who may call an action. "staff": any signed-in console session; "console": an admin or dual
 * user; "contact": the contact signed in on the storefront named by the form's `org` field;
 * "public": anyone, and no session is read at all.
 */
export type ActionAccess = "public" | "staff" | "console" | "contact";

export type ActionContext<A extends ActionAccess> = {
  meta: RequestMeta;
  /** The form's uploaded files by field name (the schema parses only its text fields). */
  files: Record<string, File>;
} & (A extends "public"
  ? object
  : A extends "contact"
    ? { store: Storefront; contact: SessionContact }
    : { user: StaffSession });

/** Where the wrapper reads sessions and the request; lib/web/action.ts passes Next.js's own. */
export type ActionSources = {
  staffSession: () => Promise<StaffSession | null>;
  storefront: (slug: string) => Promise<Storefront | null>;
  contactSession: (store: Storefront) => Promise<SessionContact | null>;
  requestMeta: () => Promise<RequestMeta>;
  postedFromPath: () => Promise<string>;
};

const SECRET_FIELD = /password|code|token|secret/i;

function echo(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => !SECRET_FIELD.test(k)));
}

type Admitted = { ok: true; who: object } | { ok: false; message: string };

async function admit(access: ActionAccess, fields: Record<string, string>, sources: ActionSources): Promise<Admitted> {
  if (access === "public") return { ok: true, who: {} };
  if (access === "contact") {
    const store = fields.org ? await sources.storefront(fields.org) : null;
    if (!store) return { ok: false, message: ACCESS_MESSAGES.noStorefront };
    const contact = await sources.contactSession(store);
    // The session layer already refuses another organization's cookie; this keeps that true here too.
    if (!contact || contact.organizationId !== store.id) return { ok: false, message: ACCESS_MESSAGES.sessionEnded };
    return { ok: true, who: { store, contact } };
  }
  const user = await sources.staffSession();
  if (!user) return { ok: false, message: ACCESS_MESSAGES.sessionEnded };
  if (access === "console" && !canUseConsole(user.userType)) return { ok: false, message: ACCESS_MESSAGES.consoleOnly };
  return { ok: true, who: { user } };
}

/**
 * The one wrapper every server action goes through: check access inside the action (it is a
 * public endpoint, whatever the UI hides), parse the form with zod (all field errors), then
 * run one lib/ verb. `run` may call `redirect()`. The submitted fields come back in `values`,
 * never a password, code or token.
 *
 * A database outage sends the browser back to the page it posted from, which the proxy then
 * answers with the 503 page: an action's own answer cannot carry a status of its choosing.
 * Every write is one transaction (or one statement), so nothing was half done.
 */
export function actionWith(sources: ActionSources) {
  return function defineAction<S extends z.ZodType, A extends ActionAccess, D = never>(config: {
    schema: S;
    access: A;
    run: (input: z.infer<S>, ctx: ActionContext<A>) => Promise<ActionState<D>>;
  }) {
    async function action(formData: FormData): Promise<ActionState<D>> {
      const fields = formData instanceof FormData ? formFields(formData) : {};
      const values = echo(fields);
      const admitted = await admit(config.access, fields, sources);
      if (!admitted.ok) return { ok: false, message: admitted.message, values };
      const parsed = config.schema.safeParse(fields);
      if (!parsed.success) {
        return { ok: false, message: ACCESS_MESSAGES.correctFields, fieldErrors: fieldErrorsOf(parsed.error), values };
      }
      const files: Record<string, File> = {};
      if (formData instanceof FormData) for (const [key, value] of formData) if (typeof value !== "string" && !(key in files)) files[key] = value;
      const ctx = { ...admitted.who, meta: await sources.requestMeta(), files } as ActionContext<A>;
      const result = await config.run(parsed.data, ctx);
      return { values, ...result };
    }
    return async function guardedAction(_prev: ActionState<D>, formData: FormData): Promise<ActionState<D>> {
      try {
        return await action(formData);
      } catch (error) {
        if (!noteDatabaseError(error)) throw error;
        redirect(await sources.postedFromPath());
      }
    };
  };
}
