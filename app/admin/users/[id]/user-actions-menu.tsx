"use client";

import { useActionState, useEffect, useState } from "react";
import { userCommandAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DropdownMenu } from "@/components/ui/dropdown-menu";

type Command = "reset" | "signout" | "disable" | "enable";

const CONFIRM: Record<Command, { title: string; body: (name: string, username: string) => string; button: string; danger?: boolean }> = {
  reset: {
    title: "Reset password?",
    body: (name, username) =>
      `${name} will get an email at ${username} with a link and a 6-digit code to choose a new password. Their current password keeps working until they do.`,
    button: "Send reset email",
  },
  signout: {
    title: "Sign out everywhere?",
    body: (name) => `${name} will be signed out of every browser and app and must sign in again.`,
    button: "Sign out everywhere",
  },
  disable: {
    title: "Disable user?",
    body: (name) =>
      `${name} will be signed out everywhere and unable to sign in until enabled again. Reset and invitation emails already sent stop working. Their licence becomes free.`,
    button: "Disable user",
    danger: true,
  },
  enable: {
    title: "Enable user?",
    body: (name) => `${name} will be able to sign in again. This uses one licence.`,
    button: "Enable user",
  },
};

/** User Details' "More options": each command asks for confirmation, then runs on the server. */
export function UserActionsMenu({
  userId,
  name,
  username,
  status,
}: {
  userId: string;
  name: string;
  username: string;
  status: "active" | "disabled";
}) {
  const [state, formAction, pending] = useActionState(userCommandAction, initialActionState);
  const [command, setCommand] = useState<Command | null>(null);
  useEffect(() => {
    if (state.message) setCommand(null);
  }, [state]);
  const confirm = command ? CONFIRM[command] : null;
  return (
    <div className="flex flex-col items-end gap-3">
      <DropdownMenu
        label="More options"
        items={[
          ...(status === "active" ? [{ label: "Reset Password", onSelect: () => setCommand("reset") }] : []),
          { label: "Sign out everywhere", onSelect: () => setCommand("signout") },
          status === "active"
            ? { label: "Disable user", onSelect: () => setCommand("disable"), tone: "danger" as const }
            : { label: "Enable user", onSelect: () => setCommand("enable") },
        ]}
      />
      {state.message ? (
        <div className="max-w-md">
          <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>
        </div>
      ) : null}
      <Dialog open={confirm !== null} onClose={() => setCommand(null)} title={confirm?.title ?? ""}>
        {confirm && command ? (
          <form action={formAction} className="flex flex-col gap-4">
            <input type="hidden" name="userId" value={userId} />
            <input type="hidden" name="command" value={command} />
            <p className="text-sm">{confirm.body(name, username)}</p>
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setCommand(null)}>
                Cancel
              </Button>
              <Button type="submit" variant={confirm.danger ? "danger" : "primary"} disabled={pending} autoFocus>
                {pending ? "Working…" : confirm.button}
              </Button>
            </div>
          </form>
        ) : null}
      </Dialog>
    </div>
  );
}
