import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { temporaryPasswordValidFor } from "@/lib/contacts/temporary-passwords";
import { getRetailer } from "@/lib/retailers/retailers";
import { requireConsoleUser } from "@/lib/sessions/guards";
import { AddContactForm } from "./add-contact-form";

export const metadata: Metadata = { title: "Add contact" };

export default async function AddContactPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = (await requireConsoleUser(`/admin/retailers/${id}/contacts/new`))!;
  const retailer = await getRetailer(user.organizationId, id);
  if (!retailer) notFound();
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        <Link href="/admin/retailers" className="text-brand-700 underline underline-offset-2">
          Retailers
        </Link>{" "}
        /{" "}
        <Link href={`/admin/retailers/${retailer.id}`} className="text-brand-700 underline underline-offset-2">
          {retailer.name}
        </Link>{" "}
        / Add contact
      </p>
      <h1 className="text-2xl font-semibold">Add a contact to {retailer.name}</h1>
      <AddContactForm retailerId={retailer.id} validFor={temporaryPasswordValidFor()} />
    </div>
  );
}
