"use client";

import type { ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { Dialog } from "./dialog";

/**
 * Every "are you sure?" step: a title that asks, what will happen, Cancel (where focus starts:
 * the safe choice) and a confirm button named for the action ("Reset Password", "Disable user"),
 * never a bare OK.
 */
export function ConfirmDialog({
  open,
  onCancel,
  title,
  children,
  action,
  fields,
  confirmLabel,
  pendingLabel,
  pending,
  error,
  danger,
  returnFocus,
}: {
  open: boolean;
  onCancel: () => void;
  title: string;
  children: ReactNode;
  action: (form: FormData) => void;
  /** Hidden fields the action needs (ids, a command). */
  fields: Record<string, string>;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  error?: string;
  danger?: boolean;
  returnFocus?: () => HTMLElement | null;
}) {
  return (
    <Dialog open={open} onClose={onCancel} title={title} returnFocus={returnFocus}>
      <form action={action} className="flex flex-col gap-4">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="text-sm [overflow-wrap:anywhere]">{children}</div>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onCancel} data-autofocus>
            Cancel
          </Button>
          <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending}>
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
