import { expect, expectAccessible, DEMO_PASSWORD, saveScreenshot, test } from "./fixtures";
import { ContactDetailsPage, ContactsAdminPage } from "./pages/contacts-admin-pages";
import { ErrorSummaryBox } from "./pages/error-summary";
import { UsersPage } from "./pages/users-page";
import { ResetPasswordPage } from "./pages/reset-password-page";
import { StorefrontAccountPage, StorefrontForgotPasswordPage, StorefrontLoginPage } from "./pages/storefront-pages";
import { resetLinkAndCode, temporaryPasswordOf, waitForMail } from "./support/mailbox";

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

test.describe("focus lands where it should (issue 14, item 2)", () => {
  test("after signing in, the page's main heading has focus", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signInAndLand("focus-admin@e2e.test", DEMO_PASSWORD);
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeFocused();
  });

  test("the admin confirm dialogs open on Cancel and give focus back to what opened them", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signInAndLand("focus-admin@e2e.test", DEMO_PASSWORD);
    const users = new UsersPage(page);
    await users.goto();
    await users.find("focus-target");
    await users.openDetails("Fran Target");

    // More options → Reset Password: the menu item is gone once the dialog is open.
    const openReset = async () => {
      await users.moreOptions.click();
      await page.getByRole("menuitem", { name: "Reset Password" }).click();
      const dialog = page.getByRole("dialog", { name: "Reset Fran Target's password?" });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
      return dialog;
    };
    let dialog = await openReset();
    await expectAccessible(page);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(users.moreOptions).toBeFocused();

    dialog = await openReset();
    await dialog.getByRole("button", { name: "Reset Password" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("main").getByRole("status")).toContainText("focus-target@e2e.test");
    await expect(users.moreOptions).toBeFocused();

    // A contact's Reset Password and website access.
    const contacts = new ContactsAdminPage(page);
    await contacts.goto();
    await contacts.searchFor("Fay Focus");
    await contacts.open("Fay Focus");
    const details = new ContactDetailsPage(page);
    await details.resetButton.click();
    await expect(details.dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await details.dialog.getByRole("button", { name: "Reset Password" }).click();
    await expect(details.dialog).toBeHidden();
    await expect(page.getByText("A temporary password was emailed to fay@e2e-retail.test.")).toBeVisible();
    await expect(details.resetButton).toBeFocused();

    await page.getByRole("button", { name: "Turn website access off" }).click();
    await expect(page.getByRole("button", { name: "Turn website access on" })).toBeFocused();
    await page.getByRole("button", { name: "Turn website access on" }).click();
    await expect(page.getByRole("button", { name: "Turn website access off" })).toBeFocused();
  });

  test("the login page's reset dialog also opens on Cancel and returns focus", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.username.fill("focus-target@e2e.test");
    await loginPage.resetLink.click();
    await expect(loginPage.resetDialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(loginPage.resetDialog).toBeHidden();
    await expect(loginPage.resetLink).toBeFocused();
  });
});

