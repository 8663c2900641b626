"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { sessionIdField } from "@/lib/web/schemas";
import { endContactSession, getContactSession } from "@/lib/sessions/storefront-cookie";
import { recordContactSignOut } from "@/lib/contacts/sign-in";
import { ACCESS_MESSAGES } from "@/lib/copy/access";
import { SESSION_MESSAGES } from "@/lib/copy/messages";
import { getStorefront, storeSlugSchema } from "@/lib/organizations/organizations";
import { endOtherSessions, revokeSession } from "@/lib/sessions/records";

/**
 * Ends this browser's storefront session (a console session, if any, is not touched). Public,
 * not "contact": signing out must also clear the cookie of a session that already ended.
 */
export const contactSignOutAction = defineAction({
  schema: z.object({ org: storeSlugSchema }),
  access: "public",
  async run({ org }, { meta }) {
    const store = await getStorefront(org);
    if (!store) return { ok: false, message: ACCESS_MESSAGES.noStorefront };
    const contact = await getContactSession(store);
    if (contact) await recordContactSignOut(contact, meta);
    await endContactSession(store, contact);
    redirect(`/store/${store.slug}/login?signedOut=1`);
  },
});

/** Your sessions → Sign out: ends one of the contact's other storefront sessions. */
export const contactRevokeSessionAction = defineAction({
  schema: z.object({ org: storeSlugSchema, sessionId: sessionIdField }),
  access: "contact",
  async run({ sessionId }, { store, contact, meta }) {
    const owner = { contactId: contact.id };
    const result = await revokeSession(store.id, owner, sessionId, { type: "contact", id: contact.id }, meta);
    revalidatePath(`/store/${store.slug}`);
    return result.ok ? { ok: true, message: SESSION_MESSAGES.revoked } : { ok: false, message: SESSION_MESSAGES.alreadyEnded };
  },
});

/** Your sessions → Sign out other sessions: every storefront browser of the contact but this one. */
export const contactEndOtherSessionsAction = defineAction({
  schema: z.object({ org: storeSlugSchema }),
  access: "contact",
  async run(_input, { store, contact, meta }) {
    const { ended } = await endOtherSessions(store.id, { contactId: contact.id }, contact.sessionId, meta);
    revalidatePath(`/store/${store.slug}`);
    return { ok: true, message: SESSION_MESSAGES.othersEnded(ended) };
  },
});
