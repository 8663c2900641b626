/** What every form's server action returns to `useActionState` (safe to import in the browser). */
export type ActionState<D = unknown> = {
  ok: boolean;
  /** Typed extra data for the form (never a secret). */
  data?: D;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** The submitted fields to put back in the form; never a password, code or token. */
  values?: Record<string, string>;
};

export const initialActionState: ActionState<never> = { ok: false };
