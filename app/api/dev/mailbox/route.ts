import { z } from "zod";
import { apiRoute } from "@/lib/web/api";
import { devMailboxEnabled, listDevMailbox } from "@/lib/mail/dev-mailbox";
import { textField } from "@/lib/web/schemas";

export const dynamic = "force-dynamic";

const Query = z.object({
  to: textField("The address").trim().min(1).max(254).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** GET /api/dev/mailbox?to=ADDRESS — what the dev transport "sent", newest first. */
export const GET = apiRoute(async (request: Request) => {
  if (!devMailboxEnabled()) return Response.json({ error: "not_found" }, { status: 404 });
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return Response.json({ error: "invalid_query", message: parsed.error.issues[0]?.message }, { status: 400 });
  }
  const messages = await listDevMailbox(parsed.data);
  return Response.json(messages.map(({ id: _id, ...m }) => m));
});