test.describe("the storefront has no dead ends (issue 14, item 4)", () => {
  test("a signed-in buyer changes their password on the account page; the other browser is signed out", async ({ browser, page, request }) => {
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    const otherLogin = new StorefrontLoginPage(otherPage, "e2e");
    await otherLogin.goto();
    await otherLogin.signIn("e2e-account-buyer", DEMO_PASSWORD);
    await expect(otherPage).toHaveURL("/store/e2e");

    await page.setViewportSize(PHONE);
    const login = new StorefrontLoginPage(page, "e2e");
    await login.goto();
    await expect(page).toHaveTitle("Storefront sign in · E2E Wholesale");
    await login.signIn("e2e-account-buyer", DEMO_PASSWORD);
    await expect(page).toHaveURL("/store/e2e");
    await page.getByRole("link", { name: "Change your password" }).click();
    const account = new StorefrontAccountPage(page, "e2e");
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expect(page).toHaveTitle("Your account · E2E Wholesale");
    await expect(account.username).toHaveValue("e2e-account-buyer");
    await expectAccessible(page);
    await saveScreenshot(page, "storefront-account-phone");

    // A wrong existing password keeps the new ones and focuses the summary.
    await account.change("not-my-password", NEW_PASSWORD);
    await new ErrorSummaryBox(page).expectFocusedWith("That is not your existing password.");
    await expect(account.newPassword).toHaveValue(NEW_PASSWORD);
    await expect(account.confirmPassword).toHaveValue(NEW_PASSWORD);

    const since = new Date();
    await account.currentPassword.fill(DEMO_PASSWORD);
    await account.update.click();
    await expect(page).toHaveURL("/store/e2e/account?changed=1");
    await expect(page.getByRole("main").getByRole("status")).toContainText("Your password has been updated.");
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeFocused();
    const mail = await waitForMail(request, "ava@e2e-retail.test", /E2E Wholesale storefront password was changed/, since);
    expect(mail.text).toContain("E2E Wholesale");

    // This browser stays signed in; the other one is signed out.
    await page.goto("/store/e2e");
    await expect(page).toHaveURL("/store/e2e");
    await otherPage.goto("/store/e2e");
    await expect(otherPage).toHaveURL("/store/e2e/login");
    await otherLogin.expectRefused("e2e-account-buyer", DEMO_PASSWORD, "The username or password is incorrect.");
    await otherLogin.signIn("e2e-account-buyer", NEW_PASSWORD);
    await expect(otherPage).toHaveURL("/store/e2e");
    await other.close();
  });

  test("\"Not now?\" on the forced change says how to get back in, and that way works", async ({ page, request }) => {
    const forgot = new StorefrontForgotPasswordPage(page);
    let since = new Date();
    await page.goto("/store/e2e/forgot-password");
    await forgot.request("e2e-notnow-buyer");
    const temporary = temporaryPasswordOf(await waitForMail(request, "nia@e2e-retail.test", /temporary password/, since));

    const login = new StorefrontLoginPage(page, "e2e");
    await login.goto();
    await login.signIn("e2e-notnow-buyer", temporary);
    await expect(page).toHaveURL("/store/e2e/change-password");
    await expect(page).toHaveTitle("Choose a new password · E2E Wholesale");
    await expect(page.getByRole("main")).toContainText("choose Forgot Your Password on the sign-in page and we will email you a new one");
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL("/store/e2e/login?signedOut=1");

    since = new Date();
    await login.forgotLink.click();
    await expect(page).toHaveURL("/store/e2e/forgot-password");
    await page.waitForLoadState("networkidle");
    await forgot.request("e2e-notnow-buyer");
    const second = temporaryPasswordOf(await waitForMail(request, "nia@e2e-retail.test", /temporary password/, since));
    await login.goto();
    await login.signIn("e2e-notnow-buyer", second);
    await expect(page).toHaveURL("/store/e2e/change-password");
  });
});

test.describe("feedback after each step (issue 14, item 7)", () => {
  test("Forgot Password moves to a \"check your email\" step, with Send again after a pause", async ({ page, request }) => {
    await page.setViewportSize(PHONE);
    await page.goto("/forgot-password");
    await page.waitForLoadState("networkidle");
    const since = new Date();
    await page.getByLabel("Email").fill("focus-target@e2e.test");
    await page.getByRole("button", { name: "Send me reset password instructions" }).click();
    const heading = page.getByRole("heading", { name: "Check your email" });
    await expect(heading).toBeFocused();
    await expect(page.getByLabel("Email")).toHaveCount(0);
    await expect(page.getByRole("main").getByRole("status")).toContainText("focus-target@e2e.test");
    const again = page.getByRole("button", { name: "Send again" });
    await expect(again).toBeDisabled();
    await expect(again).toHaveAccessibleDescription(/You can send again in \d+ s\./);
    await expect(page.getByRole("link", { name: "Enter the code" })).toHaveAttribute("href", "/reset-password");
    await expectAccessible(page);
    await saveScreenshot(page, "forgot-password-check-email-phone");
    await waitForMail(request, "focus-target@e2e.test", /Reset your Gatehouse password/, since);

    // A different address brings the form back, with the one sent still typed.
    await page.getByRole("button", { name: "Use a different email address" }).click();
    await expect(page.getByLabel("Email")).toHaveValue("focus-target@e2e.test");
  });

  test("User Details shows a pending reset and until when, says when activity is empty, and is titled by name", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signInAndLand("focus-admin@e2e.test", DEMO_PASSWORD);
    const users = new UsersPage(page);
    await users.goto();
    await users.find("keep-profile");
    await users.openDetails("Kai Keep");
    await expect(page).toHaveTitle("Kai Keep · User Details · Gatehouse");
    await expect(page.getByTestId("pending-reset")).toHaveText("None pending");

    await users.runCommand("Reset Password", "Reset Password");
    await expect(page.getByTestId("pending-reset")).toHaveText(/^Password reset emailed .+, usable until .+/);
    await expectAccessible(page);
  });

  test("a user with no activity sees a sentence, not an empty table", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signInAndLand("focus-admin@e2e.test", DEMO_PASSWORD);
    const users = new UsersPage(page);
    await users.goto();
    await users.find("quiet-device");
    await users.openDetails("Quinn Quiet");
    await expect(page.getByText("No activity recorded for this user yet.")).toBeVisible();
    await expect(page.getByRole("table", { name: "Recent activity of this user" })).toHaveCount(0);
  });

  test("the console's 403 page offers Sign out", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signInAndLand("keep-profile@e2e.test", DEMO_PASSWORD);
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1/);
  });
});

