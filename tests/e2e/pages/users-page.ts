import { expect, type Locator, type Page } from "@playwright/test";

/** Users (`/admin/users`) and User Details (`/admin/users/[id]`). */
export class UsersPage {
  readonly search: Locator;
  readonly typeFilter: Locator;
  readonly table: Locator;
  readonly moreOptions: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByLabel("Search by name or username");
    this.typeFilter = page.getByLabel("User type");
    this.table = page.getByRole("table");
    this.moreOptions = page.getByRole("button", { name: "More options" });
  }

  async goto() {
    await this.page.goto("/admin/users");
    await expect(this.page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  }

  async find(text: string) {
    await this.search.fill(text);
    await expect(this.page).toHaveURL(new RegExp(`q=${encodeURIComponent(text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  }

  async openDetails(name: string) {
    await this.page.getByRole("link", { name: `Edit ${name}` }).click();
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  /** More options → item → confirm in the dialog. Uses the keyboard, as the menu must allow. */
  async runCommand(item: string, confirmButton: string) {
    await this.moreOptions.focus();
    await this.page.keyboard.press("Enter");
    const menu = this.page.getByRole("menu", { name: "More options" });
    await expect(menu).toBeVisible();
    await menu.getByRole("menuitem", { name: item }).focus();
    await this.page.keyboard.press("Enter");
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: confirmButton }).click();
    await expect(dialog).toBeHidden();
  }
}
