import type { Metadata } from "next";
import { LicenceBar } from "@/components/licence-bar";
import { SecurityChart } from "@/components/security-chart";
import { securityTrend } from "@/lib/audit";
import { USER_TYPE_LABELS } from "@/lib/access";
import { getLicenceUsage } from "@/lib/licences";
import { requireConsoleUser } from "@/lib/session";
import { countUsersByType } from "@/lib/users";
import { userTypes } from "@/db/schema";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = (await requireConsoleUser("/admin"))!;
  const [usage, byType, trend] = await Promise.all([
    getLicenceUsage(user.organizationId),
    countUsersByType(user.organizationId),
    securityTrend(user.organizationId, 30),
  ]);
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <section aria-labelledby="licences-heading" className="rounded-lg border border-zinc-200 bg-white p-4">
        <h2 id="licences-heading" className="mb-3 text-lg font-semibold">Licences</h2>
        <LicenceBar usage={usage} />
      </section>
      <section aria-labelledby="types-heading" className="rounded-lg border border-zinc-200 bg-white p-4">
        <h2 id="types-heading" className="mb-3 text-lg font-semibold">Active users by type</h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {userTypes.map((t) => (
            <div key={t} className="rounded-md bg-zinc-50 p-3">
              <dt className="text-sm text-zinc-600">{USER_TYPE_LABELS[t]}</dt>
              <dd className="text-2xl font-semibold">{byType[t]}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="trend-heading" className="rounded-lg border border-zinc-200 bg-white p-4">
        <h2 id="trend-heading" className="mb-3 text-lg font-semibold">Last 30 days</h2>
        <SecurityChart data={trend} />
      </section>
    </div>
  );
}
