"use client";

import { useActionState, useRef } from "react";
import { DropdownMenu } from "@/components/ui/dropdown-menu";
import { initialActionState, type ActionState } from "@/lib/web/action-state";

/**
 * The signed-in name with an arrow (seed 004, "Profile Settings Menu"): Profile Settings and Sign out.
 * Sign out stays a real form post; the menu item submits it.
 */
export function AccountMenu({
  name,
  userType,
  signOutAction,
}: {
  name: string;
  userType: string;
  signOutAction: (state: ActionState<never>, formData: FormData) => Promise<ActionState<never>>;
}) {
  const [, formAction] = useActionState(signOutAction, initialActionState);
  const form = useRef<HTMLFormElement>(null);
  return (
    <>
      <DropdownMenu
        label={name}
        detail={userType}
        items={[
          { label: "Profile Settings", href: "/profile" },
          { label: "Sign out", onSelect: () => form.current?.requestSubmit() },
        ]}
      />
      <form ref={form} action={formAction} hidden />
    </>
  );
}
