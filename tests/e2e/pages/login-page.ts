import { expect, type Locator, type Page } from "@playwright/test";

/** The console sign-in page, `/login`. */
export class LoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel("Username");
    this.password = page.getByLabel("Password", { exact: true });
    this.submit = page.getByRole("button", { name: "Sign in" });
    // The form's alert, not Next.js's (empty) route announcer.
    this.alert = page.getByRole("main").getByRole("alert");
  }

  async goto(query = "") {
    await this.page.goto(`/login${query}`);
    await expect(this.username).toBeVisible();
  }

  async signIn(username: string, password: string) {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** Signs in and waits until the browser has left the login page. */
  async signInAndLand(username: string, password: string) {
    await this.signIn(username, password);
    await this.page.waitForURL((url) => url.pathname !== "/login");
  }
}
