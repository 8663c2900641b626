"use client";

import { useActionState } from "react";
import { forgetResetLinkAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";

export function ForgetResetLinkButton() {
  const [, formAction, pending] = useActionState(forgetResetLinkAction, initialActionState);
  return (
    <form action={formAction}>
      <button type="submit" disabled={pending} className="min-h-11 text-sm text-brand-700 underline underline-offset-2">
        I have a newer code: enter it with my username
      </button>
    </form>
  );
}
