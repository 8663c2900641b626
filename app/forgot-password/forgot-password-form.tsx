"use client";

import Link from "next/link";
import { useActionState } from "react";
import { forgotPasswordAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { UsernameField } from "@/components/username-field";

export function ForgotPasswordForm() {
  const [state, formAction, pending] = useActionState(forgotPasswordAction, initialActionState);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state.message ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      {/* A staff username is the email address: the same field, named for what is asked. */}
      <UsernameField
        label="Email"
        name="email"
        type="email"
        defaultValue={state.values?.email ?? ""}
        error={state.fieldErrors?.email}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send me reset password instructions"}
      </Button>
      <p className="text-sm">
        Already have a code?{" "}
        <Link href="/reset-password" className="text-brand-700 underline underline-offset-2">
          Enter it here
        </Link>{" "}
        ·{" "}
        <Link href="/login" className="text-brand-700 underline underline-offset-2">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
