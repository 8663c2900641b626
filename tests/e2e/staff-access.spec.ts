import { DEMO, DEMO_PASSWORD, expect, expectAccessible, saveScreenshot, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { AccountMenu } from "./pages/account-menu";

test.describe("staff sign-in and access rules", () => {
  for (const [label, username, landing] of [
    ["admin", DEMO.admin, "/admin"],
    ["dual", DEMO.dual, "/admin"],
    ["device", DEMO.device, "/profile"],
    ["ScanPack", DEMO.scanpack, "/profile"],
    ["device with a non-email username", DEMO.nonEmailDevice, "/profile"],
  ] as const) {
    test(`the ${label} user lands on ${landing}`, async ({ page, loginPage }) => {
      await loginPage.goto();
      await loginPage.signInAndLand(username, DEMO_PASSWORD);
      await expect(page).toHaveURL(landing);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(landing === "/admin" ? "Dashboard" : "Profile Settings");
    });
  }

  test("without JavaScript, signing in lands on the requested page too", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const loginPage = new LoginPage(page);
      await loginPage.goto("?callbackUrl=%2Fadmin%2Fusers");
      await loginPage.signIn(DEMO.dual, DEMO_PASSWORD);
      await expect(page).toHaveURL("/admin/users");
      await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test("a hostile callbackUrl never takes the browser off the site after a correct sign-in", async ({ browser, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    for (const [username, landing, hostile] of [
      [DEMO.admin, "/admin", "/admin/..//evil.example/"],
      [DEMO.admin, "/admin", "/admin/%2e%2e/%2e%2e//evil.example"],
      [DEMO.dual, "/admin", "/profile/../../\\evil.example"],
      [DEMO.device, "/profile", "/profile/..%2f..%2fadmin"],
      [DEMO.device, "/profile", "/\t/evil.example"],
      [DEMO.scanpack, "/profile", "/profile/%2e%2e/admin/users"],
    ] as const) {
      // A context per case: a request still in flight from the last one would renew its session.
      const context = await browser.newContext();
      try {
        const offSite: string[] = [];
        await context.route(
          (url) => url.origin !== origin,
          async (route) => {
            offSite.push(route.request().url());
            await route.abort();
          },
        );
        const page = await context.newPage();
        const loginPage = new LoginPage(page);
        await loginPage.goto(`?callbackUrl=${encodeURIComponent(hostile)}`);
        await loginPage.signInAndLand(username, DEMO_PASSWORD);
        await expect(page, `${username} with ${hostile}`).toHaveURL(`${origin}${landing}`);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(landing === "/admin" ? "Dashboard" : "Profile Settings");
        expect(offSite, hostile).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  test("without JavaScript, the sign-in's own redirect stays on the site too", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const loginPage = new LoginPage(page);
      await loginPage.goto(`?callbackUrl=${encodeURIComponent("/admin/..//evil.example/")}`);
      await loginPage.signIn(DEMO.admin, DEMO_PASSWORD);
      await expect(page).toHaveURL(`${new URL(baseURL!).origin}/admin`);
    } finally {
      await context.close();
    }
  });

  test("Auth.js's own sign-in endpoint only hands the login page same-site targets", async ({ request, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    for (const [target, expected] of [
      ["/admin/..//evil.example/", "/"],
      ["/admin/%2e%2e/%2e%2e//evil.example", "/"],
      ["//evil.example", "/"],
      ["https://evil.example/admin", "/"],
      [`${origin}/admin/users`, "/admin/users"],
      ["/admin\\users?q=a", "/admin/users?q=a"],
    ] as const) {
      const response = await request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(target)}`, { maxRedirects: 0 });
      expect(response.status(), target).toBe(302);
      const location = new URL(response.headers()["location"]!, origin);
      expect(location.origin).toBe(origin);
      expect(location.pathname).toBe("/login");
      expect(location.searchParams.get("error"), target).toBeNull();
      expect(location.searchParams.get("callbackUrl"), target).toBe(expected);
    }
  });

  test("the login page is accessible", async ({ page, loginPage }) => {
    await loginPage.goto();
    await expectAccessible(page);
    await saveScreenshot(page, "login");
  });

  test("signed-out visitors are sent to the login page and come back after signing in", async ({ page, loginPage }) => {
    for (const path of ["/admin", "/profile"]) {
      await page.goto(path);
      await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(path)}`);
    }
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fusers$/);
    await loginPage.signInAndLand(DEMO.admin, DEMO_PASSWORD);
    await expect(page).toHaveURL("/admin/users");
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  });

  test("a wrong password and an unknown username get the same clear error", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signIn(DEMO.admin, "not-the-password");
    await expect(loginPage.alert).toHaveText("The username or password is incorrect.");
    await expect(page).toHaveURL(/\/login/);
    await expect(loginPage.username).toHaveValue(DEMO.admin);
    await expect(loginPage.password).toHaveValue("");

    await loginPage.signIn("nobody@demo.test", "not-the-password");
    await expect(loginPage.alert).toHaveText("The username or password is incorrect.");
  });

  test("over-long and empty input gets a validation message, never an error page", async ({ loginPage }) => {
    await loginPage.goto();
    await loginPage.username.evaluate((el: HTMLInputElement) => el.removeAttribute("maxlength"));
    await loginPage.signIn("a".repeat(10_000), "x");
    await expect(loginPage.page.getByText("A username has at most 254 characters.")).toBeVisible();
    await loginPage.username.fill("");
    await loginPage.password.fill("");
    await loginPage.submit.click();
    await expect(loginPage.page.getByText("Enter your username.")).toBeVisible();
    await expect(loginPage.page.getByText("Enter your password.")).toBeVisible();
  });

  test("device and ScanPack users get a 403 page in the admin console", async ({ page, loginPage }) => {
    for (const [username, apps] of [
      [DEMO.device, "Inzant Sales Plus and Inzant Tradeshow apps"],
      [DEMO.scanpack, "Inzant ScanPack app"],
    ] as const) {
      await page.context().clearCookies();
      await loginPage.goto();
      await loginPage.signInAndLand(username, DEMO_PASSWORD);
      const response = await page.goto("/admin/users");
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("The admin console is for admin and dual users");
      await expect(page.getByText(`Your password works in the ${apps}.`)).toBeVisible();
      await expectAccessible(page);
      if (username === DEMO.scanpack) await saveScreenshot(page, "console-forbidden");
      // Profile Settings stay open to them.
      const profile = await page.goto("/profile");
      expect(profile?.status()).toBe(200);
    }
  });

  test("the admin console and profile are accessible, and the admin signs out", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signInAndLand(DEMO.admin, DEMO_PASSWORD);
    await expectAccessible(page);
    await saveScreenshot(page, "admin-dashboard");
    for (const name of ["Users", "Contacts", "Subscription", "Activity"]) {
      await page.getByRole("navigation", { name: "Admin console" }).getByRole("link", { name }).click();
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
      await expectAccessible(page);
    }
    const menu = new AccountMenu(page);
    await menu.openProfileSettings();
    await expectAccessible(page);
    await saveScreenshot(page, "profile");

    await menu.signOut();
    await expect(page).toHaveURL("/login?signedOut=1");
    await expect(page.getByRole("status")).toHaveText("You have signed out.");
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin$/);
  });

  test("the health check names the database", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.ok).toBe(true);
    expect(["pglite", "postgres"]).toContain(body.database);
    expect(body.database).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
  });
});
