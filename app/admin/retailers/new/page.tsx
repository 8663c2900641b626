import type { Metadata } from "next";
import Link from "next/link";
import { RetailerForm } from "@/app/admin/retailers/retailer-form";
import { requireConsoleUser } from "@/lib/sessions/guards";
import { createRetailerAction } from "./actions";

export const metadata: Metadata = { title: "Add retailer" };

export default async function AddRetailerPage() {
  await requireConsoleUser("/admin/retailers/new");
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        <Link href="/admin/retailers" className="text-brand-700 underline underline-offset-2">
          Retailers
        </Link>{" "}
        / Add retailer
      </p>
      <h1 className="text-2xl font-semibold">Add retailer</h1>
      <p className="max-w-xl text-sm text-zinc-700">
        A retailer is a shop you sell to. Once it is added, give it contacts: the people who sign in to your storefront for it.
      </p>
      <RetailerForm action={createRetailerAction} submitLabel="Add retailer" />
    </div>
  );
}
