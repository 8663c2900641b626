"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { initialActionState, type ActionState } from "@/lib/web/action-state";

type Errors = Record<string, string | undefined>;

/**
 * A form posted to a server action that keeps what was typed and puts focus on the problem.
 *
 * React resets a `<form action={fn}>` after every answer, which wiped the code and both
 * passwords on a wrong code while the meter still described them. Submitting from `onSubmit`
 * (the `action` prop stays, for browsers without JavaScript) sends the same FormData without
 * that reset, so passwords stay in the browser and are never echoed by the server. `check`
 * runs the browser's copy of the rules first; the server checks again.
 */
export function useCheckedForm<D>(
  action: (state: ActionState<D>, form: FormData) => Promise<ActionState<D>>,
  check?: (form: FormData) => Errors,
) {
  const [state, formAction, pending] = useActionState(action, initialActionState as ActionState<D>);
  const [clientErrors, setClientErrors] = useState<{ errors: Errors } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const form = new FormData(event.currentTarget, submitter instanceof HTMLElement ? submitter : null);
    const errors = Object.fromEntries(Object.entries(check?.(form) ?? {}).filter(([, v]) => v));
    if (Object.keys(errors).length > 0) {
      setClientErrors({ errors });
      return;
    }
    setClientErrors(null);
    startTransition(() => formAction(form));
  }

  const failed = !state.ok && Boolean(state.message || state.fieldErrors);
  useEffect(() => {
    if (failed) summaryRef.current?.focus();
  }, [state, failed]);
  useEffect(() => {
    if (clientErrors) summaryRef.current?.focus();
  }, [clientErrors]);

  return {
    state,
    pending,
    /** The errors to show: the browser's own check if it failed, else the server's answer. */
    fieldErrors: clientErrors ? clientErrors.errors : state.fieldErrors,
    message: clientErrors ? undefined : state.ok ? undefined : state.message,
    summaryRef,
    formProps: { action: formAction, onSubmit, noValidate: true },
  };
}
