"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { CONTACT_COPY } from "@/lib/copy/contacts";
import { sessionIdField } from "@/lib/web/schemas";
import { SESSION_MESSAGES } from "@/lib/copy/messages";
import { revokeSession } from "@/lib/sessions/records";
import { CONTACT_TEMP_PASSWORD, resetContactPasswordByStaff, temporaryPasswordValidFor } from "@/lib/contacts/temporary-passwords";
import { setContactWebsiteAccess } from "@/lib/contacts/website-access";
import { contactInputSchema, editContact, removeContact } from "@/lib/contacts/provisioning";
import { CONTACT_FAILURES, PROVISIONING_MESSAGES, welcomeSentence } from "@/lib/copy/provisioning";

const contactId = z.uuid(CONTACT_COPY.notFound);

/** Reset Password (after the dialog's OK): emails a temporary password; the admin never sees it. */
export const resetContactPasswordAction = defineAction({
  schema: z.object({ contactId }),
  access: "console",
  async run({ contactId }, { user, meta }) {
    const result = await resetContactPasswordByStaff(user.organizationId, contactId, { userId: user.id, via: "console" }, meta);
    switch (result.status) {
      case "sent":
        revalidatePath(`/admin/contacts/${contactId}`);
        return {
          ok: true,
          message: CONTACT_COPY.temporarySent(result.email, temporaryPasswordValidFor()),
        };
      case "no_website_access":
        return { ok: false, message: CONTACT_COPY.noWebsiteAccess };
      case "suppressed":
        return {
          ok: false,
          message: CONTACT_COPY.temporarySuppressed(CONTACT_TEMP_PASSWORD.emailsPerHour, Math.ceil(result.retryAfterSeconds / 60)),
        };
      default:
        return { ok: false, message: CONTACT_COPY.notFound };
    }
  },
});

/** Website access on or off; off also ends the contact's storefront sessions. */
export const setWebsiteAccessAction = defineAction({
  schema: z.object({ contactId, websiteAccess: z.enum(["on", "off"], CONTACT_COPY.chooseOnOff) }),
  access: "console",
  async run({ contactId, websiteAccess }, { user, meta }) {
    const result = await setContactWebsiteAccess(user.organizationId, contactId, websiteAccess === "on", { userId: user.id }, meta);
    if (result.status === "not_found") return { ok: false, message: CONTACT_COPY.notFound };
    revalidatePath(`/admin/contacts/${contactId}`);
    return {
      ok: true,
      message: result.websiteAccess
        ? `${CONTACT_COPY.websiteAccessOn} ${welcomeSentence(result.welcome, temporaryPasswordValidFor())}`.trim()
        : CONTACT_COPY.websiteAccessOff,
    };
  },
});

/** Storefront sessions → Sign out: ends one of the contact's storefront sessions. */
export const revokeContactSessionAction = defineAction({
  schema: z.object({ contactId, sessionId: sessionIdField }),
  access: "console",
  async run({ contactId, sessionId }, { user, meta }) {
    const result = await revokeSession(user.organizationId, { contactId }, sessionId, { type: "user", id: user.id }, meta);
    revalidatePath(`/admin/contacts/${contactId}`);
    return result.ok ? { ok: true, message: SESSION_MESSAGES.revoked } : { ok: false, message: SESSION_MESSAGES.alreadyEnded };
  },
});

/** Edit details: name, username, email. A new username or email ends the contact's sessions. */
export const editContactAction = defineAction({
  schema: contactInputSchema.extend({ contactId }),
  access: "console",
  async run({ contactId, ...input }, { user, meta }) {
    const result = await editContact({ id: user.id, organizationId: user.organizationId }, contactId, input, meta);
    if (!result.ok) {
      const failure = CONTACT_FAILURES[result.reason];
      return failure.field ? { ok: false, fieldErrors: { [failure.field]: failure.message } } : { ok: false, message: failure.message };
    }
    revalidatePath(`/admin/contacts/${contactId}`);
    return { ok: true, message: result.sessionsEnded ? PROVISIONING_MESSAGES.contactSavedSessionsEnded : PROVISIONING_MESSAGES.contactSaved };
  },
});

/** Remove contact (after the dialog's Remove): back to the retailer's page, which says so. */
export const removeContactAction = defineAction({
  schema: z.object({ contactId }),
  access: "console",
  async run({ contactId }, { user, meta }) {
    const result = await removeContact({ id: user.id, organizationId: user.organizationId }, contactId, meta);
    if (!result.ok) return { ok: false, message: CONTACT_FAILURES[result.reason].message };
    redirect(`/admin/retailers/${result.retailerId}?removed=${encodeURIComponent(result.name)}`);
  },
});
