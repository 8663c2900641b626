import { apiJson, apiRoute, readQuery } from "@/lib/web/api";
import { resetLinkQuerySchema } from "@/lib/web/schemas";

export const dynamic = "force-dynamic";

/**
 * GET /api/app/reset-link?username=… — the page the apps' Sync Status screen opens to reset a
 * forgotten password. No sign-in and no lookup: it says nothing about whether the user exists.
 */
export const GET = apiRoute(async (request: Request) => {
  const query = readQuery(request, resetLinkQuerySchema);
  if (!query.ok) return query.response;
  return apiJson({ url: `/login?username=${encodeURIComponent(query.data.username)}&reset=1` });
});
