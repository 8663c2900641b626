"use client";

import { useActionState, useEffect, useState } from "react";
import { userCommandAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DropdownMenu } from "@/components/ui/dropdown-menu";
import { RESET_PASSWORD_CONFIRM } from "@/app/admin/users/reset-password-copy";

type Command = "reset" | "signout" | "disable" | "enable";

/** Each confirm button repeats the menu item's verb, so the same action is named the same everywhere. */
const CONFIRM: Record<
  Command,
  { title: (name: string) => string; body: (name: string, username: string) => string; button: string; pending: string; danger?: boolean }
> = {
  reset: RESET_PASSWORD_CONFIRM,
  signout: {
    title: (name) => `Sign ${name} out everywhere?`,
    body: (name) => `${name} will be signed out of every browser and app and must sign in again.`,
    button: "Sign out everywhere",
    pending: "Signing out…",
  },
  disable: {
    title: (name) => `Disable ${name}?`,
    body: (name) =>
      `${name} will be signed out everywhere and unable to sign in until enabled again. Reset and invitation emails already sent stop working. Their licence becomes free.`,
    button: "Disable user",
    pending: "Disabling…",
    danger: true,
  },
  enable: {
    title: (name) => `Enable ${name}?`,
    body: (name) => `${name} will be able to sign in again. This uses one licence.`,
    button: "Enable user",
    pending: "Enabling…",
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
      <ConfirmDialog
        open={confirm !== null}
        onCancel={() => setCommand(null)}
        title={confirm ? confirm.title(name) : ""}
        action={formAction}
        fields={{ userId, command: command ?? "" }}
        confirmLabel={confirm?.button ?? ""}
        pendingLabel={confirm?.pending ?? ""}
        pending={pending}
        danger={confirm?.danger}
      >
        {confirm ? <p>{confirm.body(name, username)}</p> : null}
      </ConfirmDialog>
    </div>
  );
}
