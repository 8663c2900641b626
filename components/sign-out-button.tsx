"use client";

import { useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/web/action-state";

/** The action comes from the route that renders the header, so this component imports nothing from app/. */
export function SignOutButton({ action }: { action: (state: ActionState<never>, formData: FormData) => Promise<ActionState<never>> }) {
  const [, formAction, pending] = useActionState(action, initialActionState);
  return (
    <form action={formAction}>
      <button
        type="submit"
        disabled={pending}
        className="min-h-11 rounded-md px-3 text-sm font-semibold text-zinc-700 hover:bg-zinc-100"
      >
        Sign out
      </button>
    </form>
  );
}
