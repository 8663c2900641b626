import { expect, type Locator, type Page } from "@playwright/test";

/** `/admin/retailers`: search, the table, Add retailer. */
export class RetailersPage {
  readonly search: Locator;
  readonly table: Locator;
  readonly addLink: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByLabel("Retailer name or account code");
    this.table = page.getByRole("table");
    this.addLink = page.getByRole("link", { name: "Add retailer" });
  }

  async goto() {
    await this.page.goto("/admin/retailers");
    await expect(this.page.getByRole("heading", { level: 1, name: "Retailers" })).toBeVisible();
  }

  /** Add retailer, and wait for its form. */
  async openAdd() {
    await this.addLink.click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Add retailer" })).toBeVisible();
  }

  async searchFor(q: string) {
    await this.search.fill(q);
    await this.page.getByRole("button", { name: "Search retailers" }).click();
    await expect(this.page).toHaveURL((url) => url.pathname === "/admin/retailers" && url.searchParams.get("q") === q);
  }
}

/** `/admin/retailers/new` and the retailer page's Details: name and account code. */
export class RetailerForm {
  readonly name: Locator;
  readonly code: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel("Retailer name", { exact: true });
    this.code = page.getByLabel("Account code (optional)", { exact: true });
  }

  async fill(name: string, code = "") {
    await this.name.fill(name);
    await this.code.fill(code);
  }
}

/** `/admin/retailers/<id>/contacts/new`. */
export class AddContactPage {
  readonly name: Locator;
  readonly username: Locator;
  readonly email: Locator;
  readonly websiteAccess: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel("Name", { exact: true });
    this.username = page.getByLabel("Username", { exact: true });
    this.email = page.getByLabel("Email", { exact: true });
    this.websiteAccess = page.getByRole("checkbox", { name: "Website access" });
    this.submit = page.getByRole("button", { name: "Add contact" });
  }

  async add(contact: { name: string; username: string; email: string; websiteAccess: boolean }) {
    await this.name.fill(contact.name);
    await this.username.fill(contact.username);
    await this.email.fill(contact.email);
    await this.websiteAccess.setChecked(contact.websiteAccess);
    await this.submit.click();
  }
}

/** The contact page's Edit details and Remove contact panels. */
export class ContactEditPanels {
  readonly edit: Locator;
  readonly removeDialog: Locator;

  constructor(readonly page: Page) {
    this.edit = page.getByRole("region", { name: "Edit details" });
    this.removeDialog = page.getByRole("dialog", { name: /^Remove .+\?$/ });
  }

  async changeEmail(email: string) {
    await this.edit.getByLabel("Email", { exact: true }).fill(email);
    await this.edit.getByRole("button", { name: "Save changes" }).click();
    await expect(this.edit.getByRole("status")).toContainText("storefront sessions have ended");
  }

  async remove() {
    await this.page.getByRole("button", { name: "Remove contact" }).click();
    await expect(this.removeDialog).toBeVisible();
    await this.removeDialog.getByRole("button", { name: "Remove contact" }).click();
  }
}

/** The retailer page's Remove retailer panel and its confirm dialog. */
export class RetailerRemovePanel {
  readonly panel: Locator;
  readonly button: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole("region", { name: "Remove retailer" });
    this.button = this.panel.getByRole("button", { name: "Remove retailer" });
    this.dialog = page.getByRole("dialog", { name: /^Remove .+\?$/ });
  }

  async open() {
    await this.button.click();
    await expect(this.dialog).toBeVisible();
  }

  async confirm() {
    await this.dialog.getByRole("button", { name: "Remove retailer" }).click();
  }
}
