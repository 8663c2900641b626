"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { MAX_LICENCES, setLicenceCount } from "@/lib/organizations/licences";

export const setLicencesAction = defineAction({
  schema: z.object({
    licences: z.coerce
      .number({ error: "Enter a number of licences." })
      .int("Enter a whole number of licences.")
      .min(0, "Enter a number of licences.")
      .max(MAX_LICENCES, `At most ${MAX_LICENCES.toLocaleString("en")} licences.`),
  }),
  access: "console",
  async run({ licences }, { user, meta }) {
    const result = await setLicenceCount(user.organizationId, licences, { id: user.id }, meta);
    if (!result.ok) {
      return {
        ok: false,
        fieldErrors: {
          licences: `${result.usage.used} users are active, so you need at least ${result.usage.used} licences. Disable users first to go lower.`,
        },
      };
    }
    revalidatePath("/admin/subscription");
    return { ok: true, message: `You now have ${licences} licences.` };
  },
});
