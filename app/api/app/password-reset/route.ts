import { apiJson, apiRetryLater, apiRoute, readJsonBody } from "@/lib/web/api";
import { requestPasswordReset, validForText } from "@/lib/staff/reset-request";
import { requestMetaFrom } from "@/lib/web/request-context";
import { resetLinkQuerySchema } from "@/lib/web/schemas";

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
    return apiRetryLater(429, "rate_limited", "Too many reset requests from this network. Try again later.", result.retryAfterSeconds);
  }
  return apiJson(
    {
      status: "accepted",
      message: `If this username has an email address, a link and a 6-digit code were sent to it. They stay active for ${validForText("reset")}.`,
    },
    { status: 202 },
  );
});
