import type { Metadata } from "next";
import Link from "next/link";
import { CreateApiKeyForm } from "./create-api-key-form";
import { RevokeApiKey } from "./revoke-api-key";
import { listApiKeys } from "@/lib/management-api/keys";
import { requireConsoleUser } from "@/lib/sessions/guards";
import { formatDateTime } from "@/lib/copy/format";
import { PageHeading } from "@/components/ui/page-heading";
import { Panel } from "@/components/ui/panel";
import { Table, Td } from "@/components/ui/table";

export const metadata: Metadata = { title: "API keys" };

function keyState(k: { revokedAt: Date | null; expiresAt: Date | null }): string {
  if (k.revokedAt) return `Revoked ${formatDateTime(k.revokedAt)}`;
  if (k.expiresAt && k.expiresAt.getTime() <= Date.now()) return `Expired ${formatDateTime(k.expiresAt)}`;
  return k.expiresAt ? `Active until ${formatDateTime(k.expiresAt)}` : "Active";
}

/** Settings → API keys: the organization's management API keys (docs/management-api.md). */
export default async function ApiKeysPage() {
  const user = await requireConsoleUser("/admin/settings/api-keys");
  const keys = await listApiKeys(user.organizationId);
  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <PageHeading>API keys</PageHeading>
      <p className="text-sm text-zinc-700">
        Keys let another system manage this organization&apos;s users, retailers and contacts through the management API, and read its
        activity. <Link href="/api-reference" className="text-brand-700 underline">Read the API reference</Link>.
      </p>
      <Panel id="create-api-key" title="Create an API key">
        <CreateApiKeyForm />
      </Panel>
      <Panel id="api-keys" title="Keys">
        {keys.length === 0 ? (
          <p className="text-sm">No keys yet.</p>
        ) : (
          <Table caption="API keys, newest first" columns={["Name", "Key", "Access", "State", "Last used", ""]} stackOnPhone>
            {keys.map((k) => (
              <tr key={k.id}>
                <Td label="Name">{k.name}</Td>
                <Td label="Key">
                  <code>{k.prefix}…</code>
                </Td>
                <Td label="Access">{k.scopes.includes("write") ? "Read and write" : "Read only"}</Td>
                <Td label="State">{keyState(k)}</Td>
                <Td label="Last used">{k.lastUsedAt ? `${formatDateTime(k.lastUsedAt)} from ${k.lastUsedIp ?? "an unknown address"}` : "Never"}</Td>
                <Td label="Actions">
                  <RevokeApiKey keyId={k.id} name={k.name} revoked={Boolean(k.revokedAt)} />
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Panel>
    </div>
  );
}
