import { expect, type Locator, type Page } from "@playwright/test";

/** Settings → API keys: the create form, the one-time secret, the keys table and Revoke. */
export class ApiKeysPage {
  readonly name: Locator;
  readonly expiresOn: Locator;
  readonly create: Locator;
  readonly secret: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel("Name", { exact: true });
    this.expiresOn = page.getByLabel("Expires on (optional)");
    this.create = page.getByRole("button", { name: "Create key" });
    this.secret = page.getByRole("textbox", { name: /^Secret of / });
    this.table = page.getByRole("table", { name: "API keys, newest first" });
  }

  async goto() {
    await this.page.goto("/admin/settings/api-keys");
    await expect(this.page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  }

  async createKey(name: string, access: "Read only" | "Read and write") {
    await this.name.fill(name);
    await this.page.getByRole("radio", { name: new RegExp(`^${access}`) }).check();
    await this.create.click();
    await expect(this.secret).toBeVisible();
    return this.secret.inputValue();
  }

  row(name: string): Locator {
    return this.table.getByRole("row").filter({ hasText: name });
  }

  async revoke(name: string) {
    await this.row(name).getByRole("button", { name: `Revoke ${name}` }).click();
    const dialog = this.page.getByRole("dialog", { name: `Revoke ${name}?` });
    await dialog.getByRole("button", { name: "Revoke", exact: true }).click();
    await expect(this.page.getByText(`${name} is revoked.`)).toBeVisible();
  }
}
