"use client";

import { useActionState } from "react";
import { setLicencesAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

export function LicenceForm({ licences, used }: { licences: number; used: number }) {
  const [state, formAction, pending] = useActionState(setLicencesAction, initialActionState);
  return (
    <form action={formAction} className="flex max-w-sm flex-col gap-3" noValidate>
      {state.message ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <TextField
        label="Licence count"
        name="licences"
        type="number"
        inputMode="numeric"
        min={used}
        step={1}
        required
        defaultValue={state.values?.licences ?? String(licences)}
        hint={`At least ${used}: the number of active users.`}
        error={state.fieldErrors?.licences}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Change licence count"}
        </Button>
      </div>
    </form>
  );
}
