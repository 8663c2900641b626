"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { SESSION_MESSAGES } from "@/lib/copy/messages";
import { revokeSession } from "@/lib/sessions/records";
import { CONTACT_TEMP_PASSWORD, resetContactPasswordByStaff, temporaryPasswordValidFor } from "@/lib/contacts/temporary-passwords";
import { setContactWebsiteAccess } from "@/lib/contacts/website-access";
import { contactInputSchema, editContact, removeContact } from "@/lib/contacts/provisioning";
import { CONTACT_FAILURES, PROVISIONING_MESSAGES, welcomeSentence } from "@/lib/copy/provisioning";

const contactId = z.uuid("That contact was not found.");

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
          message: `A temporary password was emailed to ${result.email}. It is valid for ${temporaryPasswordValidFor()}; the previous password no longer works.`,
        };
      case "no_website_access":
        return { ok: false, message: "This contact has no website access. Turn it on before resetting the password." };
      case "suppressed":
        return {
          ok: false,
          message: `${CONTACT_TEMP_PASSWORD.emailsPerHour} temporary passwords were already emailed to this contact in the last hour. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`,
        };
      default:
        return { ok: false, message: "That contact was not found." };
    }
  },
});

/** Website access on or off; off also ends the contact's storefront sessions. */
export const setWebsiteAccessAction = defineAction({
  schema: z.object({ contactId, websiteAccess: z.enum(["on", "off"], "Choose on or off.") }),
  access: "console",
  async run({ contactId, websiteAccess }, { user, meta }) {
    const result = await setContactWebsiteAccess(user.organizationId, contactId, websiteAccess === "on", { userId: user.id }, meta);
    if (result.status === "not_found") return { ok: false, message: "That contact was not found." };
    revalidatePath(`/admin/contacts/${contactId}`);
    return {
      ok: true,
      message: result.websiteAccess
        ? `Website access is on: this contact can sign in to the storefront. ${welcomeSentence(result.welcome)}`.trim()
        : "Website access is off: this contact can no longer sign in, and their storefront sessions have ended.",
    };
  },
});

/** Storefront sessions → Sign out: ends one of the contact's storefront sessions. */
export const revokeContactSessionAction = defineAction({
  schema: z.object({ contactId, sessionId: z.uuid("That session was not found.") }),
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
