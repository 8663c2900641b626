import { expect, type Locator, type Page } from "@playwright/test";

/** GOV.UK's error summary, which takes focus after a failed submit. */
export class ErrorSummaryBox {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("error-summary");
  }

  /** The summary is shown, has focus, and lists `error` as a link to its field. */
  async expectFocusedWith(error: string | RegExp) {
    await expect(this.root).toBeVisible();
    await expect(this.root).toBeFocused();
    await expect(this.root).toContainText(error);
  }

  /** Following an error's link puts focus in the field it names. */
  async follow(error: string, field: Locator) {
    await this.root.getByRole("link", { name: error }).click();
    await expect(field).toBeFocused();
  }
}
