"use server";

import { z } from "zod";
import { defineAction } from "@/lib/action";
import { signOut } from "@/lib/auth";
import { recordSignOut } from "@/lib/sign-in";

/** Signs the current console session out (others stay signed in). */
export const signOutAction = defineAction({
  schema: z.object({}),
  access: "staff",
  async run(_input, { user, meta }) {
    await recordSignOut(user, meta);
    await signOut({ redirectTo: "/login?signedOut=1" });
    return { ok: true };
  },
});
