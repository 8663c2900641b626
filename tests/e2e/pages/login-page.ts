import { expect, type Locator, type Page } from "@playwright/test";

/** The console sign-in page, `/login`. */
export class LoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly alert: Locator;
  readonly status: Locator;
  readonly resetLink: Locator;
  readonly resetDialog: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel("Username");
    this.password = page.getByLabel("Password", { exact: true });
    this.submit = page.getByRole("button", { name: "Sign in" });
    // The form's alert, not Next.js's (empty) route announcer.
    this.alert = page.getByRole("main").getByRole("alert");
    this.status = page.getByRole("main").getByRole("status");
    this.resetLink = page.getByRole("button", { name: "Reset Password" });
    this.resetDialog = page.getByRole("dialog", { name: "Reset your password" });
  }

  async goto(query = "") {
    await this.page.goto(`/login${query}`);
    // Interact only once the page is hydrated (its scripts have loaded and run).
    await this.page.waitForLoadState("networkidle");
    await expect(this.username).toBeVisible();
  }

  async signIn(username: string, password: string) {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** Types a username, opens "Reset Password" and confirms the dialog with OK. */
  async requestReset(username: string) {
    await this.username.fill(username);
    await this.resetLink.click();
    await expect(this.resetDialog).toBeVisible();
    await expect(this.resetDialog).toContainText(username);
    await this.resetDialog.getByRole("button", { name: "OK" }).click();
    await expect(this.status).toContainText(`We've emailed a link and a 6-digit code to ${username}`);
  }

  /** Signs in and waits until the browser has left the login page. */
  async signInAndLand(username: string, password: string) {
    await this.signIn(username, password);
    await this.page.waitForURL((url) => url.pathname !== "/login");
  }
}
