"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/web/action";
import { RETAILER_FAILURES } from "@/lib/copy/provisioning";
import { createRetailer, retailerInputSchema } from "@/lib/retailers/retailers";

export const createRetailerAction = defineAction({
  schema: retailerInputSchema,
  access: "console",
  async run(input, { user, meta }) {
    const result = await createRetailer({ id: user.id, organizationId: user.organizationId }, input, meta);
    if (!result.ok) {
      const failure = RETAILER_FAILURES[result.reason];
      return failure.field ? { ok: false, fieldErrors: { [failure.field]: failure.message } } : { ok: false, message: failure.message };
    }
    redirect(`/admin/retailers/${result.retailerId}?created=1`);
  },
});
