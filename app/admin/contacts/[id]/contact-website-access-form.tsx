"use client";

import { useActionState, useEffect, useRef } from "react";
import { setWebsiteAccessAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Turns a contact's storefront access on or off. */
export function ContactWebsiteAccessForm({ contactId, websiteAccess }: { contactId: string; websiteAccess: boolean }) {
  const [state, formAction, pending] = useActionState(setWebsiteAccessAction, initialActionState);
  const button = useRef<HTMLButtonElement>(null);
  // The button is disabled while it works, which drops focus to <body>; give it back, renamed.
  useEffect(() => {
    if (state.message && (!document.activeElement || document.activeElement === document.body)) button.current?.focus();
  }, [state]);
  return (
    <form action={formAction} className="flex flex-col items-start gap-3">
      {state.message ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <p className="text-sm">
        Website access is <strong>{websiteAccess ? "on" : "off"}</strong>.{" "}
        {websiteAccess
          ? "This contact can sign in to the storefront and ask for a temporary password."
          : "This contact cannot sign in to the storefront."}
      </p>
      <input type="hidden" name="contactId" value={contactId} />
      <input type="hidden" name="websiteAccess" value={websiteAccess ? "off" : "on"} />
      <Button ref={button} type="submit" variant={websiteAccess ? "secondary" : "primary"} disabled={pending}>
        {websiteAccess ? "Turn website access off" : "Turn website access on"}
      </Button>
    </form>
  );
}
