"use client";

import { useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

type Action = (state: ActionState<never>, form: FormData) => Promise<ActionState<never>>;

/** Name and account code: Add retailer and the retailer page's Details share it. */
export function RetailerForm({
  action,
  initial,
  retailerId,
  submitLabel,
}: {
  action: Action;
  initial?: { name: string; code: string | null };
  retailerId?: string;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const v = { name: initial?.name ?? "", code: initial?.code ?? "", ...state.values };
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate>
      {state.message ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      {retailerId ? <input type="hidden" name="retailerId" value={retailerId} /> : null}
      <TextField label="Retailer name" name="name" required maxLength={200} defaultValue={v.name} error={state.fieldErrors?.name} />
      <TextField
        label="Account code (optional)"
        name="code"
        maxLength={50}
        autoCapitalize="characters"
        spellCheck={false}
        defaultValue={v.code}
        hint="Your own reference for this retailer, such as its customer number. No two retailers share one."
        error={state.fieldErrors?.code}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
