import { DEMO, DEMO_PASSWORD, expect, expectAccessible, saveScreenshot, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { ResetPasswordPage } from "./pages/reset-password-page";
import { UsersPage } from "./pages/users-page";
import { mailCount, resetLinkAndCode, waitForMail } from "./support/mailbox";

test.describe.configure({ mode: "serial" });

const NEW_PASSWORD = "Harbour-Violet-Kettle-73!";
let deviceUrl = "";

test.describe("admin console", () => {
  test.beforeEach(async ({ loginPage }) => {
    await loginPage.goto();
    await loginPage.signInAndLand(DEMO.admin, DEMO_PASSWORD);
  });

  test("finds a user, opens User Details with the Edit icon and resets their password from More options", async ({ page, browser, request }) => {
    const users = new UsersPage(page);
    await users.goto();
    await expectAccessible(page);
    await users.find("device@demo");
    await expect(users.table.getByRole("row")).toHaveCount(2);
    await expect(users.table).toContainText("Devon Device");
    await saveScreenshot(page, "admin-users");
    await users.openDetails("Devon Device");
    deviceUrl = new URL(page.url()).pathname;
    await expectAccessible(page);

    const since = new Date();
    await users.runCommand("Reset Password", "Reset Password");
    await expect(page.getByRole("main").getByRole("status")).toContainText("was sent to device@demo.test");
    await saveScreenshot(page, "user-details");
    const mail = await waitForMail(request, DEMO.device, /Reset your Gatehouse password/, since);
    expect(await mailCount(request, "devon.personal@demo.test")).toBe(0);

    // The device user completes it in a browser of their own.
    const context = await browser.newContext();
    const devicePage = await context.newPage();
    const { path, code } = resetLinkAndCode(mail);
    await devicePage.goto(path);
    await devicePage.waitForLoadState("networkidle");
    await new ResetPasswordPage(devicePage).submit(code, NEW_PASSWORD);
    await expect(devicePage).toHaveURL(/\/login\?done=reset&type=device/);
    await devicePage.getByLabel("Username").fill(DEMO.device);
    await devicePage.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
    await devicePage.getByRole("button", { name: "Sign in" }).click();
    await expect(devicePage).toHaveURL("/profile");
    await context.close();
  });

  test("adds users until the licences run out, then more after raising the count", async ({ page, request }) => {
    await page.goto("/admin/subscription");
    const usedText = await page.getByText(/of \d+ licences used/).textContent();
    const [used, licences] = usedText!.match(/\d+/g)!.map(Number) as [number, number];
    await expectAccessible(page);
    const since = new Date();
    for (let i = 1; i <= licences - used + 1; i++) {
      await page.goto("/admin/users/new");
      await page.getByLabel("Name", { exact: true }).fill(`Seat ${i}`);
      await page.getByLabel("Username").fill(`seat${i}@demo.test`);
      await page.getByLabel("User type").selectOption("device");
      await page.getByRole("button", { name: "Add user" }).click();
      if (i <= licences - used) {
        await expect(page.getByRole("heading", { level: 1, name: `Seat ${i}` })).toBeVisible();
        await expect(page.getByRole("main").getByRole("status").first()).toContainText("An invitation to create a password was emailed to");
      } else {
        await expect(page.getByRole("main").getByRole("alert")).toContainText("No licence is free, so the user was not added.");
        await expect(page.getByRole("link", { name: "Go to Subscription" })).toBeVisible();
        await expectAccessible(page);
      }
    }
    await waitForMail(request, "seat1@demo.test", /Create your Gatehouse password/, since);

    await page.getByRole("link", { name: "Go to Subscription" }).click();
    await page.getByLabel("Licence count", { exact: true }).fill("1");
    await page.getByRole("button", { name: "Change licence count" }).click();
    await expect(page.getByLabel("Licence count", { exact: true })).toHaveAccessibleDescription(/you need at least/);
    await page.getByLabel("Licence count", { exact: true }).fill(String(licences + 5));
    await page.getByRole("button", { name: "Change licence count" }).click();
    await expect(page.getByText(`You now have ${licences + 5} licences.`)).toBeVisible();
    await saveScreenshot(page, "subscription");
  });

  test("disabling a user signs out their other browser and stops their sign-in", async ({ page, browser }) => {
    const context = await browser.newContext();
    const dualPage = await context.newPage();
    const dualLogin = new LoginPage(dualPage);
    await dualLogin.goto();
    await dualLogin.signIn(DEMO.dual, DEMO_PASSWORD);
    await expect(dualPage).toHaveURL("/admin");

    const users = new UsersPage(page);
    await users.goto();
    await users.find("Dana");
    await users.openDetails("Dana Dual");
    await users.runCommand("Disable user", "Disable user");
    await expect(page.getByRole("main").getByRole("status")).toContainText("The user is disabled");

    await dualPage.goto("/admin/users");
    await expect(dualPage).toHaveURL(/\/login/);
    await dualPage.getByLabel("Username").fill(DEMO.dual);
    await dualPage.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await dualPage.getByRole("button", { name: "Sign in" }).click();
    await expect(dualPage.getByRole("main").getByRole("alert")).toHaveText("The username or password is incorrect.");
    await context.close();

    await users.runCommand("Enable user", "Enable user");
    await expect(page.getByRole("main").getByRole("status")).toContainText("The user is enabled again.");
  });

  test("Activity shows what happened, filterable by user and type; the dashboard charts it", async ({ page }) => {
    const table = page.getByRole("table");
    // Each event through its type filter: other specs add events to this organization, so an
    // event of this spec may already be off the unfiltered first page.
    const events = {
      "admin-resets": "Password reset sent by an admin",
      "reset-completed": "Password reset completed",
      "user-created": "User created",
      "user-disabled": "User disabled",
      "sign-ins": "Signed in",
    };
    for (const [type, event] of Object.entries(events)) {
      await page.goto(`/admin/activity?type=${type}`);
      await expect(table.getByText(event).first()).toBeVisible();
    }
    await page.goto("/admin/activity");
    await expect(table.getByRole("row").nth(1)).toBeVisible();
    await expectAccessible(page);
    await saveScreenshot(page, "activity");
    await page.getByLabel("Event type").selectOption("admin-resets");
    await page.getByRole("button", { name: "Show events" }).click();
    await expect(page).toHaveURL(/type=admin-resets/);
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table).toContainText("Devon Device");

    await page.goto("/admin");
    const trend = page.getByRole("region", { name: "Last 30 days" });
    const legend = trend.getByRole("list", { name: "Legend" });
    const resetsTotal = Number(await legend.getByRole("listitem").filter({ hasText: "Password resets" }).locator("strong").textContent());
    expect(resetsTotal).toBeGreaterThan(0);
    await expect(legend.getByRole("listitem").filter({ hasText: "Failed sign-ins" })).toBeVisible();
    // Told apart without colour: a dashed line with hollow squares against a solid line with dots.
    const resets = trend.locator('[data-series="resets"]');
    const failed = trend.locator('[data-series="failedSignIns"]');
    await expect(resets.locator("path")).toHaveAttribute("stroke-dasharray", /\d/);
    await expect(failed.locator("path")).not.toHaveAttribute("stroke-dasharray", /./);
    expect(await resets.locator("rect").count()).toBe(30);
    expect(await failed.locator("circle").count()).toBe(30);
    await expectAccessible(page);
    await saveScreenshot(page, "admin-dashboard");

    // The same numbers as a table, one row per day, adding up to the legend's totals.
    const dataTable = trend.getByRole("table", { name: "Password resets and failed sign-ins per day" });
    await expect(dataTable).toBeHidden();
    await trend.getByText("Show as table", { exact: true }).click();
    await expect(dataTable).toBeVisible();
    await expect(dataTable.getByRole("columnheader")).toHaveText(["Day", "Failed sign-ins", "Password resets"]);
    const rows = dataTable.locator("tbody tr");
    await expect(rows).toHaveCount(30);
    const resetCells = await rows.locator("td:nth-of-type(2)").allTextContents();
    expect(resetCells.reduce((n, c) => n + Number(c), 0)).toBe(resetsTotal);
    await expectAccessible(page);
  });

});

test.describe("admin console isolation", () => {
  test("another organization's admin gets 404 for a Demo Wholesale user", async ({ page, loginPage }) => {
    expect(deviceUrl).toMatch(/^\/admin\/users\/[0-9a-f-]{36}$/);
    await loginPage.goto();
    await loginPage.signInAndLand(DEMO.otherAdmin, DEMO_PASSWORD);
    const response = await page.goto(deviceUrl);
    expect(response?.status()).toBe(404);
    await expect(page.getByText("Devon Device")).toHaveCount(0);
    const bogus = await page.goto("/admin/users/not-a-uuid");
    expect(bogus?.status()).toBe(404);
  });
});
