import { expect, type Locator, type Page } from "@playwright/test";

/** The staff header's menu: the signed-in name with an arrow, holding Profile Settings and Sign out. */
export class AccountMenu {
  readonly button: Locator;
  readonly menu: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByRole("navigation", { name: "Account" }).getByRole("button");
    this.menu = page.getByRole("navigation", { name: "Account" }).getByRole("menu");
  }

  async open() {
    await this.button.click();
    await expect(this.menu).toBeVisible();
  }

  async openProfileSettings() {
    await this.open();
    await this.menu.getByRole("menuitem", { name: "Profile Settings" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Profile Settings" })).toBeVisible();
  }

  async signOut() {
    await this.open();
    await this.menu.getByRole("menuitem", { name: "Sign out" }).click();
  }
}
