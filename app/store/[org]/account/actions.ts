"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { changeOwnContactPassword } from "@/lib/contacts/account";
import { ownChangeLockMessage } from "@/lib/copy/sign-in";
import { ACCESS_MESSAGES } from "@/lib/copy/access";
import { NEW_PASSWORD_COPY } from "@/lib/copy/password";
import { LOCKOUT } from "@/lib/credentials/lockout";
import { endContactSession, keepContactSession } from "@/lib/sessions/storefront-cookie";
import { storeSlugSchema } from "@/lib/organizations/organizations";
import { newPasswordFields, passwordField } from "@/lib/web/schemas";

const ChangeSchema = z.object({
  org: storeSlugSchema,
  currentPassword: passwordField("The existing password").min(1, NEW_PASSWORD_COPY.enterExisting),
  ...newPasswordFields,
});

/** The storefront's account page → Update: the contact's other storefront sessions end, this one stays. */
export const contactAccountPasswordAction = defineAction({
  schema: ChangeSchema,
  access: "contact",
  async run({ org: _org, ...input }, { store, contact, meta }) {
    const result = await changeOwnContactPassword(
      { contactId: contact.id, organizationId: store.id, sessionVersion: contact.sessionVersion },
      input,
      meta,
    );
    if (!result.ok) {
      if (result.reason === "must_change") redirect(`/store/${store.slug}/change-password`);
      if (result.reason === "signed_out") {
        await endContactSession(store, contact);
        return { ok: false, message: ACCESS_MESSAGES.sessionEnded };
      }
      const message = result.reason && ownChangeLockMessage(result.reason, LOCKOUT.minutes);
      return { ok: false, message, fieldErrors: result.fieldErrors };
    }
    await keepContactSession(contact, result.sessionVersion);
    redirect(`/store/${store.slug}/account?changed=1`);
  },
});
