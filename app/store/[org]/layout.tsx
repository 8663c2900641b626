import type { Metadata } from "next";
import { requireStorefront } from "@/lib/sessions/storefront-cookie";

/** A buyer knows the organization they buy from, not Gatehouse: its name ends every tab title. */
export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const store = await requireStorefront((await params).org);
  return { title: { template: `%s · ${store.name}`, default: store.name } };
}

/** The storefront frame: the organization's name; an unknown slug is a 404. */
export default async function StorefrontLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ org: string }>;
}) {
  const store = await requireStorefront((await params).org);
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-zinc-200 bg-white px-4 py-3">
        <p className="font-bold text-brand-900">
          {store.name} <span className="font-normal text-zinc-600">· B2B storefront</span>
        </p>
      </header>
      {children}
    </div>
  );
}
