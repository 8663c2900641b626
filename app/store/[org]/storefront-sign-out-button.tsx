"use client";

import { useActionState } from "react";
import { contactSignOutAction } from "./actions";
import { initialActionState } from "@/lib/web/action-state";
import { Button } from "@/components/ui/button";

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
