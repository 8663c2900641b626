import type { Metadata } from "next";
import { z } from "zod";
import { ActivityParty, actorFallback } from "@/components/activity-party";
import { Pager } from "@/components/pager";
import { Table, Td } from "@/components/ui/table";
import { ACTION_LABELS, ACTIVITY_TYPES, listActivity, type ActivityType, type AuditAction } from "@/lib/audit/events";
import { formatDateTime } from "@/lib/copy/format";
import { requireConsoleUser } from "@/lib/sessions/guards";
import { searchUsers } from "@/lib/staff/admin";
import { API_KEY_COPY } from "@/lib/copy/management-api";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = { title: "Activity" };

const Params = z.object({
  user: z.uuid().optional().catch(undefined),
  type: z.enum(Object.keys(ACTIVITY_TYPES) as [ActivityType, ...ActivityType[]]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const admin = await requireConsoleUser("/admin/activity");
  const params = Params.parse(await searchParams);
  const [{ rows, hasNext }, people] = await Promise.all([
    listActivity(admin.organizationId, { userId: params.user, type: params.type, page: params.page }),
    searchUsers(admin.organizationId, { pageSize: 200 }),
  ]);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading>Activity</PageHeading>
      <form className="flex flex-wrap items-end gap-3" aria-label="Filter activity">
        <div className="flex flex-col gap-1">
          <label htmlFor="activity-user" className="text-sm font-medium">User</label>
          <select id="activity-user" name="user" defaultValue={params.user ?? ""} className="min-h-11 rounded-md border border-zinc-300 bg-white px-3">
            <option value="">Everyone</option>
            {people.rows.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName} ({p.username})
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="activity-type" className="text-sm font-medium">Event type</label>
          <select id="activity-type" name="type" defaultValue={params.type ?? ""} className="min-h-11 rounded-md border border-zinc-300 bg-white px-3">
            <option value="">All events</option>
            {Object.entries(ACTIVITY_TYPES).map(([key, t]) => (
              <option key={key} value={key}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-900">
          Show events
        </button>
      </form>
      <Table caption="Security events, newest first" columns={["When", "Event", "By", "About", "IP address"]}>
        {rows.map((e) => (
          <tr key={e.id}>
            <Td>{formatDateTime(e.createdAt)}</Td>
            <Td>{ACTION_LABELS[e.action as AuditAction] ?? e.action}</Td>
            <Td>
              <ActivityParty type={e.actorType} id={e.actorId} name={e.actorType === "api_key" && e.actorName ? API_KEY_COPY.actorLabel(e.actorName) : e.actorName} removed={e.actorRemoved} fallback={actorFallback(e)} />
            </Td>
            <Td>
              <ActivityParty type={e.targetType} id={e.targetId} name={e.targetName} removed={e.targetRemoved} fallback="—" />
            </Td>
            <Td>{e.ip ?? "—"}</Td>
          </tr>
        ))}
      </Table>
      {rows.length === 0 ? <p>No events match these filters.</p> : null}
      <Pager page={params.page ?? 1} hasNext={hasNext} params={{ user: params.user, type: params.type }} label="Activity pages" />
    </div>
  );
}
