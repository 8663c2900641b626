"use client";

import Link from "next/link";
import { useActionState } from "react";
import { contactForgotPasswordAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { UsernameField } from "@/components/username-field";

export function StorefrontForgotPasswordForm({ slug }: { slug: string }) {
  const [state, formAction, pending] = useActionState(contactForgotPasswordAction, initialActionState);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state.message ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <input type="hidden" name="org" value={slug} />
      <UsernameField
        defaultValue={state.values?.username ?? ""}
        error={state.fieldErrors?.username}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Email me a temporary password"}
      </Button>
      <p className="text-sm">
        <Link href={`/store/${slug}/login`} className="text-brand-700 underline underline-offset-2">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
