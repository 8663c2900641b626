/** What every form's server action returns to `useActionState` (safe to import in the browser). */
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** The submitted fields to put back in the form; never a password, code or token. */
  values?: Record<string, string>;
};

export const initialActionState: ActionState = { ok: false };
