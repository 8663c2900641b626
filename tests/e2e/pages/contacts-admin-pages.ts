import { expect, type Locator, type Page } from "@playwright/test";

/** The console's `/admin/contacts`: search and the contacts table. */
export class ContactsAdminPage {
  readonly search: Locator;
  readonly searchButton: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByLabel("Retailer or contact name");
    this.searchButton = page.getByRole("button", { name: "Search contacts" });
    this.table = page.getByRole("table");
  }

  async goto() {
    await this.page.goto("/admin/contacts");
    await expect(this.page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  }

  async searchFor(q: string) {
    await this.search.fill(q);
    await this.searchButton.click();
    await expect(this.page).toHaveURL((url) => url.pathname === "/admin/contacts" && url.searchParams.get("q") === q);
  }

  /** Follows a row's "Manage" link to the contact's details. */
  async open(name: string) {
    await this.table.getByRole("link", { name: new RegExp(`^Manage ${name} `) }).click();
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(name);
  }
}

/** `/admin/contacts/<id>`: details, website access and Reset Password. */
export class ContactDetailsPage {
  readonly resetButton: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.resetButton = page.getByRole("button", { name: "Reset Password" });
    this.dialog = page.getByRole("dialog", { name: /^Reset .+'s password\?$/ });
  }

  /** Reset Password → the confirm dialog → OK. */
  async resetPassword(email: string) {
    await this.resetButton.click();
    await expect(this.dialog).toBeVisible();
    await expect(this.dialog).toContainText(email);
    await this.dialog.getByRole("button", { name: "Reset Password" }).click();
    await expect(this.page.getByText(`A temporary password was emailed to ${email}.`)).toBeVisible();
    await expect(this.dialog).toBeHidden();
  }
}
