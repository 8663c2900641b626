import type { ProvisioningFailure } from "@/lib/contacts/provisioning";
import type { WelcomeOutcome } from "@/lib/contacts/website-access";
import type { RetailerResult } from "@/lib/retailers/retailers";
import { CONTACT_COPY } from "@/lib/copy/contacts";

/** The Management Portal's sentences for retailers and contacts being added, edited and removed. */

type RetailerFailure = Extract<RetailerResult, { ok: false }>["reason"];

/** A refusal, and the field it belongs to (none: the whole form). */
const RETAILER_NOT_FOUND = "That retailer was not found.";

/** Field messages of the Add / Edit forms for retailers and contacts. */
export const PROVISIONING_FIELD_COPY = {
  enterContactName: "Enter the contact's name.",
  contactNameTooLong: (max: number) => `A name has at most ${max} characters.`,
  enterUsername: "Enter a username.",
  enterContactEmail: "Enter the contact's email address.",
  notContactEmail: "Enter an email address, like buyer@shop.com.",
  enterRetailerName: "Enter the retailer's name.",
  retailerNameTooLong: (max: number) => `A retailer's name has at most ${max} characters.`,
  accountCodeTooLong: (max: number) => `An account code has at most ${max} characters.`,
} as const;

export const RETAILER_FAILURES: Record<RetailerFailure, { field?: "code"; message: string }> = {
  code_taken: { field: "code", message: "Another retailer already has this account code." },
  not_found: { message: RETAILER_NOT_FOUND },
};

export const CONTACT_FAILURES: Record<ProvisioningFailure, { field?: "username"; message: string }> = {
  username_taken: { field: "username", message: "Another contact of your company already has this username." },
  not_found: { message: CONTACT_COPY.notFound },
  retailer_not_found: { message: RETAILER_NOT_FOUND },
};

export const PROVISIONING_MESSAGES = {
  retailerSaved: "The retailer was saved.",
  retailerCreated: "The retailer was added. Add its contacts below.",
  contactSaved: "The contact's details were saved.",
  contactSavedSessionsEnded:
    "The contact's details were saved. Their username or email changed, so their storefront sessions have ended and any temporary password sent before no longer works.",
  retailerRemoved: (name: string) => `${name} was removed. Its history stays in Activity, and its account code can be given to another retailer.`,
  contactRemoved: (name: string) => `${name} was removed. They can no longer sign in, and their username can be given to someone else.`,
} as const;

/** What the admin is told about a contact's welcome email, once website access is on. */
/** `validFor` is how long the temporary password works, e.g. "48 hours". */
export function welcomeSentence(outcome: WelcomeOutcome | null, validFor: string, email?: string): string {
  switch (outcome) {
    case "sent":
      return `A welcome email with a temporary password (valid for ${validFor}) was sent to ${email ?? "the contact's email address"}. The contact chooses their own password when they first sign in.`;
    case "suppressed":
      return "Too many password emails were sent to this username in the last hour, so no welcome email was sent. Use Reset Password later.";
    case "not_needed":
      return "The contact already has a password of their own, which works again.";
    default:
      return "";
  }
}

const contactsWord = (n: number) => (n === 1 ? "1 contact" : `${n} contacts`);

/** Remove retailer: what happens, and why it cannot happen yet. */
export const RETAILER_REMOVAL_COPY = {
  explain: "It disappears from your lists and search. Its history stays in Activity, and its account code can be given to another retailer.",
  hasContacts: (n: number) =>
    `This retailer still has ${contactsWord(n)}. Remove ${n === 1 ? "that contact" : "them"} first (Manage → Remove contact), then remove the retailer.`,
} as const;
