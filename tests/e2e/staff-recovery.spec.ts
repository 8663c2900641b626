import { DEMO, DEMO_PASSWORD, expect, expectAccessible, saveScreenshot, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { ResetPasswordPage } from "./pages/reset-password-page";
import { mailCount, resetLinkAndCode, waitForMail } from "./support/mailbox";

const NEW_PASSWORD = "Copper-Meadow-Lantern-58!";

test.describe("console password recovery", () => {
  for (const [label, username, appsNote] of [
    ["admin", "recover-admin@e2e.test", null],
    ["device", "recover-device@e2e.test", "Your new password now works in the Inzant Sales Plus and Inzant Tradeshow apps"],
    ["ScanPack", "recover-scanpack@e2e.test", "Your new password now works in the Inzant ScanPack app"],
  ] as const) {
    test(`the ${label} user resets a forgotten password from the login page`, async ({ page, loginPage, request }) => {
      const since = new Date();
      await loginPage.goto();
      await expect(loginPage.resetLink).toBeHidden();
      await loginPage.requestReset(username);

      const mail = await waitForMail(request, username, /Reset your Gatehouse password/, since);
      expect(mail.text).toContain("10 minutes");
      if (label === "admin") {
        // Never to the "email to" address.
        expect(await mailCount(request, "rita.other@e2e.test")).toBe(0);
        await saveScreenshot(page, "login-reset-requested");
      }
      const { path, code } = resetLinkAndCode(mail);

      await page.goto(path);
      await page.waitForLoadState("networkidle");
      // The token leaves the address bar at once.
      await expect(page).toHaveURL("/reset-password");
      const reset = new ResetPasswordPage(page);
      // A read-only username field, so a password manager files the new password under it.
      await expect(reset.username).toHaveValue(username);
      await expect(reset.username).toHaveAttribute("autocomplete", "username");
      if (label === "admin") {
        await expectAccessible(page);
        await saveScreenshot(page, "reset-password");
      }
      await reset.submit(code, NEW_PASSWORD);

      await expect(page).toHaveURL(/\/login\?done=reset/);
      await expect(loginPage.status).toContainText("Your password has been changed.");
      if (appsNote) await expect(loginPage.status).toContainText(appsNote);
      else await expect(loginPage.status).not.toContainText("apps");

      await waitForMail(request, username, /password was changed/, since);
      await loginPage.signIn(username, DEMO_PASSWORD);
      await expect(loginPage.alert).toHaveText("The username or password is incorrect.");
      await loginPage.signInAndLand(username, NEW_PASSWORD);
      await expect(page).toHaveURL(label === "admin" ? "/admin" : "/profile");
    });
  }

  test("a username that is not an email address is told to ask an admin", async ({ loginPage }) => {
    await loginPage.goto();
    await loginPage.username.fill(DEMO.nonEmailDevice);
    await loginPage.username.blur();
    await expect(loginPage.page.getByText("Your username is not an email address")).toBeVisible();
    await expect(loginPage.page.getByText("Ask your admin to change your username")).toBeVisible();
    await expect(loginPage.resetLink).toBeHidden();
    // An unknown username offers nothing.
    await loginPage.username.fill("nobody-here@demo.test");
    await loginPage.username.blur();
    await expect(loginPage.page.getByText("Your username is not an email address")).toBeHidden();
    await expect(loginPage.resetLink).toBeHidden();
  });

  test("Cancel closes the dialog and sends nothing", async ({ loginPage, request }) => {
    // An account of its own, so every message to it is this test's.
    const account = "cancel-dual@e2e.test";
    const since = new Date();
    expect(await mailCount(request, account)).toBe(0);
    await loginPage.goto();
    await loginPage.username.fill(account);
    await loginPage.resetLink.click();
    await expect(loginPage.resetDialog).toBeVisible();
    await loginPage.resetDialog.getByRole("button", { name: "Cancel" }).click();
    await expect(loginPage.resetDialog).toBeHidden();
    // A reset asked for afterwards, through the apps' API, is the signal that mail has gone
    // out: once it has arrived, anything the dialog had sent would have arrived before it.
    expect((await request.post("/api/app/password-reset", { data: { username: account } })).status()).toBe(202);
    await waitForMail(request, account, /Reset your Gatehouse password/, since);
    expect(await mailCount(request, account)).toBe(1);
  });

  test("the apps' deep link fills the username and offers the reset at once", async ({ page, loginPage, request }) => {
    const username = "deeplink-device@e2e.test";
    const since = new Date();
    await page.goto(`/login?username=${encodeURIComponent(username)}&reset=1`);
    await expect(loginPage.username).toHaveValue(username);
    await expect(loginPage.resetDialog).toBeVisible();
    await expectAccessible(page);
    await loginPage.resetDialog.getByRole("button", { name: "OK" }).click();
    await expect(loginPage.status).toContainText("We've emailed a link");
    await waitForMail(request, username, /Reset your Gatehouse password/, since);
  });

  test("a username typed before the page's scripts have run is still checked, and Reset Password is offered", async ({ page }) => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // A slow phone: the HTML is there and typed into before React has hydrated the form.
    await page.route("**/_next/static/**/*.js", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto("/login", { waitUntil: "domcontentloaded" });
    const login = new LoginPage(page);
    await login.username.fill("recover-admin@e2e.test");
    await expect(login.resetLink).toBeHidden();
    release();
    await expect(login.resetLink).toBeVisible();
  });

  test("a reset completes on another device with username and code, without the link", async ({ browser, loginPage, request }) => {
    const username = "nolink-dual@e2e.test";
    const since = new Date();
    await loginPage.goto();
    await loginPage.requestReset(username);
    const { code } = resetLinkAndCode(await waitForMail(request, username, /Reset your Gatehouse password/, since));

    const other = await browser.newContext();
    const page = await other.newPage();
    await page.goto("/reset-password");
    await page.waitForLoadState("networkidle");
    const reset = new ResetPasswordPage(page);
    await reset.username.fill(username);
    await reset.submit(code === "000000" ? "000001" : "000000", NEW_PASSWORD);
    // Without the link a wrong code reads like an unknown username: the page tells no stranger who has a reset.
    await expect(reset.code).toHaveAccessibleDescription(/That code is not right for this username/);
    await reset.fill(code, NEW_PASSWORD);
    await reset.save.click();
    await expect(page).toHaveURL(/\/login\?done=reset&type=dual/);
    await other.close();
  });

  test("Forgot Password answers the same for a known and an unknown address", async ({ page, request }) => {
    const since = new Date();
    const messages: string[] = [];
    for (const email of [DEMO.scanpack, "no-such-person@demo.test"]) {
      await page.goto("/login");
      await page.getByRole("link", { name: "Forgot password?" }).click();
      await expect(page).toHaveURL("/forgot-password");
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: "Send me reset password instructions" }).click();
      const status = page.getByRole("main").getByRole("status");
      await expect(status).toContainText("If");
      messages.push((await status.textContent())!.replace(email, "ADDRESS"));
    }
    expect(messages[0]).toBe(messages[1]);
    await expectAccessible(page);
    await saveScreenshot(page, "forgot-password");
    await waitForMail(request, DEMO.scanpack, /Reset your Gatehouse password/, since);
    expect(await mailCount(request, "no-such-person@demo.test")).toBe(0);
  });

  test("without JavaScript, Forgot Password, the emailed link and code, and sign-in all work", async ({ browser, request }) => {
    const username = "nojs-device@e2e.test";
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const since = new Date();
      await page.goto("/forgot-password");
      await page.getByLabel("Email").fill(username);
      await page.getByRole("button", { name: "Send me reset password instructions" }).click();
      await expect(page.getByRole("main").getByRole("status")).toContainText(username);

      const { path, code } = resetLinkAndCode(await waitForMail(request, username, /Reset your Gatehouse password/, since));
      await page.goto(path);
      await new ResetPasswordPage(page).submit(code, NEW_PASSWORD);
      await expect(page).toHaveURL(/\/login\?done=reset&type=device/);

      const login = new LoginPage(page);
      await login.signIn(username, NEW_PASSWORD);
      await expect(page).toHaveURL("/profile");
    } finally {
      await context.close();
    }
  });

  test("the strength meter labels what is typed and lists unmet rules", async ({ page }) => {
    await page.goto("/reset-password");
    await page.waitForLoadState("networkidle");
    const reset = new ResetPasswordPage(page);
    await reset.username.fill("meter-admin@e2e.test");
    for (const [password, label] of [
      ["abc", "Too Weak"],
      ["Password1!", "Poor"],
      ["Lantern-42!x", "Strong"],
      ["Copper-Meadow-Lantern-58!", "Excellent"],
    ] as const) {
      await reset.newPassword.fill(password);
      await reset.expectStrength(label);
    }
    await reset.newPassword.fill("abc");
    const rules = page.getByRole("list", { name: "Password rules" });
    await expect(rules.getByText("At least 8 characters (not met)")).toBeAttached();
    await expect(rules.getByText("An upper-case letter (not met)")).toBeAttached();
    await expect(rules.getByText("A lower-case letter (met)")).toBeAttached();
    await expectAccessible(page);
  });

  test("Profile Settings changes the password and signs out the other browser", async ({ browser, page, loginPage }) => {
    const username = "profile-dual@e2e.test";
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto("/login");
    await otherPage.getByLabel("Username").fill(username);
    await otherPage.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await otherPage.getByRole("button", { name: "Sign in" }).click();
    await expect(otherPage).toHaveURL("/admin");

    await loginPage.goto();
    await loginPage.signInAndLand(username, DEMO_PASSWORD);
    await page.goto("/profile");
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Existing password").fill("not-my-password");
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Update" }).click();
    await expect(page.getByLabel("Existing password")).toHaveAccessibleDescription("That is not your existing password.");

    await page.getByLabel("Existing password").fill(DEMO_PASSWORD);
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Update" }).click();
    await expect(page).toHaveURL("/profile?updated=1");
    await expect(page.getByRole("main").getByRole("status")).toContainText("Your password has been updated.");
    await expectAccessible(page);

    // This browser stays signed in; the other one is signed out on its next request.
    await page.goto("/admin");
    await expect(page).toHaveURL("/admin");
    await otherPage.goto("/admin");
    await expect(otherPage).toHaveURL(/\/login/);
    await other.close();
  });

  test("the password pages send no referrer to other sites, none at all from the link, and no-store", async ({ request }) => {
    for (const path of ["/login", "/forgot-password", "/reset-password", "/reset-password?token=abc"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.headers()["referrer-policy"], path).toBe(path.includes("token=") ? "no-referrer" : "same-origin");
      expect(response.headers()["cache-control"], path).toContain("no-store");
    }
  });
});
