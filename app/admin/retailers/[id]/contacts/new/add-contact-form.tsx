"use client";

import { useActionState } from "react";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ContactIdentityFields } from "@/components/contact-identity-fields";
import { addContactAction } from "./actions";

/** Add contact: name, username, email and website access (which emails a welcome with a temporary password). */
export function AddContactForm({ retailerId, validFor }: { retailerId: string; validFor: string }) {
  const [state, formAction, pending] = useActionState(addContactAction, initialActionState);
  const v = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  // After a refused submit, the box shows what was sent (an unticked box sends nothing).
  const websiteAccess = state.values ? v.websiteAccess === "on" : true;
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate>
      {state.message ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <input type="hidden" name="retailerId" value={retailerId} />
      <ContactIdentityFields
        values={v}
        errors={errors}
        hints={{
          username: "What the contact types to sign in to the storefront. No two contacts of your company share one.",
          email: "Temporary passwords are sent here.",
        }}
      />
      <div className="flex items-start gap-3">
        <input
          id="field-websiteAccess"
          type="checkbox"
          name="websiteAccess"
          value="on"
          defaultChecked={websiteAccess}
          aria-describedby="websiteAccess-hint"
          className="mt-1 size-5"
        />
        <div>
          <label htmlFor="field-websiteAccess" className="font-medium">
            Website access
          </label>
          <p id="websiteAccess-hint" className="text-sm text-zinc-700">
            The contact can sign in to the storefront. They are emailed a welcome with a temporary password, valid for {validFor},
            and choose their own password when they first sign in.
          </p>
          {errors.websiteAccess ? (
            <p className="text-sm text-red-700" role="alert">
              {errors.websiteAccess}
            </p>
          ) : null}
        </div>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add contact"}
        </Button>
      </div>
    </form>
  );
}
