"use client";

import Link from "next/link";
import { Button } from "./ui/button";
import { PasswordInput } from "./password-input";

/** The end of every sign-in form: the password, "Sign in", and the way to a forgotten password. */
export function SignInPassword({
  error,
  pending,
  forgotHref,
  forgotLabel,
}: {
  error?: string;
  pending: boolean;
  forgotHref: string;
  forgotLabel: string;
}) {
  return (
    <>
      <PasswordInput label="Password" name="password" autoComplete="current-password" required error={error} />
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-sm">
        {/* Not prefetched: from a build-time page Next.js would load the forgot page's code with this one. */}
        <Link href={forgotHref} prefetch={false} className="text-brand-700 underline underline-offset-2">
          {forgotLabel}
        </Link>
      </p>
    </>
  );
}
