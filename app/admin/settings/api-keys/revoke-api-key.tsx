"use client";

import { useActionState, useState } from "react";
import { revokeApiKeyAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/** Revoke with its confirm dialog; once revoked, what happened (it stays mounted while the page refreshes). */
export function RevokeApiKey({ keyId, name, revoked }: { keyId: string; name: string; revoked: boolean }) {
  const [state, formAction, pending] = useActionState(revokeApiKeyAction, initialActionState);
  const [open, setOpen] = useState(false);
  if (state.ok) return <Alert tone="success">{state.message}</Alert>;
  if (revoked) return null;
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Revoke<span className="sr-only"> {name}</span>
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Revoke ${name}?`}>
        <form action={formAction} className="flex flex-col gap-4">
          <input type="hidden" name="keyId" value={keyId} />
          <input type="hidden" name="name" value={name} />
          <p className="text-sm">Every request with this key is refused from now on. This cannot be undone: make a new key if you need one.</p>
          {state.message ? <Alert tone="error">{state.message}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Revoking…" : "Revoke"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
