"use client";

import { startTransition, useActionState, useCallback, useEffect, useRef, useState } from "react";
import { checkUsernameAction, requestResetAction, signInAction, type UsernameCheck } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { NOT_EMAIL_MESSAGE } from "@/lib/copy/messages";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SignInPassword } from "@/components/sign-in-password";
import { UsernameField } from "@/components/username-field";
import { takeSignInUsername } from "@/components/remembered-username";

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
  afterReset,
}: {
  callbackUrl?: string;
  username?: string;
  /** Opened from an app's Sync Status screen: offer the reset at once. */
  offerReset?: boolean;
  /** Just back from a completed reset: fill in the username the reset was for. */
  afterReset?: boolean;
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
    // Typed before hydration (a slow phone): React saw no change event, so the username would
    // never be checked and Reset Password never offered.
    const input = document.getElementById("field-username");
    if (input instanceof HTMLInputElement && input.value.trim()) setUsername(input.value);
  }, []);

  useEffect(() => {
    if (!afterReset) return;
    const remembered = takeSignInUsername();
    const input = document.getElementById("field-username");
    if (remembered && input instanceof HTMLInputElement && !input.value) {
      input.value = remembered;
      setUsername(remembered);
      document.getElementById("field-password")?.focus();
    }
  }, [afterReset]);

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

      {/* "OK", as help article 000 names it; Cancel, the safe choice, has focus first as in every confirm dialog. */}
      <ConfirmDialog
        open={dialogOpen}
        onCancel={() => setDialogOpen(false)}
        title="Reset your password"
        action={requestReset}
        fields={{ username: result?.email ?? username }}
        confirmLabel="OK"
        pendingLabel="Sending email…"
        pending={requesting}
        error={resetState.message && !resetState.ok ? resetState.message : undefined}
        returnFocus={() => document.getElementById("field-username")}
      >
        <p>
          We will email a link and a 6-digit code to <strong>{result?.email}</strong>. Use them to choose a new
          password; your current password keeps working until then.
        </p>
      </ConfirmDialog>
    </>
  );
}
