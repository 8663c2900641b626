"use client";

import { useActionState } from "react";
import { contactSignOutAction } from "@/app/store/[org]/actions";
import { initialActionState } from "@/lib/action-state";
import { Button } from "./ui/button";

export function StorefrontSignOutButton({ slug }: { slug: string }) {
  const [, formAction, pending] = useActionState(contactSignOutAction, initialActionState);
  return (
    <form action={formAction}>
      <input type="hidden" name="org" value={slug} />
      <Button type="submit" variant="secondary" disabled={pending}>
        Sign out
      </Button>
    </form>
  );
}
