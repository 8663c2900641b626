"use client";

import Link from "next/link";
import { startTransition, useEffect, useRef, useState } from "react";
import { forgotPasswordAction } from "./actions";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { ErrorSummary } from "@/components/error-summary";
import { UsernameField } from "@/components/username-field";
import { useCheckedForm } from "@/components/use-checked-form";

/** How long "Send again" waits: long enough for a first email to arrive (the server's budgets still apply). */
const RESEND_AFTER_SECONDS = 30;

function useCountdown(from: number, restartKey: unknown): number {
  const [left, setLeft] = useState(from);
  useEffect(() => {
    setLeft(from);
    const timer = window.setInterval(() => setLeft((s) => (s > 0 ? s - 1 : 0)), 1000);
    return () => window.clearInterval(timer);
  }, [from, restartKey]);
  return left;
}

/** After sending: check your email, with the way to the code, Send again (after a pause) and a different address. */
function CheckYourEmail({
  message,
  resend,
  sentAt,
  pending,
  onChangeEmail,
}: {
  message: string;
  resend: () => void;
  sentAt: unknown;
  pending: boolean;
  onChangeEmail: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const left = useCountdown(RESEND_AFTER_SECONDS, sentAt);
  useEffect(() => heading.current?.focus(), [sentAt]);
  return (
    <div className="flex flex-col gap-4">
      <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
        Check your email
      </h2>
      <Alert tone="success">{message}</Alert>
      <Link href="/reset-password" className={buttonClass("primary")}>
        Enter the code
      </Link>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Button variant="secondary" onClick={resend} disabled={pending || left > 0} aria-describedby="resend-wait">
          {pending ? "Sending…" : "Send again"}
        </Button>
        <span id="resend-wait" className="text-zinc-700">
          {left > 0 ? `You can send again in ${left} s.` : "Nothing arrived? Send it again."}
        </span>
      </div>
      <p className="text-sm">
        <Button variant="link" onClick={onChangeEmail}>
          Use a different email address
        </Button>{" "}
        ·{" "}
        <Link href="/login" className="text-brand-700 underline underline-offset-2">
          Back to sign in
        </Link>
      </p>
    </div>
  );
}

export function ForgotPasswordForm() {
  const { state, pending, fieldErrors, message, summaryRef, formProps } = useCheckedForm(forgotPasswordAction);
  const [editing, setEditing] = useState(false);
  const sentEmail = state.ok ? (state.values?.email ?? "") : "";
  useEffect(() => setEditing(false), [state]);

  if (state.ok && state.message && !editing) {
    return (
      <CheckYourEmail
        message={state.message}
        sentAt={state}
        pending={pending}
        onChangeEmail={() => setEditing(true)}
        resend={() => {
          const form = new FormData();
          form.set("email", sentEmail);
          startTransition(() => formProps.action(form));
        }}
      />
    );
  }
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <ErrorSummary ref={summaryRef} message={message} fieldErrors={fieldErrors} />
      {/* A staff username is the email address: the same field, named for what is asked. */}
      <UsernameField
        label="Email"
        name="email"
        type="email"
        defaultValue={state.values?.email ?? ""}
        error={fieldErrors?.email}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send me reset password instructions"}
      </Button>
      {/* Not prefetched: from a build-time page Next.js loads the linked pages' code at once (30 kB for the reset form). */}
      <p className="text-sm">
        Already have a code?{" "}
        <Link href="/reset-password" prefetch={false} className="text-brand-700 underline underline-offset-2">
          Enter it here
        </Link>{" "}
        ·{" "}
        <Link href="/login" prefetch={false} className="text-brand-700 underline underline-offset-2">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
