"use server";

import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { signOut } from "@/lib/sessions/auth";
import { signOutStaff } from "@/lib/staff/sign-in";

/** Signs the current console session out (others stay signed in). */
export const signOutAction = defineAction({
  schema: z.object({}),
  access: "staff",
  async run(_input, { user, meta }) {
    await signOutStaff(user, meta);
    await signOut({ redirectTo: "/login?signedOut=1" });
    return { ok: true };
  },
});
