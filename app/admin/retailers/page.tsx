import type { Metadata } from "next";
import { SEARCH_NOT_RUN } from "@/lib/copy/messages";
import Form from "next/form";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { PROVISIONING_MESSAGES } from "@/lib/copy/provisioning";
import { Table, Td } from "@/components/ui/table";
import { TextField } from "@/components/ui/text-field";
import { retailerSearchSchema, searchRetailers } from "@/lib/retailers/retailers";
import { parseSearchParams } from "@/lib/web/schemas";
import { requireConsoleUser } from "@/lib/sessions/guards";

export const metadata: Metadata = { title: "Retailers" };

function pageHref(q: string, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/admin/retailers?${query}` : "/admin/retailers";
}

/** Management Portal → Retailers: search by name or account code, add one, open one. */
export default async function RetailersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = (await requireConsoleUser("/admin/retailers"))!;
  const raw = await searchParams;
  const {
    data: { q, page },
    errors,
  } = parseSearchParams(retailerSearchSchema, raw);
  // Set by Remove retailer's redirect.
  const removed = typeof raw.removed === "string" ? raw.removed.slice(0, 200) : null;
  const result = errors.q ? { rows: [], total: 0, page: 1, pageSize: 0, pageCount: 1 } : await searchRetailers(user.organizationId, q, { page });
  if (!result.rows.length && result.page > result.pageCount) redirect(pageHref(q, result.pageCount));
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.rows.length - 1;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Retailers</h1>
        <Link href="/admin/retailers/new" className={buttonClass("primary")}>
          Add retailer
        </Link>
      </div>
      {removed ? <Alert tone="success">{PROVISIONING_MESSAGES.retailerRemoved(removed)}</Alert> : null}
      <p className="text-sm text-zinc-700">The shops you sell to. Open one to see and add the contacts who sign in to your storefront for it.</p>
      <Form action="/admin/retailers" role="search" aria-label="Search retailers" className="flex flex-wrap items-end gap-2">
        <TextField label="Retailer name or account code" name="q" type="search" defaultValue={q} maxLength={100} error={errors.q} className="min-w-64 flex-1" />
        <Button type="submit" className="mb-1">
          Search retailers
        </Button>
      </Form>
      <p role="status" className="text-sm text-zinc-700">
        {errors.q
          ? SEARCH_NOT_RUN
          : result.total === 0
            ? q
              ? `No retailers match “${q}”.`
              : "No retailers yet. Add your first one."
            : `${result.total} retailer${result.total === 1 ? "" : "s"}${q ? ` matching “${q}”` : ""}${result.rows.length ? `, showing ${first}–${last}` : ""}.`}
      </p>
      {result.rows.length ? (
        <Table caption={q ? `Retailers matching “${q}”` : "Retailers"} columns={["Retailer", "Account code", "Contacts", "Actions"]}>
          {result.rows.map((r) => (
            <tr key={r.id}>
              <Td>{r.name}</Td>
              <Td>{r.code ?? "—"}</Td>
              <Td>{r.contactCount}</Td>
              <Td>
                <Link href={`/admin/retailers/${r.id}`} className="font-semibold text-brand-700 underline underline-offset-2" aria-label={`Open ${r.name}`}>
                  Open
                </Link>
              </Td>
            </tr>
          ))}
        </Table>
      ) : null}
      {result.pageCount > 1 ? (
        <nav aria-label="Retailer pages" className="flex items-center gap-4 text-sm">
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
