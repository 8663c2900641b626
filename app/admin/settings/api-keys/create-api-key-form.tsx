"use client";

import { useActionState } from "react";
import { createApiKeyAction } from "./actions";
import { initialActionState, type ActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

type Created = { secret: string; name: string };

/** Create API key: name, access, optional expiry; the new secret is shown here once. */
export function CreateApiKeyForm() {
  const [state, formAction, pending] = useActionState<ActionState<Created>, FormData>(createApiKeyAction, initialActionState);
  const v = { name: "", access: "read", expiresOn: "", ...(state.ok ? {} : state.values) };
  const accessError = state.fieldErrors?.access;
  return (
    <div className="flex flex-col gap-4">
      {state.message ? (
        <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>
      ) : null}
      {state.ok && state.data ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="new-api-key" className="text-sm font-medium">
            Secret of {state.data.name}
          </label>
          <input
            id="new-api-key"
            readOnly
            value={state.data.secret}
            onFocus={(e) => e.currentTarget.select()}
            className="min-h-11 rounded-md border border-zinc-300 bg-zinc-50 px-3 font-mono text-sm"
            aria-describedby="new-api-key-hint"
          />
          <p id="new-api-key-hint" className="text-sm text-zinc-700">
            Send it as <code>Authorization: Bearer …</code>. Store it in your other system&apos;s secret store now.
          </p>
        </div>
      ) : null}
      <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate key={state.ok ? state.data?.secret : "form"}>
        <TextField label="Name" name="name" required maxLength={100} defaultValue={v.name} error={state.fieldErrors?.name} hint="Which system uses it, such as “Sales platform”." />
        <fieldset className="flex flex-col gap-2" aria-describedby={accessError ? "access-error" : undefined}>
          <legend className="text-sm font-medium">Access</legend>
          {accessError ? (
            <p id="access-error" className="text-sm text-red-700">
              {accessError}
            </p>
          ) : null}
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="access" value="read" defaultChecked={v.access !== "write"} className="size-5 accent-brand-700" />
            Read only (list and look up users, retailers, contacts and activity)
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="access" value="write" defaultChecked={v.access === "write"} className="size-5 accent-brand-700" />
            Read and write (also create, change, reset and sign out)
          </label>
        </fieldset>
        <TextField label="Expires on (optional)" name="expiresOn" type="date" defaultValue={v.expiresOn} error={state.fieldErrors?.expiresOn} hint="The key stops working at the end of this day (UTC). Empty: until revoked." />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create key"}
          </Button>
        </div>
      </form>
    </div>
  );
}
