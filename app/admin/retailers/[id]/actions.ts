"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { PROVISIONING_MESSAGES, RETAILER_FAILURES, RETAILER_REMOVAL_COPY } from "@/lib/copy/provisioning";
import { removeRetailer, retailerInputSchema, updateRetailer } from "@/lib/retailers/retailers";

/** The retailer page's Details: rename, or change the account code. */
export const updateRetailerAction = defineAction({
  schema: retailerInputSchema.extend({ retailerId: z.uuid(RETAILER_FAILURES.not_found.message) }),
  access: "console",
  async run({ retailerId, ...input }, { user, meta }) {
    const result = await updateRetailer({ id: user.id, organizationId: user.organizationId }, retailerId, input, meta);
    if (!result.ok) {
      const failure = RETAILER_FAILURES[result.reason];
      return failure.field ? { ok: false, fieldErrors: { [failure.field]: failure.message } } : { ok: false, message: failure.message };
    }
    revalidatePath(`/admin/retailers/${retailerId}`);
    return { ok: true, message: PROVISIONING_MESSAGES.retailerSaved };
  },
});

/** Remove retailer (after the dialog's confirm): to Retailers, which says so. */
export const removeRetailerAction = defineAction({
  schema: z.object({ retailerId: z.uuid(RETAILER_FAILURES.not_found.message) }),
  access: "console",
  async run({ retailerId }, { user, meta }) {
    const result = await removeRetailer({ id: user.id, organizationId: user.organizationId }, retailerId, meta);
    if (!result.ok) {
      return { ok: false, message: result.reason === "has_contacts" ? RETAILER_REMOVAL_COPY.hasContacts(result.contactCount) : RETAILER_FAILURES.not_found.message };
    }
    redirect(`/admin/retailers?removed=${encodeURIComponent(result.name)}`);
  },
});
