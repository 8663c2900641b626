"use client";

import { useActionState, useState } from "react";
import { initialActionState, type ActionState } from "@/lib/web/action-state";
import { fileRefusalSentence } from "@/lib/copy/imports";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, controlClassName } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";

type Action = (state: ActionState<never>, form: FormData) => Promise<ActionState<never>>;

/**
 * Kind and file. A file over the limit is refused here before it is sent (the server refuses
 * it too); a file input cannot be refilled, so after an error the admin chooses it again.
 */
export function UploadForm({
  action,
  kinds,
  initialKind,
  maxBytes,
}: {
  action: Action;
  /** What a file may hold (the page passes the import kinds, so no table name lands in the browser's code). */
  kinds: readonly { value: string; label: string }[];
  initialKind: string;
  maxBytes: number;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const [localError, setLocalError] = useState<string | undefined>();
  const fileError = localError ?? state.fieldErrors?.file;
  return (
    <form
      action={formAction}
      className="flex max-w-xl flex-col gap-4"
      noValidate
      onSubmit={(event) => {
        const file = (event.currentTarget.elements.namedItem("file") as HTMLInputElement).files?.[0];
        const error = !file ? fileRefusalSentence({ reason: "no_file" }) : file.size > maxBytes ? fileRefusalSentence({ reason: "too_big", maxBytes }) : undefined;
        setLocalError(error);
        if (error) event.preventDefault();
      }}
    >
      {state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <SelectField label="The file holds" name="kind" options={kinds} defaultValue={state.values?.kind ?? initialKind} error={state.fieldErrors?.kind} />
      <Field id="field-file" label="CSV file" error={fileError}>
        {(control) => <input {...control} type="file" name="file" accept=".csv,.txt,text/csv,text/plain" className={`${controlClassName(fileError)} rounded-md`} />}
      </Field>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Checking the file…" : "Upload and check"}
        </Button>
      </div>
    </form>
  );
}
