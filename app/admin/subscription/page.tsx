import type { Metadata } from "next";
import { LicenceBar } from "@/components/licence-bar";
import { LicenceForm } from "@/components/licence-form";
import { getLicenceUsage } from "@/lib/licences";
import { requireConsoleUser } from "@/lib/session";

export const metadata: Metadata = { title: "Subscription" };

export default async function SubscriptionPage() {
  const user = (await requireConsoleUser("/admin/subscription"))!;
  const usage = await getLicenceUsage(user.organizationId);
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-semibold">Subscription</h1>
      <section aria-labelledby="usage-heading" className="rounded-lg border border-zinc-200 bg-white p-4">
        <h2 id="usage-heading" className="mb-3 text-lg font-semibold">Licences</h2>
        <LicenceBar usage={usage} />
        <p className="mt-3 text-sm text-zinc-700">Each active user takes one licence; disabling a user frees theirs.</p>
      </section>
      <section aria-labelledby="change-heading" className="rounded-lg border border-zinc-200 bg-white p-4">
        <h2 id="change-heading" className="mb-3 text-lg font-semibold">Change your licence count</h2>
        <LicenceForm licences={usage.licences} used={usage.used} />
      </section>
    </div>
  );
}
