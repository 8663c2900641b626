import type { Metadata } from "next";
import { LicenceBar } from "@/components/licence-bar";
import { LicenceForm } from "@/app/admin/subscription/licence-form";
import { getLicenceUsage } from "@/lib/organizations/licences";
import { requireConsoleUser } from "@/lib/sessions/guards";
import { Panel } from "@/components/ui/panel";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = { title: "Subscription" };

export default async function SubscriptionPage() {
  const user = await requireConsoleUser("/admin/subscription");
  const usage = await getLicenceUsage(user.organizationId);
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <PageHeading>Subscription</PageHeading>
      <Panel id="usage" title="Licences">
        <LicenceBar usage={usage} />
        <p className="mt-3 text-sm text-zinc-700">Each active user takes one licence; disabling a user frees theirs.</p>
      </Panel>
      <Panel id="change" title="Change your licence count">
        <LicenceForm licences={usage.licences} used={usage.used} />
      </Panel>
    </div>
  );
}
