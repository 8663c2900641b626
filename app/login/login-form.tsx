"use client";

import { startTransition, useActionState, useCallback, useEffect, useRef, useState } from "react";
import { checkUsernameAction, requestResetAction, signInAction, type UsernameCheck } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { NOT_EMAIL_MESSAGE } from "@/lib/copy/messages";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SignInPassword } from "@/components/sign-in-password";
import { UsernameField } from "@/components/username-field";

/** How long typing must pause before the username is checked. */
const CHECK_DELAY_MS = 500;

function formWith(username: string): FormData {
  const form = new FormData();
  form.set("username", username);
  return form;
}

export function LoginForm({
  callbackUrl,
  username: initialUsername,
  offerReset,
}: {
  callbackUrl?: string;
  username?: string;
  /** Opened from an app's Sync Status screen: offer the reset at once. */
  offerReset?: boolean;
}) {
  const [state, formAction, pending] = useActionState(signInAction, initialActionState);
  const [check, runCheck] = useActionState(checkUsernameAction, initialActionState);
  const [resetState, requestReset, requesting] = useActionState(requestResetAction, initialActionState);
  const [username, setUsername] = useState(state.values?.username ?? initialUsername ?? "");
  const [dialogOpen, setDialogOpen] = useState(false);
  const checkedFor = useRef<string | null>(null);
  const autoOpen = useRef(Boolean(offerReset));

  const checkNow = useCallback((value: string) => {
    const trimmed = value.trim();
    if (!trimmed || trimmed.length > 254 || checkedFor.current === trimmed) return;
    checkedFor.current = trimmed;
    startTransition(() => runCheck(formWith(trimmed)));
  }, []);

  useEffect(() => {
    const handle = window.setTimeout(() => checkNow(username), CHECK_DELAY_MS);
    return () => window.clearTimeout(handle);
  }, [username, checkNow]);

  const result = check.data as UsernameCheck | undefined;
  const current = checkedFor.current === username.trim();
  const canReset = current && result?.status === "ok";

  useEffect(() => {
    if (canReset && autoOpen.current) {
      autoOpen.current = false;
      setDialogOpen(true);
    }
  }, [canReset]);

  useEffect(() => {
    if (resetState.ok) setDialogOpen(false);
  }, [resetState]);

  return (
    <>
      <form action={formAction} className="flex flex-col gap-4" noValidate>
        {state.message && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
        {resetState.message ? <Alert tone={resetState.ok ? "success" : "error"}>{resetState.message}</Alert> : null}
        {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
        <div className="flex flex-col gap-1">
          <UsernameField
            defaultValue={username}
            onChange={(e) => setUsername(e.target.value)}
            onBlur={(e) => checkNow(e.target.value)}
            error={state.fieldErrors?.username}
            hint={current && result?.status === "not_email" ? NOT_EMAIL_MESSAGE : undefined}
          />
          {canReset ? (
            <div>
              <Button variant="link" onClick={() => setDialogOpen(true)}>
                Reset Password
              </Button>
            </div>
          ) : null}
        </div>
        <SignInPassword
          error={state.fieldErrors?.password}
          pending={pending}
          forgotHref="/forgot-password"
          forgotLabel="Forgot password?"
        />
      </form>

      <Dialog open={dialogOpen} onClose={() => setDialogOpen(false)} title="Reset your password">
        <form action={requestReset} className="flex flex-col gap-4">
          <input type="hidden" name="username" value={result?.email ?? username} />
          <p className="text-sm">
            We will email a link and a 6-digit code to <strong className="break-all">{result?.email}</strong>. Use
            them to choose a new password; your current password keeps working until then.
          </p>
          {resetState.message && !resetState.ok ? <Alert tone="error">{resetState.message}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setDialogOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={requesting} autoFocus>
              {requesting ? "Sending…" : "OK"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
