/** What the console's Settings and Subscription pages' actions say. */

export const SETTINGS_COPY = {
  tickOrEmpty: "Tick the box or leave it empty.",
  usernameIncluded: "Saved. Contact password emails now include the username.",
  usernameLeftOut: "Saved. Contact password emails leave the username out.",
} as const;

export const LICENCE_COPY = {
  enterNumber: "Enter a number of licences.",
  wholeNumber: "Enter a whole number of licences.",
  atMost: (max: number) => `At most ${max.toLocaleString("en")} licences.`,
  belowUsage: (used: number) => `${used} users are active, so you need at least ${used} licences. Disable users first to go lower.`,
  saved: (licences: number) => `You now have ${licences} licences.`,
} as const;
