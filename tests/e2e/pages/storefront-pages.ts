import { expect, type Locator, type Page } from "@playwright/test";

/** `/store/<slug>/login`: a contact's sign-in on their organization's storefront. */
export class StorefrontLoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly alert: Locator;
  readonly status: Locator;
  readonly forgotLink: Locator;

  constructor(
    readonly page: Page,
    readonly slug = "demo",
  ) {
    this.username = page.getByLabel("Username");
    this.password = page.getByLabel("Password", { exact: true });
    this.submit = page.getByRole("button", { name: "Sign in" });
    this.alert = page.getByRole("main").getByRole("alert");
    this.status = page.getByRole("main").getByRole("status");
    this.forgotLink = page.getByRole("link", { name: "Forgot Your Password?" });
  }

  async goto(query = "") {
    await this.page.goto(`/store/${this.slug}/login${query}`);
    await expect(this.username).toBeVisible();
  }

  async signIn(username: string, password: string) {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** Signs in, expects `message`, and waits for the form to be ready for the next try. */
  async expectRefused(username: string, password: string, message: string) {
    await this.signIn(username, password);
    // The form empties the password once the answer is in (an earlier alert may still be showing).
    await expect(this.password).toHaveValue("");
    await expect(this.alert).toHaveText(message);
  }
}

/** `/store/<slug>/forgot-password`: username in, the same answer out. */
export class StorefrontForgotPasswordPage {
  readonly username: Locator;
  readonly submit: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel("Username");
    this.submit = page.getByRole("button", { name: "Email me a temporary password" });
    this.status = page.getByRole("main").getByRole("status");
  }

  /** Asks for a temporary password and returns the answer shown. */
  async request(username: string): Promise<string> {
    await this.username.fill(username);
    await this.submit.click();
    await expect(this.status).toContainText(`If ${username} is a username on this storefront`);
    return (await this.status.textContent()) ?? "";
  }
}

/** `/store/<slug>/change-password`: the forced change after a temporary-password sign-in. */
export class StorefrontChangePasswordPage {
  readonly newPassword: Locator;
  readonly confirmPassword: Locator;
  readonly save: Locator;

  constructor(readonly page: Page) {
    this.newPassword = page.getByLabel("New password", { exact: true });
    this.confirmPassword = page.getByLabel("Confirm new password");
    this.save = page.getByRole("button", { name: "Save New Password" });
  }

  async submit(password: string, confirm = password) {
    await this.newPassword.fill(password);
    await this.confirmPassword.fill(confirm);
    await this.save.click();
  }
}

/** `/store/<slug>/account`: a signed-in contact changes their own password. */
export class StorefrontAccountPage {
  readonly username: Locator;
  readonly currentPassword: Locator;
  readonly newPassword: Locator;
  readonly confirmPassword: Locator;
  readonly update: Locator;

  constructor(
    readonly page: Page,
    readonly slug = "demo",
  ) {
    this.username = page.getByRole("textbox", { name: "Username" });
    this.currentPassword = page.getByLabel("Existing password");
    this.newPassword = page.getByLabel("New password", { exact: true });
    this.confirmPassword = page.getByLabel("Confirm new password");
    this.update = page.getByRole("button", { name: "Update" });
  }

  async goto() {
    await this.page.goto(`/store/${this.slug}/account`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    await this.page.waitForLoadState("networkidle");
  }

  async change(current: string, next: string, confirm = next) {
    await this.currentPassword.fill(current);
    await this.newPassword.fill(next);
    await this.confirmPassword.fill(confirm);
    await this.update.click();
  }
}
