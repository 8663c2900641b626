"use client";

import { useActionState, useState } from "react";
import { removeRetailerAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/**
 * Remove retailer with its confirm dialog. While contacts remain, the button is disabled and
 * `blocked` says how many to remove first; the server checks again when the dialog confirms.
 */
export function RetailerRemove({ retailerId, retailerName, explain, blocked }: { retailerId: string; retailerName: string; explain: string; blocked: string | null }) {
  const [state, formAction, pending] = useActionState(removeRetailerAction, initialActionState);
  const [open, setOpen] = useState(false);
  return (
    <div className="flex flex-col items-start gap-3">
      {state.message && !open ? <Alert tone="error">{state.message}</Alert> : null}
      {blocked ? (
        <p id="remove-retailer-blocked" className="text-sm text-zinc-700">
          {blocked}
        </p>
      ) : null}
      <Button variant="danger" onClick={() => setOpen(true)} disabled={Boolean(blocked)} aria-describedby={blocked ? "remove-retailer-blocked" : undefined}>
        Remove retailer
      </Button>
      <ConfirmDialog
        open={open}
        onCancel={() => setOpen(false)}
        title={`Remove ${retailerName}?`}
        action={formAction}
        fields={{ retailerId }}
        confirmLabel="Remove retailer"
        pendingLabel="Removing…"
        pending={pending}
        error={state.message && !state.ok ? state.message : undefined}
        danger
      >
        <p>{explain}</p>
      </ConfirmDialog>
    </div>
  );
}
