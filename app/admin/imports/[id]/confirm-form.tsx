"use client";

import { useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/web/action-state";
import { IMPORT_COPY } from "@/lib/copy/imports";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Action = (state: ActionState<never>, form: FormData) => Promise<ActionState<never>>;

/** "Send welcome emails" (contacts) or "Send invites" (users), off unless ticked, and Confirm import. */
export function ConfirmForm({ action, importId, welcomeLabel }: { action: Action; importId: string; welcomeLabel: string }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4">
      {state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="importId" value={importId} />
      <div className="flex items-start gap-2">
        <input id="send-welcome" type="checkbox" name="sendWelcome" className="mt-1 size-5" aria-describedby="send-welcome-hint" defaultChecked={state.values?.sendWelcome === "on"} />
        <div>
          <label htmlFor="send-welcome" className="text-sm font-medium">
            {welcomeLabel}
          </label>
          <p id="send-welcome-hint" className="text-sm text-zinc-600">
            {IMPORT_COPY.welcomeHint}
          </p>
        </div>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Starting…" : "Confirm import"}
        </Button>
      </div>
    </form>
  );
}
