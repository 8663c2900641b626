import { expect, type Locator, type Page } from "@playwright/test";

/** The "sessions" panel of Profile Settings, User Details, a contact's page and the storefront home. */
export class SessionsPanel {
  readonly region: Locator;
  readonly list: Locator;
  readonly status: Locator;
  readonly signOutOthers: Locator;

  constructor(
    readonly page: Page,
    title: string,
  ) {
    this.region = page.getByRole("region", { name: title });
    this.list = this.region.getByRole("list");
    this.status = this.region.getByRole("status");
    this.signOutOthers = this.region.getByRole("button", { name: "Sign out other sessions" });
  }

  rows(): Locator {
    return this.list.getByRole("listitem");
  }

  /** The row of this browser ("This browser" badge). */
  current(): Locator {
    return this.rows().filter({ hasText: "This browser" });
  }

  /** Signs out the first listed session other than this browser and waits for the answer. */
  async signOutFirstOther() {
    const row = this.rows().filter({ hasNotText: "This browser" }).first();
    await row.getByRole("button", { name: /^Sign out/ }).click();
    await expect(this.status).toHaveText("That session is signed out.");
  }
}
