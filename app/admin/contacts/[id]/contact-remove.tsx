"use client";

import { useActionState, useState } from "react";
import { removeContactAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Remove contact with its confirm dialog (Cancel focused first). */
export function ContactRemove({ contactId, contactName }: { contactId: string; contactName: string }) {
  const [state, formAction, pending] = useActionState(removeContactAction, initialActionState);
  const [open, setOpen] = useState(false);
  return (
    <div className="flex flex-col items-start gap-3">
      {state.message && !open ? <Alert tone="error">{state.message}</Alert> : null}
      <Button variant="danger" onClick={() => setOpen(true)}>
        Remove contact
      </Button>
      <ConfirmDialog
        open={open}
        onCancel={() => setOpen(false)}
        title={`Remove ${contactName}?`}
        action={formAction}
        fields={{ contactId }}
        confirmLabel="Remove contact"
        pendingLabel="Removing…"
        pending={pending}
        error={state.message && !state.ok ? state.message : undefined}
        danger
      >
        <p>
          They can no longer sign in to the storefront, their sessions end, and they disappear from your lists. Their history
          stays in Activity, and their username can be given to someone else.
        </p>
      </ConfirmDialog>
    </div>
  );
}
