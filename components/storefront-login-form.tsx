"use client";

import Link from "next/link";
import { useActionState } from "react";
import { contactSignInAction } from "@/app/store/[org]/login/actions";
import { initialActionState } from "@/lib/action-state";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { PasswordInput } from "./password-input";
import { UsernameField } from "./username-field";

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
      <PasswordInput
        label="Password"
        name="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.password}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-sm">
        <Link href={`/store/${slug}/forgot-password`} className="text-brand-700 underline underline-offset-2">
          Forgot Your Password?
        </Link>
      </p>
    </form>
  );
}
