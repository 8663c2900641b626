"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { LICENCE_COPY } from "@/lib/copy/organizations";
import { MAX_LICENCES, setLicenceCount } from "@/lib/organizations/licences";

export const setLicencesAction = defineAction({
  schema: z.object({
    licences: z.coerce
      .number({ error: LICENCE_COPY.enterNumber })
      .int(LICENCE_COPY.wholeNumber)
      .min(0, LICENCE_COPY.enterNumber)
      .max(MAX_LICENCES, LICENCE_COPY.atMost(MAX_LICENCES)),
  }),
  access: "console",
  async run({ licences }, { user, meta }) {
    const result = await setLicenceCount(user.organizationId, licences, { id: user.id }, meta);
    if (!result.ok) {
      return {
        ok: false,
        fieldErrors: {
          licences: LICENCE_COPY.belowUsage(result.usage.used),
        },
      };
    }
    revalidatePath("/admin/subscription");
    return { ok: true, message: LICENCE_COPY.saved(licences) };
  },
});
