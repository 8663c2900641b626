"use client";

import { useActionState } from "react";
import { contactChangePasswordAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ContactPasswordRules } from "@/components/contact-password-rules";
import { NewPasswordPair } from "@/components/new-password-fields";

export function StorefrontChangePasswordForm({ slug, username }: { slug: string; username: string }) {
  const [state, formAction, pending] = useActionState(contactChangePasswordAction, initialActionState);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="org" value={slug} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="hidden" name="username" value={username} autoComplete="username" readOnly />
      <NewPasswordPair
        errors={state.fieldErrors}
        guideId="contact-password-rules"
        guide={(password) => <ContactPasswordRules id="contact-password-rules" password={password} />}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save New Password"}
      </Button>
    </form>
  );
}
