import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ContactResetPassword } from "@/app/admin/contacts/[id]/contact-reset-password";
import { ContactWebsiteAccessForm } from "@/app/admin/contacts/[id]/contact-website-access-form";
import { getContactDetails, type ContactDetails } from "@/lib/contacts/search";
import { temporaryPasswordValidFor } from "@/lib/contacts/temporary-passwords";
import { formatDateTime } from "@/lib/copy/format";
import { requireConsoleUser } from "@/lib/sessions/guards";
import { Panel } from "@/components/ui/panel";
import { SessionList } from "@/components/session-list";
import { listSessionsForPage } from "@/lib/sessions/records";
import { revokeContactSessionAction } from "./actions";
import { PageHeading } from "@/components/ui/page-heading";
import { ContactEditForm } from "./contact-edit-form";
import { ContactRemove } from "./contact-remove";
import { Alert } from "@/components/ui/alert";
import { welcomeSentence } from "@/lib/copy/provisioning";
import { welcomeOutcomes } from "@/lib/contacts/website-access";

/** Each contact's tab is named for them. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const user = (await requireConsoleUser("/admin/contacts"))!;
  const contact = await getContactDetails(user.organizationId, (await params).id);
  return { title: contact ? `${contact.name} · Contact details` : "Contact details" };
}

function temporaryPasswordState(t: ContactDetails["temporaryPassword"]): string {
  switch (t.status) {
    case "none":
      return "No temporary password has been sent.";
    case "pending":
      return `Pending: not used yet, valid until ${formatDateTime(t.expiresAt)}.`;
    case "expired":
      return `Expired unused on ${formatDateTime(t.expiresAt)}.`;
    case "awaiting_new_password":
      return "Used to sign in; the contact has not chosen a new password yet.";
    case "completed":
      return "Used; the contact has chosen a new password.";
    case "cancelled":
      return "No longer pending: the contact signed in with their previous password, or website access was turned off.";
  }
}

function requestedBy(t: ContactDetails["temporaryPassword"]): string {
  const by = t.requestedBy;
  if (!by) return "";
  if (by.via === "storefront") return " (the contact asked with Forgot Your Password)";
  return ` (reset by ${by.staffName ?? "a staff member"}${by.via === "app" ? " from an app" : by.via === "api" ? " through the management API" : " in the Management Portal"})`;
}

/** One contact: details, website access, and Reset Password. Another organization's contact is a 404. */
export default async function ContactDetailsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireConsoleUser("/admin/contacts");
  const contact = await getContactDetails(user.organizationId, (await params).id);
  if (!contact) notFound();
  const temp = contact.temporaryPassword;
  const sessions = await listSessionsForPage(user.organizationId, { contactId: contact.id });
  // Set by Add contact's redirect: what happened to the welcome email.
  const added = (await searchParams).added;
  const welcome = welcomeOutcomes.find((o) => o === added) ?? null;
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <p className="text-sm">
        <Link href="/admin/contacts" className="text-brand-700 underline underline-offset-2">
          Back to Contacts
        </Link>{" "}
        ·{" "}
        <Link href={`/admin/retailers/${contact.retailerId}`} className="text-brand-700 underline underline-offset-2">
          {contact.retailerName}
        </Link>
      </p>
      {added ? <Alert tone="success">{`The contact was added. ${welcomeSentence(welcome, temporaryPasswordValidFor(), contact.email)}`.trim()}</Alert> : null}
      <div>
        <PageHeading>{contact.name}</PageHeading>
        <p className="text-zinc-700">Contact of {contact.retailerName}</p>
      </div>

      <Panel id="details" title="Details">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-zinc-600">Retailer</dt>
          <dd>{contact.retailerName}</dd>
          <dt className="text-zinc-600">Username</dt>
          <dd>{contact.username}</dd>
          <dt className="text-zinc-600">Email</dt>
          <dd className="break-all">{contact.email}</dd>
          <dt className="text-zinc-600">Last sign-in</dt>
          <dd>{formatDateTime(contact.lastSignInAt)}</dd>
          <dt className="text-zinc-600">Password</dt>
          <dd>
            {contact.hasPassword ? "Set by the contact" : "None: only a temporary password can sign in"}
            {contact.passwordChangedAt ? ` · last changed ${formatDateTime(contact.passwordChangedAt)}` : ""}
            {contact.locked ? " · locked after too many wrong passwords" : ""}
          </dd>
        </dl>
      </Panel>

      <Panel id="access" title="Website access">
        <ContactWebsiteAccessForm contactId={contact.id} websiteAccess={contact.websiteAccess} />
      </Panel>

      <Panel
        id="password"
        title="Password"
        description={
          <>
            Contact passwords are never shown to staff. Reset Password emails the contact a temporary password, valid
            for {temporaryPasswordValidFor()}, that they replace with their own when they sign in.
          </>
        }
      >
        <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-zinc-600">Last reset sent</dt>
          <dd>
            {temp.lastSentAt ? `${formatDateTime(temp.lastSentAt)}${requestedBy(temp)}` : "Never"}
          </dd>
          <dt className="text-zinc-600">Temporary password</dt>
          <dd>{temporaryPasswordState(temp)}</dd>
        </dl>
        <ContactResetPassword
          contactId={contact.id}
          contactName={contact.name}
          email={contact.email}
          websiteAccess={contact.websiteAccess}
        />
      </Panel>

      <Panel id="edit" title="Edit details">
        <ContactEditForm contactId={contact.id} initial={{ name: contact.name, username: contact.username, email: contact.email }} />
      </Panel>

      <Panel id="remove" title="Remove contact" description="For someone who no longer works for this retailer.">
        <ContactRemove contactId={contact.id} contactName={contact.name} />
      </Panel>

      <Panel id="sessions" title="Storefront sessions" description="Browsers signed in to the storefront as this contact.">
        <SessionList caption={`Storefront sessions of ${contact.name}`} sessions={sessions} revokeAction={revokeContactSessionAction} fields={{ contactId: contact.id }} />
      </Panel>
    </div>
  );
}
