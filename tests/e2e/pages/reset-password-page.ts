import { expect, type Locator, type Page } from "@playwright/test";

/** `/reset-password`: code, new password, confirmation (and username without the link). */
export class ResetPasswordPage {
  readonly username: Locator;
  readonly code: Locator;
  readonly newPassword: Locator;
  readonly confirmPassword: Locator;
  readonly save: Locator;
  readonly strength: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel("Username");
    this.code = page.getByLabel("6-digit code");
    this.newPassword = page.getByLabel("New password", { exact: true });
    this.confirmPassword = page.getByLabel("Confirm new password");
    this.save = page.getByRole("button", { name: /Save (New )?Password/ });
    this.strength = page.locator("#new-password-meter");
  }

  async fill(code: string, password: string, confirm = password) {
    await this.code.fill(code);
    await this.newPassword.fill(password);
    await this.confirmPassword.fill(confirm);
  }

  async submit(code: string, password: string) {
    await this.fill(code, password);
    await this.save.click();
  }

  async expectStrength(label: string) {
    await expect(this.strength).toContainText(label);
  }
}
