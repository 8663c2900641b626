import type { Metadata } from "next";
import { Table, Td } from "@/components/ui/table";
import { listAuditEvents } from "@/lib/audit";
import { getDb } from "@/db";
import { formatDateTime } from "@/lib/format";
import { requireConsoleUser } from "@/lib/session";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage() {
  const user = (await requireConsoleUser("/admin/activity"))!;
  const events = await listAuditEvents(await getDb(), user.organizationId, { limit: 100 });
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Activity</h1>
      <Table caption="Security events, newest first" columns={["When", "Event", "Actor", "Target", "IP address"]}>
        {events.map((e) => (
          <tr key={e.id}>
            <Td>{formatDateTime(e.createdAt)}</Td>
            <Td>{e.action}</Td>
            <Td>{e.actorType}</Td>
            <Td>{e.targetType ?? "—"}</Td>
            <Td>{e.ip ?? "—"}</Td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
