import type { Metadata } from "next";
import { ContactEmailSettingsForm } from "@/components/contact-email-settings-form";
import { getOrganizationSettings } from "@/lib/organizations";
import { requireConsoleUser } from "@/lib/session";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = (await requireConsoleUser("/admin/settings"))!;
  const settings = await getOrganizationSettings(user.organizationId);
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <section aria-labelledby="contact-emails-heading" className="rounded-lg border border-zinc-200 bg-white p-4">
        <h2 id="contact-emails-heading" className="mb-3 text-lg font-semibold">Contact password emails</h2>
        <ContactEmailSettingsForm includeUsername={settings.includeUsernameInContactEmails} />
      </section>
    </div>
  );
}
