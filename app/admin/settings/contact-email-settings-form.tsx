"use client";

import { useActionState, useState } from "react";
import { saveContactEmailSettingsAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** The organization's "Include username in contact password emails" switch. */
export function ContactEmailSettingsForm({ includeUsername }: { includeUsername: boolean }) {
  const [state, formAction, pending] = useActionState(saveContactEmailSettingsAction, initialActionState);
  const [checked, setChecked] = useState(includeUsername);
  return (
    <form action={formAction} className="flex flex-col items-start gap-3">
      {state.message ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <div className="flex items-start gap-3">
        <input
          id="include-username"
          type="checkbox"
          name="includeUsernameInContactEmails"
          checked={checked}
          onChange={(e) => setChecked(e.target.checked)}
          aria-describedby="include-username-hint"
          className="mt-1 size-5 accent-brand-700"
        />
        <div>
          <label htmlFor="include-username" className="text-sm font-medium text-zinc-900">
            Include username in contact password emails
          </label>
          <p id="include-username-hint" className="text-sm text-zinc-700">
            Off (recommended): the email holds the temporary password and the storefront sign-in link, and the
            contact types their usual username. On: the username travels in the same email as the password.
          </p>
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save changes"}
      </Button>
    </form>
  );
}
