import { APP_LABELS, appNamesSentence } from "@/lib/staff/access";
import {
  apiError,
  apiJson,
  apiNoContent,
  apiRetryLater,
  apiRoute,
  appSessionBody,
  bearerTokenOf,
  readJsonBody,
  unauthorizedResponse,
} from "@/lib/web/api";
import { signInToApp, signOutOfApp } from "@/lib/sessions/app-tokens";
import { requestMetaFrom } from "@/lib/web/request-context";
import { appSignInSchema } from "@/lib/web/schemas";
import { SIGN_IN_COPY } from "@/lib/copy/sign-in";

export const dynamic = "force-dynamic";

const minutes = (seconds: number) => {
  const m = Math.ceil(seconds / 60);
  return m === 1 ? "1 minute" : `${m} minutes`;
};

/** POST /api/app/session — sign in to an app; answers a bearer token. */
export const POST = apiRoute(async (request: Request) => {
  const body = await readJsonBody(request, appSignInSchema);
  if (!body.ok) return body.response;
  const result = await signInToApp(body.data, requestMetaFrom(request.headers));
  if (result.ok) {
    return apiJson({ token: result.token, ...appSessionBody(result) });
  }
  switch (result.reason) {
    case "invalid_credentials":
      return apiError(401, "invalid_credentials", SIGN_IN_COPY.incorrect);
    case "locked":
      return apiRetryLater(
        423,
        "locked",
        SIGN_IN_COPY.appLocked(minutes(result.retryAfterSeconds)),
        result.retryAfterSeconds,
      );
    case "rate_limited":
      return apiRetryLater(
        429,
        "rate_limited",
        SIGN_IN_COPY.appRateLimited(minutes(result.retryAfterSeconds)),
        result.retryAfterSeconds,
      );
    case "app_not_allowed": {
      const works = appNamesSentence(result.userType);
      return apiError(
        403,
        "app_not_allowed",
        works ? SIGN_IN_COPY.appNotAllowed(APP_LABELS[body.data.app], works) : SIGN_IN_COPY.appAdminOnly,
      );
    }
  }
});

/** DELETE /api/app/session — sign this token out. */
export const DELETE = apiRoute(async (request: Request) => {
  const result = await signOutOfApp(bearerTokenOf(request), requestMetaFrom(request.headers));
  return result.ok ? apiNoContent() : unauthorizedResponse(result);
});
