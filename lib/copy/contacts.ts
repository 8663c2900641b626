/** What the console's Contacts pages and their actions say (lib/contacts answers with statuses). */

export const CONTACT_COPY = {
  notFound: "That contact was not found.",
  chooseOnOff: "Choose on or off.",
  /** `validFor` is a duration such as "24 hours". */
  temporarySent: (email: string, validFor: string) =>
    `A temporary password was emailed to ${email}. It is valid for ${validFor}; the previous password no longer works.`,
  noWebsiteAccess: "This contact has no website access. Turn it on before resetting the password.",
  temporarySuppressed: (perHour: number, minutes: number) =>
    `${perHour} temporary passwords were already emailed to this contact in the last hour. Try again in ${minutes} minutes.`,
  websiteAccessOn: "Website access is on: this contact can sign in to the storefront.",
  websiteAccessOff: "Website access is off: this contact can no longer sign in, and their storefront sessions have ended.",
} as const;
