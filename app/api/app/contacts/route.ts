import { canManageContactsFromApp } from "@/lib/staff/access";
import { apiError, apiJson, apiRoute, readQuery, requireAppSession } from "@/lib/web/api";
import { contactSearchSchema, searchContacts } from "@/lib/contacts/search";
import { API_COPY } from "@/lib/copy/api";

export const dynamic = "force-dynamic";

/** GET /api/app/contacts?q=…&page=… — an iPad user searches their organization's contacts. */
export const GET = apiRoute(async (request: Request) => {
  const auth = await requireAppSession(request);
  if (!auth.ok) return auth.response;
  const { user } = auth.session;
  if (!canManageContactsFromApp(user.type)) {
    return apiError(403, "forbidden", API_COPY.contactsForbidden);
  }
  const query = readQuery(request, contactSearchSchema);
  if (!query.ok) return query.response;
  const result = await searchContacts(user.organization.id, query.data.q, { page: query.data.page });
  return apiJson({
    contacts: result.rows.map((c) => ({ id: c.id, name: c.name, username: c.username, email: c.email, retailer: c.retailerName, websiteAccess: c.websiteAccess })),
    page: result.page,
    pageCount: result.pageCount,
    total: result.total,
  });
});
