"use client";

import { useActionState, useEffect, useState } from "react";
import { resetContactPasswordAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

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
      <Dialog open={open} onClose={() => setOpen(false)} title={`Reset ${contactName}'s password?`}>
        <form action={formAction} className="flex flex-col gap-4">
          <input type="hidden" name="contactId" value={contactId} />
          <p className="text-sm">
            A temporary password will be emailed to <strong className="break-all">{email}</strong>. Their current
            password stops working at once, and they choose a new one when they sign in. You will not see the
            temporary password.
          </p>
          {state.message && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending} autoFocus>
              {pending ? "Sending…" : "OK"}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
