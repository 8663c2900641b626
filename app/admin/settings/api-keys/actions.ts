"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { apiKeyInputSchema, createApiKey, MAX_LIVE_API_KEYS, revokeApiKey } from "@/lib/management-api/keys";
import { API_KEY_COPY } from "@/lib/copy/management-api";

/**
 * The one answer that carries a secret to the browser: a new key, shown once (as the apps'
 * sign-in returns its token). Only its digest is stored; nothing can show it again.
 */
export const createApiKeyAction = defineAction({
  schema: apiKeyInputSchema,
  access: "console",
  async run(input, { user, meta }) {
    const result = await createApiKey({ id: user.id, organizationId: user.organizationId }, input, meta);
    if (!result.ok) return { ok: false, message: API_KEY_COPY.tooManyKeys(MAX_LIVE_API_KEYS) };
    revalidatePath("/admin/settings/api-keys");
    return { ok: true, message: API_KEY_COPY.created, data: { secret: result.secret, name: result.key.name } };
  },
});

export const revokeApiKeyAction = defineAction({
  schema: z.object({ keyId: z.string().max(100), name: z.string().max(200) }),
  access: "console",
  async run({ keyId, name }, { user, meta }) {
    const result = await revokeApiKey({ id: user.id, organizationId: user.organizationId }, keyId, meta);
    if (!result.ok) return { ok: false, message: API_KEY_COPY.noSuchKey };
    revalidatePath("/admin/settings/api-keys");
    return { ok: true, message: API_KEY_COPY.revoked(name) };
  },
});
