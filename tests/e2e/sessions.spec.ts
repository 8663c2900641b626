import type { Browser, BrowserContext } from "@playwright/test";
import { DEMO_PASSWORD, expect, test } from "./fixtures";
import { AccountMenu } from "./pages/account-menu";
import { LoginPage } from "./pages/login-page";
import { SessionsPanel } from "./pages/sessions-panel";
import { StorefrontLoginPage } from "./pages/storefront-pages";
import { UsersPage } from "./pages/users-page";

/**
 * Sessions are records on the server: signing out, "Sign out other sessions" and an admin's
 * revoke end a session for good, even for a browser that kept a copy of the cookie.
 */
const DEVICE = "session-device@e2e.test";
const ADMIN = "session-admin@e2e.test";
const BUYER = "e2e-session-buyer";

async function signedIn(browser: Browser, username: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const login = new LoginPage(await context.newPage());
  await login.goto();
  await login.signInAndLand(username, DEMO_PASSWORD);
  return context;
}

/** A second browser holding a copy of `context`'s cookies, as an attacker who copied them would. */
async function copyOf(browser: Browser, context: BrowserContext): Promise<BrowserContext> {
  const copy = await browser.newContext();
  await copy.addCookies(await context.cookies());
  return copy;
}

async function expectSignedOut(context: BrowserContext, path: string, loginPath: string) {
  const page = await context.newPage();
  await page.goto(path);
  await expect(page).toHaveURL((url) => url.pathname === loginPath);
  await page.close();
}

test.describe.serial("sessions end on the server", () => {
  test("a copied console cookie opens nothing after Sign out, and the session endpoint cannot revive it", async ({ browser }) => {
    const original = await signedIn(browser, DEVICE);
    const copy = await copyOf(browser, original);
    const page = await copy.newPage();
    await page.goto("/profile");
    await expect(page.getByRole("heading", { name: "Profile Settings" })).toBeVisible();

    const mine = original.pages()[0]!;
    await mine.goto("/profile");
    await new AccountMenu(mine).signOut();
    await expect(mine).toHaveURL(/\/login\?signedOut=1/);

    await expectSignedOut(copy, "/profile", "/login");
    // Auth.js's session-update endpoint, called with the copied cookie, changes nothing.
    const csrf = (await (await copy.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const update = await copy.request.post("/api/auth/session", { data: { csrfToken: csrf.csrfToken, data: { sid: "x", sv: 99 } } });
    expect(update.status()).toBeLessThan(500);
    await expectSignedOut(copy, "/profile", "/login");
    await Promise.all([original.close(), copy.close()]);
  });

  test('Profile Settings lists your sessions, and "Sign out other sessions" ends the others', async ({ browser }) => {
    const first = await signedIn(browser, DEVICE);
    const second = await signedIn(browser, DEVICE);
    const page = first.pages()[0]!;
    await page.goto("/profile");
    const sessions = new SessionsPanel(page, "Your sessions");
    await expect(sessions.current()).toHaveCount(1);
    await expect(sessions.rows()).toHaveCount(2);
    await expect(sessions.current()).toContainText("127.0.0.1");
    await sessions.signOutOthers.click();
    await expect(sessions.status).toHaveText("Signed out of 1 other session.");
    await expect(sessions.rows()).toHaveCount(1);
    await expectSignedOut(second, "/profile", "/login");
    // This browser is still signed in.
    await page.reload();
    await expect(page.getByRole("heading", { name: "Profile Settings" })).toBeVisible();
    await new AccountMenu(page).signOut();
    await expect(page).toHaveURL(/\/login\?signedOut=1/);
    await Promise.all([first.close(), second.close()]);
  });

  test("an admin signs one of a user's sessions out from User Details", async ({ browser }) => {
    const user = await signedIn(browser, DEVICE);
    const admin = await signedIn(browser, ADMIN);
    const page = admin.pages()[0]!;
    const users = new UsersPage(page);
    await users.goto();
    await users.find("session-device");
    await users.openDetails("Sam Session");
    const sessions = new SessionsPanel(page, "Sessions");
    await expect(sessions.rows()).toHaveCount(1);
    await expect(sessions.current()).toHaveCount(0);
    await sessions.signOutFirstOther();
    await expect(sessions.rows()).toHaveCount(0);
    await expectSignedOut(user, "/profile", "/login");
    await Promise.all([user.close(), admin.close()]);
  });

  test("a copied storefront cookie opens nothing after Sign out; the storefront lists the contact's sessions", async ({ browser }) => {
    const original = await browser.newContext();
    const login = new StorefrontLoginPage(await original.newPage(), "e2e");
    await login.goto();
    await login.signIn(BUYER, DEMO_PASSWORD);
    await expect(login.page).toHaveURL(/\/store\/e2e$/);
    const sessions = new SessionsPanel(login.page, "Your sessions");
    await expect(sessions.current()).toHaveCount(1);

    const copy = await copyOf(browser, original);
    const page = await copy.newPage();
    await page.goto("/store/e2e");
    await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
    await page.close();

    await login.page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(login.page).toHaveURL(/\/store\/e2e\/login\?signedOut=1/);
    await expectSignedOut(copy, "/store/e2e", "/store/e2e/login");
    await Promise.all([original.close(), copy.close()]);
  });
});
