import type { Metadata } from "next";
import { SEARCH_NOT_RUN } from "@/lib/copy/messages";
import Form from "next/form";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button, buttonClass } from "@/components/ui/button";
import { Table, Td } from "@/components/ui/table";
import { TextField } from "@/components/ui/text-field";
import { contactSearchSchema, searchContacts } from "@/lib/contacts/search";
import { parseSearchParams } from "@/lib/web/schemas";
import { requireConsoleUser } from "@/lib/sessions/guards";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = { title: "Contacts" };

function pageHref(q: string, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/admin/contacts?${query}` : "/admin/contacts";
}

/** Management Portal → Contacts: search by retailer or contact name, then open a contact. */
export default async function ContactsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requireConsoleUser("/admin/contacts");
  const {
    data: { q, page },
    errors,
  } = parseSearchParams(contactSearchSchema, await searchParams);
  // A refused search shows its message and finds nothing, rather than every contact.
  const result = errors.q
    ? { rows: [], total: 0, page: 1, pageSize: 0, pageCount: 1 }
    : await searchContacts(user.organizationId, q, { page });
  // A page past the end (an old bookmark, a hand-edited URL) shows the last one instead.
  if (!result.rows.length && result.page > result.pageCount) redirect(pageHref(q, result.pageCount));
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.rows.length - 1;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <PageHeading>Contacts</PageHeading>
        <div className="flex flex-wrap gap-2">
          <Link href="/admin/imports?kind=contacts" className={buttonClass("secondary")}>
            Import CSV
          </Link>
          <a href="/admin/contacts/export" download className={buttonClass("secondary")}>
            Export CSV
          </a>
        </div>
      </div>
      <p className="text-sm text-zinc-700">
        Retailers&apos; people who sign in to your B2B storefront. Their passwords are never shown to staff.
      </p>
      <Form action="/admin/contacts" role="search" aria-label="Search contacts" className="flex flex-wrap items-end gap-2">
        <TextField
          label="Retailer or contact name"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={100}
          error={errors.q}
          className="min-w-64 flex-1"
        />
        <Button type="submit" className="mb-1">
          Search contacts
        </Button>
      </Form>
      <p role="status" className="text-sm text-zinc-700">
        {errors.q
          ? SEARCH_NOT_RUN
          : result.total === 0
          ? q
            ? `No contacts match “${q}”.`
            : "No contacts yet."
          : `${result.total} contact${result.total === 1 ? "" : "s"}${q ? ` matching “${q}”` : ""}${
              result.rows.length ? `, showing ${first}–${last}` : ""
            }.`}
      </p>
      {result.rows.length ? (
        <Table
          caption={q ? `Contacts matching “${q}”` : "Contacts"}
          columns={["Retailer", "Contact", "Username", "Email", "Website access", "Actions"]}
          stackOnPhone
        >
          {result.rows.map((c) => (
            <tr key={c.id}>
              <Td label="Retailer">{c.retailerName}</Td>
              <Td>
                <Link href={`/admin/contacts/${c.id}`} className="font-semibold text-brand-700 underline underline-offset-2">
                  {c.name}
                </Link>
              </Td>
              <Td label="Username">{c.username}</Td>
              <Td label="Email">{c.email}</Td>
              <Td label="Website access">{c.websiteAccess ? "On" : "Off"}</Td>
              <Td>
                <Link
                  href={`/admin/contacts/${c.id}`}
                  className="font-semibold text-brand-700 underline underline-offset-2"
                  aria-label={`Manage ${c.name} (${c.retailerName})`}
                >
                  Manage
                </Link>
              </Td>
            </tr>
          ))}
        </Table>
      ) : null}
      {result.pageCount > 1 ? (
        <nav aria-label="Contact pages" className="flex items-center gap-4 text-sm">
          {result.page > 1 ? (
            <Link href={pageHref(q, result.page - 1)} className="text-brand-700 underline underline-offset-2">
              Previous page
            </Link>
          ) : null}
          <span>
            Page {result.page} of {result.pageCount}
          </span>
          {result.page < result.pageCount ? (
            <Link href={pageHref(q, result.page + 1)} className="text-brand-700 underline underline-offset-2">
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
