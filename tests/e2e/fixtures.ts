import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { LoginPage } from "./pages/login-page";

export { expect };

/** The demo accounts of lib/infra/demo-seed.ts (kept in step by the seed's integration test). */
export const DEMO_PASSWORD = "Gatehouse-Demo-2026!";
export const DEMO = {
  admin: "admin@demo.test",
  dual: "dual@demo.test",
  device: "device@demo.test",
  scanpack: "scanpack@demo.test",
  nonEmailDevice: "warehouse7",
  otherAdmin: "admin@other.test",
} as const;

export const test = base.extend<{ loginPage: LoginPage }>({
  loginPage: async ({ page }, use) => {
    await use(new LoginPage(page));
  },
});

/** Fails the test with the list of WCAG A/AA violations axe finds on the page. */
export async function expectAccessible(page: Page) {
  // After a server action React re-renders the head, and Next.js streams a dynamic page's
  // metadata after its body: axe run in that moment finds no <title> (seen once in CI). Wait for
  // the page to have one; a page that never gets it still fails here.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary).toEqual([]);
}

const screenshotDir = path.resolve(import.meta.dirname, "../../docs/screenshots");

/** Keeps the README's screenshots of the main screens current. */
export async function saveScreenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
