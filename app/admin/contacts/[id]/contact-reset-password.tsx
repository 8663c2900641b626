"use client";

import { useActionState, useEffect, useState } from "react";
import { resetContactPasswordAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Reset Password with its confirm dialog. The result says where the email went, never the password. */
export function ContactResetPassword({
  contactId,
  contactName,
  email,
  websiteAccess,
}: {
  contactId: string;
  contactName: string;
  email: string;
  websiteAccess: boolean;
}) {
  const [state, formAction, pending] = useActionState(resetContactPasswordAction, initialActionState);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (state.ok) setOpen(false);
  }, [state]);

  return (
    <div className="flex flex-col items-start gap-3">
      {state.message && (state.ok || !open) ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      {websiteAccess ? null : (
        <p id="reset-needs-access" className="text-sm text-zinc-700">
          Turn website access on to reset this contact&apos;s password.
        </p>
      )}
      <Button onClick={() => setOpen(true)} disabled={!websiteAccess} aria-describedby={websiteAccess ? undefined : "reset-needs-access"}>
        Reset Password
      </Button>
      <ConfirmDialog
        open={open}
        onCancel={() => setOpen(false)}
        title={`Reset ${contactName}'s password?`}
        action={formAction}
        fields={{ contactId }}
        confirmLabel="Reset Password"
        pendingLabel="Sending email…"
        pending={pending}
        error={state.message && !state.ok ? state.message : undefined}
      >
        <p>
          {contactName} will get an email at <strong>{email}</strong> with a temporary password. Their current password
          stops working at once; they choose a new one when they sign in with it. You will not see the temporary
          password.
        </p>
      </ConfirmDialog>
    </div>
  );
}
