import { canManageContactsFromApp } from "@/lib/staff/access";
import { apiError, apiJson, apiRetryLater, apiRoute, requireAppSession } from "@/lib/web/api";
import { resetContactPasswordByStaff } from "@/lib/contacts/temporary-passwords";
import { requestMetaFrom } from "@/lib/web/request-context";
import { API_COPY } from "@/lib/copy/api";

export const dynamic = "force-dynamic";

/**
 * POST /api/app/contacts/{id}/reset-password — the same reset as the Management Portal's: a
 * temporary password is emailed to the contact and the old one stops working. The caller
 * never sees it. Another organization's contact is not found.
 */
export const POST = apiRoute(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const auth = await requireAppSession(request);
  if (!auth.ok) return auth.response;
  const { user } = auth.session;
  if (!canManageContactsFromApp(user.type)) {
    return apiError(403, "forbidden", API_COPY.contactResetForbidden);
  }
  const { id } = await context.params;
  const result = await resetContactPasswordByStaff(user.organization.id, id, { userId: user.id, via: "app" }, requestMetaFrom(request.headers));
  switch (result.status) {
    case "sent":
      return apiJson({ status: "sent", email: result.email, expiresAt: result.expiresAt.toISOString() }, { status: 202 });
    case "not_found":
      return apiError(404, "not_found", API_COPY.noSuchContact);
    case "no_website_access":
      return apiError(409, "no_website_access", API_COPY.contactNoWebsiteAccess);
    case "suppressed":
      return apiRetryLater(429, "rate_limited", API_COPY.contactResetLimited, result.retryAfterSeconds);
  }
});
