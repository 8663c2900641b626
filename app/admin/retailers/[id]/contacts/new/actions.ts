"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { CONTACT_FAILURES } from "@/lib/copy/provisioning";
import { addContact, newContactSchema } from "@/lib/contacts/provisioning";

export const addContactAction = defineAction({
  schema: newContactSchema.extend({ retailerId: z.uuid(CONTACT_FAILURES.retailer_not_found.message) }),
  access: "console",
  async run({ retailerId, ...input }, { user, meta }) {
    const result = await addContact({ id: user.id, organizationId: user.organizationId }, retailerId, input, meta);
    if (!result.ok) {
      const failure = CONTACT_FAILURES[result.reason];
      return failure.field ? { ok: false, fieldErrors: { [failure.field]: failure.message } } : { ok: false, message: failure.message };
    }
    redirect(`/admin/contacts/${result.contactId}?added=${result.welcome ?? "no-access"}`);
  },
});
