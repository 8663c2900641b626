"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/action";
import { endContactSession, getContactSession } from "@/lib/contact-session";
import { recordContactSignOut } from "@/lib/contacts";
import { getStorefront, storeSlugSchema } from "@/lib/organizations";

/** Ends this browser's storefront session (a console session, if any, is not touched). */
export const contactSignOutAction = defineAction({
  schema: z.object({ org: storeSlugSchema }),
  access: "public",
  async run({ org }, { meta }) {
    const store = await getStorefront(org);
    if (!store) return { ok: false, message: "This storefront does not exist." };
    const contact = await getContactSession(store);
    if (contact) await recordContactSignOut(contact, meta);
    await endContactSession(store, contact);
    redirect(`/store/${store.slug}/login?signedOut=1`);
  },
});
