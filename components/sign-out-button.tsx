"use client";

import { useActionState } from "react";
import { signOutAction } from "@/app/actions";
import { initialActionState } from "@/lib/action-state";

export function SignOutButton() {
  const [, formAction, pending] = useActionState(signOutAction, initialActionState);
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
