"use client";

import { useActionState, useState } from "react";
import { removeContactAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/** Remove contact with its confirm dialog. */
export function ContactRemove({ contactId, contactName }: { contactId: string; contactName: string }) {
  const [state, formAction, pending] = useActionState(removeContactAction, initialActionState);
  const [open, setOpen] = useState(false);
  return (
    <div className="flex flex-col items-start gap-3">
      {state.message && !open ? <Alert tone="error">{state.message}</Alert> : null}
      <Button variant="danger" onClick={() => setOpen(true)}>
        Remove contact
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Remove ${contactName}?`}>
        <form action={formAction} className="flex flex-col gap-4">
          <input type="hidden" name="contactId" value={contactId} />
          <p className="text-sm">
            They can no longer sign in to the storefront, their sessions end, and they disappear from your lists. Their history
            stays in Activity, and their username can be given to someone else.
          </p>
          {state.message ? <Alert tone="error">{state.message}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Removing…" : "Remove"}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
