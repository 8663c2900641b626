import { apiJson, apiRetryLater, apiRoute, readJsonBody } from "@/lib/web/api";
import { requestPasswordReset, validForText } from "@/lib/staff/reset-request";
import { requestMetaFrom } from "@/lib/web/request-context";
import { resetLinkQuerySchema } from "@/lib/web/schemas";
import { API_COPY } from "@/lib/copy/api";

export const dynamic = "force-dynamic";

/**
 * POST /api/app/password-reset `{ "username" }` — the apps' "Reset Password": the same reset
 * as the console's Forgot Password (link + 6-digit code to the username address), and the same
 * answer whether or not the username exists. Only the per-IP budget answers differently (429).
 */
export const POST = apiRoute(async (request: Request) => {
  const body = await readJsonBody(request, resetLinkQuerySchema);
  if (!body.ok) return body.response;
  const result = await requestPasswordReset(body.data.username, requestMetaFrom(request.headers), { via: "app" });
  if (result.status === "rate_limited") {
    return apiRetryLater(429, "rate_limited", API_COPY.resetRateLimited, result.retryAfterSeconds);
  }
  return apiJson(
    {
      status: "accepted",
      message: API_COPY.resetSent(validForText("reset")),
    },
    { status: 202 },
  );
});
