"use client";

import { useActionState, useEffect, useState } from "react";
import { userCommandAction } from "@/app/admin/users/[id]/actions";
import { RESET_PASSWORD_CONFIRM } from "@/app/admin/users/reset-password-copy";
import { initialActionState } from "@/lib/web/action-state";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Help article 004's Reset Password at the right of each Users row: the same confirm step as User Details. */
export function UserRowReset({ userId, name, username }: { userId: string; name: string; username: string }) {
  const [state, formAction, pending] = useActionState(userCommandAction, initialActionState);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (state.message) setOpen(false);
  }, [state]);
  return (
    <div className="flex flex-col items-start gap-1">
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Reset Password<span className="sr-only"> for {name}</span>
      </Button>
      <p role="status" className={`max-w-64 text-xs ${state.ok ? "text-green-800" : "text-red-700"}`}>
        {state.message ?? ""}
      </p>
      <ConfirmDialog
        open={open}
        onCancel={() => setOpen(false)}
        title={RESET_PASSWORD_CONFIRM.title(name)}
        action={formAction}
        fields={{ userId, command: "reset" }}
        confirmLabel={RESET_PASSWORD_CONFIRM.button}
        pendingLabel={RESET_PASSWORD_CONFIRM.pending}
        pending={pending}
      >
        <p>{RESET_PASSWORD_CONFIRM.body(name, username)}</p>
      </ConfirmDialog>
    </div>
  );
}
