import { apiJson, apiRoute, appSessionBody, requireAppSession } from "@/lib/web/api";

export const dynamic = "force-dynamic";

/** GET /api/app/me — the token's user, app and expiry. */
export const GET = apiRoute(async (request: Request) => {
  const auth = await requireAppSession(request);
  if (!auth.ok) return auth.response;
  return apiJson(appSessionBody(auth.session));
});