test.describe("admin lists on a phone (issue 14, item 5)", () => {
  /** The page scrolls only up and down: nothing is wider than the viewport. */
  async function expectNoSidewaysScroll(page: import("@playwright/test").Page) {
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    const table = page.getByRole("table").first();
    const overflow = await table.evaluate((t) => ({ scroll: t.parentElement!.scrollWidth, client: t.parentElement!.clientWidth }));
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
  }

  test("Users and Contacts at 390 px: rows are cards, names are links, the row's action is on screen", async ({ page, loginPage }) => {
    await page.setViewportSize(PHONE);
    await loginPage.goto();
    await loginPage.signInAndLand("focus-admin@e2e.test", DEMO_PASSWORD);
    const users = new UsersPage(page);
    await users.goto();
    await users.find("e2e.test");
    await expectNoSidewaysScroll(page);
    const edit = page.getByRole("link", { name: "Edit Kim Keep" });
    // Within the width of the phone: reached by scrolling down, never sideways.
    const box = (await edit.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    // Item 6: the header names the user type once, without nested brackets.
    await expect(page.getByRole("banner")).not.toContainText("((");
    await expectAccessible(page);
    await saveScreenshot(page, "users-phone");
    await page.getByRole("link", { name: "Kim Keep", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Kim Keep" })).toBeVisible();

    const contacts = new ContactsAdminPage(page);
    await contacts.goto();
    await contacts.searchFor("E2E Retail");
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await saveScreenshot(page, "contacts-phone");
    await page.getByRole("link", { name: "Ava Account", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Ava Account" })).toBeVisible();
    await expect(page).toHaveTitle("Ava Account · Contact details · Gatehouse");
  });

  test("on a desktop the Users list stays a table with linked names", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signInAndLand("focus-admin@e2e.test", DEMO_PASSWORD);
    const users = new UsersPage(page);
    await users.goto();
    await users.find("keep-admin");
    await expect(page.getByRole("columnheader", { name: "Username" })).toBeVisible();
    await expect(users.table.getByRole("link", { name: "Kim Keep", exact: true })).toBeVisible();
  });
});

test("each Users row has Reset Password at its right, with the same confirm step as User Details (issue 14, item 8)", async ({ page, loginPage, request }) => {
  await page.setViewportSize(PHONE);
  await loginPage.goto();
  await loginPage.signInAndLand("focus-admin@e2e.test", DEMO_PASSWORD);
  const users = new UsersPage(page);
  await users.goto();
  await users.find("row-reset");
  const reset = users.table.getByRole("button", { name: "Reset Password for Rory Row" });
  const box = (await reset.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  await reset.click();
  const dialog = page.getByRole("dialog", { name: "Reset Rory Row's password?" });
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expect(dialog).toContainText("row-reset@e2e.test");
  await expectAccessible(page);
  const since = new Date();
  await dialog.getByRole("button", { name: "Reset Password" }).click();
  await expect(dialog).toBeHidden();
  await expect(users.table.getByRole("status")).toContainText("was sent to row-reset@e2e.test");
  await expect(reset).toBeFocused();
  await waitForMail(request, "row-reset@e2e.test", /Reset your Gatehouse password/, since);
});

test("the staff header reads \"Name · Device (mobile sales)\" (issue 14, item 6)", async ({ page, loginPage }) => {
  await loginPage.goto();
  await loginPage.signInAndLand("keep-profile@e2e.test", DEMO_PASSWORD);
  await expect(page.getByRole("banner")).toContainText("Kai Keep · Device (mobile sales)");
});
