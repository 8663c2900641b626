"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/web/action";
import { USER_COPY, USER_REASON_COPY } from "@/lib/copy/users";
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
          message: USER_COPY.notAddedNoLicence,
          data: { noLicence: true },
        };
      }
      return { ok: false, fieldErrors: { username: USER_REASON_COPY.username_taken } };
    }
    redirect(`/admin/users/${result.userId}?created=${result.invited ? "invited" : "no-invite"}`);
  },
});
