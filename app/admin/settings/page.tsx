import type { Metadata } from "next";
import Link from "next/link";
import { ContactEmailSettingsForm } from "@/app/admin/settings/contact-email-settings-form";
import { getOrganizationSettings } from "@/lib/organizations/organizations";
import { requireConsoleUser } from "@/lib/sessions/guards";
import { Panel } from "@/components/ui/panel";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireConsoleUser("/admin/settings");
  const settings = await getOrganizationSettings(user.organizationId);
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeading>Settings</PageHeading>
      <Panel id="api-keys" title="API keys">
        <p className="text-sm">
          Let another system manage your users, retailers and contacts through the management API.{" "}
          <Link href="/admin/settings/api-keys" className="text-brand-700 underline">
            Manage API keys
          </Link>
        </p>
      </Panel>
      <Panel id="contact-emails" title="Contact password emails">
        <ContactEmailSettingsForm includeUsername={settings.includeUsernameInContactEmails} />
      </Panel>
    </div>
  );
}
