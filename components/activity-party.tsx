import Link from "next/link";
import type { ActivityRow } from "@/lib/audit/events";

const PAGE_OF: Record<string, string> = { user: "/admin/users", contact: "/admin/contacts", retailer: "/admin/retailers" };

/**
 * Who did it, or whom it was about, in an activity table: the name, linked to its page. A
 * removed contact or retailer keeps its name (its row stays) but has no page any more.
 */
export function ActivityParty({ type, id, name, removed, fallback }: { type: string | null; id: string | null; name: string | null; removed: boolean; fallback: string }) {
  if (!name) return <>{fallback}</>;
  if (removed) return <>{name} (removed)</>;
  const base = type ? PAGE_OF[type] : undefined;
  if (!base || !id) return <>{name}</>;
  return (
    <Link href={`${base}/${id}`} className="text-brand-700 underline underline-offset-2">
      {name}
    </Link>
  );
}

/** The actor's words when they have no name: the system, someone not signed in, or unknown. */
export function actorFallback(row: Pick<ActivityRow, "actorType">): string {
  return row.actorType === "system" ? "System" : row.actorType === "anonymous" ? "Not signed in" : "—";
}
