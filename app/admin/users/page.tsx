import type { Metadata } from "next";
import { Table, Td } from "@/components/ui/table";
import { USER_TYPE_LABELS } from "@/lib/access";
import { formatDateTime } from "@/lib/format";
import { requireConsoleUser } from "@/lib/session";
import { listUsers } from "@/lib/users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = (await requireConsoleUser("/admin/users"))!;
  const rows = await listUsers(user.organizationId, { limit: 100 });
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Users</h1>
      <Table caption={`Users of ${user.organizationName}`} columns={["Name", "Username", "User type", "Status", "Last sign-in", "Password changed"]}>
        {rows.map((u) => (
          <tr key={u.id}>
            <Td>{u.displayName}</Td>
            <Td>{u.username}</Td>
            <Td>{USER_TYPE_LABELS[u.userType]}</Td>
            <Td>{u.status === "active" ? "Active" : "Disabled"}</Td>
            <Td>{formatDateTime(u.lastSignInAt)}</Td>
            <Td>{formatDateTime(u.passwordChangedAt)}</Td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
