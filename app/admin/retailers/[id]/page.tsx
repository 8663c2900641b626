import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RetailerForm } from "@/app/admin/retailers/retailer-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { Table, Td } from "@/components/ui/table";
import { listRetailerContacts } from "@/lib/contacts/provisioning";
import { PROVISIONING_MESSAGES, RETAILER_REMOVAL_COPY } from "@/lib/copy/provisioning";
import { getRetailer } from "@/lib/retailers/retailers";
import { requireConsoleUser } from "@/lib/sessions/guards";
import { updateRetailerAction } from "./actions";
import { RetailerRemove } from "./retailer-remove";

export const metadata: Metadata = { title: "Retailer" };

/** One retailer: its details (rename) and its contacts, with Add contact. Another organization's retailer is a 404. */
export default async function RetailerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const user = (await requireConsoleUser(`/admin/retailers/${id}`))!;
  const retailer = await getRetailer(user.organizationId, id);
  if (!retailer) notFound();
  const contacts = await listRetailerContacts(user.organizationId, retailer.id);
  const flash = await searchParams;
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <p className="text-sm">
        <Link href="/admin/retailers" className="text-brand-700 underline underline-offset-2">
          Retailers
        </Link>{" "}
        / {retailer.name}
      </p>
      <div>
        <h1 className="text-2xl font-semibold">{retailer.name}</h1>
        <p className="text-zinc-700">{retailer.code ? `Account code ${retailer.code}` : "No account code"}</p>
      </div>
      {flash.created ? <Alert tone="success">{PROVISIONING_MESSAGES.retailerCreated}</Alert> : null}
      {typeof flash.removed === "string" ? <Alert tone="success">{PROVISIONING_MESSAGES.contactRemoved(flash.removed.slice(0, 100))}</Alert> : null}

      <Panel id="contacts" title="Contacts" description="The people who sign in to your storefront for this retailer.">
        <div className="flex flex-col items-start gap-3">
          <div className="flex flex-wrap gap-2">
            <Link href={`/admin/retailers/${retailer.id}/contacts/new`} className={buttonClass("primary")}>
              Add contact
            </Link>
            <Link href="/admin/imports?kind=contacts" className={buttonClass("secondary")}>
              Import contacts from CSV
            </Link>
          </div>
          {contacts.length ? (
            <Table caption={`Contacts of ${retailer.name}`} columns={["Contact", "Username", "Email", "Website access", "Actions"]}>
              {contacts.map((c) => (
                <tr key={c.id}>
                  <Td>{c.name}</Td>
                  <Td>{c.username}</Td>
                  <Td>{c.email}</Td>
                  <Td>{c.websiteAccess ? "On" : "Off"}</Td>
                  <Td>
                    <Link href={`/admin/contacts/${c.id}`} className="font-semibold text-brand-700 underline underline-offset-2" aria-label={`Manage ${c.name}`}>
                      Manage
                    </Link>
                  </Td>
                </tr>
              ))}
            </Table>
          ) : (
            <p className="text-sm text-zinc-700">No contacts yet.</p>
          )}
        </div>
      </Panel>

      <Panel id="details" title="Details" description="Rename the retailer or change its account code.">
        <RetailerForm action={updateRetailerAction} initial={retailer} retailerId={retailer.id} submitLabel="Save changes" />
      </Panel>

      <Panel id="remove" title="Remove retailer" description="For a shop you no longer sell to, once none of its contacts are left.">
        <RetailerRemove
          retailerId={retailer.id}
          retailerName={retailer.name}
          explain={RETAILER_REMOVAL_COPY.explain}
          blocked={contacts.length ? RETAILER_REMOVAL_COPY.hasContacts(contacts.length) : null}
        />
      </Panel>
    </div>
  );
}
