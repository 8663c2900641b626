import type { Metadata } from "next";
import { Table, Td } from "@/components/ui/table";
import { listContacts } from "@/lib/contacts";
import { requireConsoleUser } from "@/lib/session";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage() {
  const user = (await requireConsoleUser("/admin/contacts"))!;
  const rows = await listContacts(user.organizationId, { limit: 100 });
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Contacts</h1>
      <p className="text-sm text-zinc-700">Retailers&apos; people who sign in to your B2B storefront. Their passwords are never shown to staff.</p>
      <Table caption="Contacts" columns={["Retailer", "Contact", "Username", "Email", "Website access"]}>
        {rows.map((c) => (
          <tr key={c.id}>
            <Td>{c.retailerName}</Td>
            <Td>{c.name}</Td>
            <Td>{c.username}</Td>
            <Td>{c.email}</Td>
            <Td>{c.websiteAccess ? "Yes" : "No"}</Td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
