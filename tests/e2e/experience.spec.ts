import { expect, expectAccessible, DEMO_PASSWORD, saveScreenshot, test } from "./fixtures";
import { ErrorSummaryBox } from "./pages/error-summary";
import { ResetPasswordPage } from "./pages/reset-password-page";
import { resetLinkAndCode, waitForMail } from "./support/mailbox";

const NEW_PASSWORD = "Copper-Meadow-Lantern-58!";
const PHONE = { width: 390, height: 844 };

/** Counts the form posts (server-action calls) a page makes. */
function countPosts(page: import("@playwright/test").Page) {
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });
  return posts;
}

test.describe("forms keep what was typed (issue 14, item 1)", () => {
  test("a wrong code keeps the code and both passwords, and the meter still describes them", async ({ page, loginPage, request }) => {
    const username = "keep-admin@e2e.test";
    const since = new Date();
    await loginPage.goto();
    await loginPage.requestReset(username);
    const { path, code } = resetLinkAndCode(await waitForMail(request, username, /Reset your Gatehouse password/, since));
    const wrong = code === "000000" ? "111111" : "000000";

    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const reset = new ResetPasswordPage(page);
    await reset.fill(wrong, NEW_PASSWORD);
    await reset.expectStrength("Excellent");
    await reset.save.click();

    const summary = new ErrorSummaryBox(page);
    await summary.expectFocusedWith(/code/i);
    await expect(reset.code).toHaveValue(wrong);
    await expect(reset.newPassword).toHaveValue(NEW_PASSWORD);
    await expect(reset.confirmPassword).toHaveValue(NEW_PASSWORD);
    await reset.expectStrength("Excellent");
    await expectAccessible(page);

    // The right code then works, with nothing typed again but the code.
    await reset.code.fill(code);
    await reset.save.click();
    await expect(page).toHaveURL(/\/login\?done=reset/);
    // Item 3: the sign-in form is prefilled with the account just reset, focus on the password.
    await expect(loginPage.username).toHaveValue(username);
    await expect(loginPage.password).toBeFocused();
    await loginPage.password.fill(NEW_PASSWORD);
    await loginPage.submit.click();
    await expect(page).toHaveURL("/admin");
  });

  for (const [label, viewport] of [
    ["desktop", undefined],
    ["phone", PHONE],
  ] as const) {
    test(`two different new passwords are caught before submitting (${label})`, async ({ page }) => {
      if (viewport) await page.setViewportSize(viewport);
      await page.goto("/reset-password");
      await page.waitForLoadState("networkidle");
      const posts = countPosts(page);
      const reset = new ResetPasswordPage(page);
      await reset.username.fill("meter-admin@e2e.test");
      await reset.fill("123456", NEW_PASSWORD, `${NEW_PASSWORD}x`);
      await reset.save.click();

      const summary = new ErrorSummaryBox(page);
      await summary.expectFocusedWith("The two new passwords do not match.");
      await expect(reset.confirmPassword).toHaveAccessibleDescription("The two new passwords do not match.");
      expect(posts).toEqual([]);
      await expect(reset.newPassword).toHaveValue(NEW_PASSWORD);
      await summary.follow("The two new passwords do not match.", reset.confirmPassword);
      await expectAccessible(page);
      if (viewport) await saveScreenshot(page, "reset-password-phone-error");
    });
  }

  test("an unmet rule is named before submitting, from the same rules the meter shows", async ({ page }) => {
    await page.goto("/reset-password");
    await page.waitForLoadState("networkidle");
    const posts = countPosts(page);
    const reset = new ResetPasswordPage(page);
    await reset.username.fill("meter-admin@e2e.test");
    await reset.fill("123456", "lantern-meadow");
    await reset.save.click();
    await new ErrorSummaryBox(page).expectFocusedWith("The password needs an upper-case letter.");
    await expect(reset.newPassword).toHaveAccessibleDescription(/The password needs an upper-case letter\./);
    expect(posts).toEqual([]);
  });

  test("Profile Settings keeps the new passwords after a wrong existing password", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signInAndLand("keep-profile@e2e.test", DEMO_PASSWORD);
    await page.goto("/profile");
    await page.waitForLoadState("networkidle");
    // Item 3: a visible, read-only username field, not type=hidden.
    const username = page.getByRole("textbox", { name: "Username" });
    await expect(username).toHaveValue("keep-profile@e2e.test");
    await expect(username).toHaveAttribute("readonly", "");
    await expect(page.locator('input[type="hidden"][autocomplete="username"]')).toHaveCount(0);

    await page.getByLabel("Existing password").fill("not-my-password");
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Update" }).click();
    await new ErrorSummaryBox(page).expectFocusedWith("That is not your existing password.");
    await expect(page.getByLabel("New password", { exact: true })).toHaveValue(NEW_PASSWORD);
    await expect(page.getByLabel("Confirm new password")).toHaveValue(NEW_PASSWORD);
    await expect(page.locator("#new-password-meter")).toContainText("Excellent");
    await expectAccessible(page);
  });
});
