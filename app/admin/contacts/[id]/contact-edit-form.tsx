"use client";

import { useActionState } from "react";
import { editContactAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ContactIdentityFields } from "@/components/contact-identity-fields";

/** Edit details: a new username or email ends the contact's sessions and voids a temporary password. */
export function ContactEditForm({ contactId, initial }: { contactId: string; initial: { name: string; username: string; email: string } }) {
  const [state, formAction, pending] = useActionState(editContactAction, initialActionState);
  const v = { ...initial, ...state.values };
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate>
      {state.message ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <input type="hidden" name="contactId" value={contactId} />
      <ContactIdentityFields values={v} errors={errors} />
      <p id="edit-identity-note" className="text-sm text-zinc-700">
        Changing the username or email signs the contact out of the storefront, and a temporary password sent before stops working.
      </p>
      <div>
        <Button type="submit" disabled={pending} aria-describedby="edit-identity-note">
          {pending ? "Saving…" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
