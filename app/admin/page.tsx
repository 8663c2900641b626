import type { Metadata } from "next";
import { LicenceBar } from "@/components/licence-bar";
import { SecurityChart } from "@/components/security-chart";
import { securityTrend } from "@/lib/audit/events";
import { USER_TYPE_LABELS } from "@/lib/staff/access";
import { getLicenceUsageByType } from "@/lib/organizations/licences";
import { requireConsoleUser } from "@/lib/sessions/guards";
import { userTypes } from "@/db/schema";
import { Panel } from "@/components/ui/panel";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireConsoleUser("/admin");
  const [{ usage, byType }, trend] = await Promise.all([getLicenceUsageByType(user.organizationId), securityTrend(user.organizationId, 30)]);
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeading>Dashboard</PageHeading>
      <Panel id="licences" title="Licences">
        <LicenceBar usage={usage} />
      </Panel>
      <Panel id="types" title="Active users by type">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {userTypes.map((t) => (
            <div key={t} className="rounded-md bg-zinc-50 p-3">
              <dt className="text-sm text-zinc-600">{USER_TYPE_LABELS[t]}</dt>
              <dd className="text-2xl font-semibold">{byType[t]}</dd>
            </div>
          ))}
        </dl>
      </Panel>
      <Panel id="trend" title="Last 30 days">
        <SecurityChart data={trend} />
      </Panel>
    </div>
  );
}
