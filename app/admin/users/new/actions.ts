"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/web/action";
import type { ActionState } from "@/lib/web/action-state";
import type { UserFormData } from "@/app/admin/users/user-form";
import { userInputSchema } from "@/lib/web/schemas";
import { addUser } from "@/lib/staff/admin";

export const addUserAction = defineAction({
  schema: userInputSchema,
  access: "console",
  async run(input, { user, meta }): Promise<ActionState<UserFormData>> {
    const result = await addUser({ id: user.id, organizationId: user.organizationId }, input, meta);
    if (!result.ok) {
      if (result.reason === "no_licence") {
        return {
          ok: false,
          message: "No licence is free, so the user was not added. Increase your licence count, or disable a user you no longer need.",
          data: { noLicence: true },
        };
      }
      return { ok: false, fieldErrors: { username: "Another user already has this username." } };
    }
    redirect(`/admin/users/${result.userId}?created=${result.invited ? "invited" : "no-invite"}`);
  },
});
