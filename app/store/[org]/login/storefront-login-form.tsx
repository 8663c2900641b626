"use client";

import { useActionState } from "react";
import { contactSignInAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { SignInPassword } from "@/components/sign-in-password";
import { UsernameField } from "@/components/username-field";

export function StorefrontLoginForm({ slug }: { slug: string }) {
  const [state, formAction, pending] = useActionState(contactSignInAction, initialActionState);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state.message && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="org" value={slug} />
      <UsernameField
        defaultValue={state.values?.username ?? ""}
        error={state.fieldErrors?.username}
      />
      <SignInPassword
        error={state.fieldErrors?.password}
        pending={pending}
        forgotHref={`/store/${slug}/forgot-password`}
        forgotLabel="Forgot Your Password?"
      />
    </form>
  );
}
