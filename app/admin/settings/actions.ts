"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { SETTINGS_COPY } from "@/lib/copy/organizations";
import { updateContactEmailSettings } from "@/lib/organizations/organizations";

/** A checkbox sends "on" when ticked and nothing when not. */
const SettingsSchema = z.object({
  includeUsernameInContactEmails: z.literal("on", SETTINGS_COPY.tickOrEmpty).optional(),
});

export const saveContactEmailSettingsAction = defineAction({
  schema: SettingsSchema,
  access: "console",
  async run({ includeUsernameInContactEmails }, { user, meta }) {
    const saved = await updateContactEmailSettings(
      user.organizationId,
      { includeUsernameInContactEmails: includeUsernameInContactEmails === "on" },
      { userId: user.id },
      meta,
    );
    revalidatePath("/admin/settings");
    return {
      ok: true,
      message: saved.includeUsernameInContactEmails
        ? SETTINGS_COPY.usernameIncluded
        : SETTINGS_COPY.usernameLeftOut,
    };
  },
});
