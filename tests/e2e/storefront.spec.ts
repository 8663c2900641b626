import { DEMO, DEMO_PASSWORD, expect, expectAccessible, saveScreenshot, test } from "./fixtures";
import { ContactDetailsPage, ContactsAdminPage } from "./pages/contacts-admin-pages";
import { StorefrontChangePasswordPage, StorefrontForgotPasswordPage, StorefrontLoginPage } from "./pages/storefront-pages";
import { mailCount, temporaryPasswordOf, waitForMail } from "./support/mailbox";

const NEW_PASSWORD = "parcel42lantern";
const INCORRECT = "The username or password is incorrect.";

test.describe("B2B storefront contacts", () => {
  test("cornerbuyer uses Forgot Your Password, is held on the change page, saves a new password, signs out and in again", async ({ page, request }) => {
    const login = new StorefrontLoginPage(page);
    await login.goto();
    await expect(page.getByRole("banner")).toContainText("Demo Wholesale");
    await expectAccessible(page);
    await saveScreenshot(page, "storefront-login");

    await login.forgotLink.click();
    await expect(page).toHaveURL("/store/demo/forgot-password");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Forgot Your Password");
    await expectAccessible(page);
    const forgot = new StorefrontForgotPasswordPage(page);
    const since = new Date();
    const unknown = await forgot.request("no-such-contact");
    const known = await forgot.request("cornerbuyer");
    expect(known.replace("cornerbuyer", "USERNAME")).toBe(unknown.replace("no-such-contact", "USERNAME"));
    await expectAccessible(page);

    const mail = await waitForMail(request, "buyer@cornerstore.test", /temporary password/, since);
    expect(mail.text).toContain("48 hours");
    expect(mail.text).toMatch(/http:\/\/127\.0\.0\.1:\d+\/store\/demo\/login/);
    // The organization's setting is off: no username next to the password.
    expect(mail.text).not.toContain("cornerbuyer");
    const temporary = temporaryPasswordOf(mail);

    await login.goto();
    await login.signIn("cornerbuyer", temporary);
    await expect(page).toHaveURL("/store/demo/change-password");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Choose a new password");
    await expectAccessible(page);
    for (const path of ["/store/demo", "/store/demo/login", "/store/demo/forgot-password"]) {
      await page.goto(path);
      await expect(page, `${path} holds the contact on the change page`).toHaveURL("/store/demo/change-password");
    }

    const change = new StorefrontChangePasswordPage(page);
    await change.submit("abcdefgh");
    await expect(change.newPassword).toHaveAccessibleDescription(/The password needs a number\./);
    await change.submit(temporary);
    await expect(change.newPassword).toHaveAccessibleDescription(/different from your temporary password/);
    await expect(page).toHaveURL("/store/demo/change-password");
    await change.submit(NEW_PASSWORD);

    await expect(page).toHaveURL("/store/demo?changed=1");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Bea Buyer");
    await expect(page.getByRole("main")).toContainText("Corner Store");
    await expect(page.getByRole("main").getByRole("status")).toContainText("Your new password is saved.");
    await expectAccessible(page);
    await saveScreenshot(page, "storefront-home");

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL("/store/demo/login?signedOut=1");
    await expect(login.status).toHaveText("You have signed out.");
    await page.goto("/store/demo");
    await expect(page).toHaveURL("/store/demo/login");

    // Signing in with the temporary password revoked the old one; the temporary one worked once.
    await login.expectRefused("cornerbuyer", DEMO_PASSWORD, INCORRECT);
    await login.expectRefused("cornerbuyer", temporary, INCORRECT);
    await login.signIn("cornerbuyer", NEW_PASSWORD);
    await expect(page).toHaveURL("/store/demo");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Bea Buyer");
  });

  test("the demo admin finds Corner Store in Contacts and resets cornerowner, whose old password then fails", async ({ browser, page, loginPage, request }) => {
    // cornerowner is signed in on another device while the admin resets.
    const ownerContext = await browser.newContext();
    const ownerPage = await ownerContext.newPage();
    const ownerLogin = new StorefrontLoginPage(ownerPage);
    await ownerLogin.goto();
    await ownerLogin.signIn("cornerowner", DEMO_PASSWORD);
    await expect(ownerPage).toHaveURL("/store/demo");

    await loginPage.goto();
    await loginPage.signInAndLand(DEMO.admin, DEMO_PASSWORD);
    await page.getByRole("navigation", { name: "Admin console" }).getByRole("link", { name: "Contacts" }).click();
    const contacts = new ContactsAdminPage(page);
    await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
    await contacts.searchFor("Corner Store");
    await expect(contacts.table.getByRole("row")).toHaveCount(3);
    await expect(contacts.table).toContainText("Bea Buyer");
    await expect(contacts.table).toContainText("Owen Owner");
    await expectAccessible(page);
    await saveScreenshot(page, "admin-contacts");

    await contacts.open("Owen Owner");
    await expect(page.getByText("No temporary password has been sent.")).toBeVisible();
    await expectAccessible(page);
    const since = new Date();
    const details = new ContactDetailsPage(page);
    await details.resetButton.click();
    await expect(details.dialog).toBeVisible();
    await expectAccessible(page);
    await details.dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(details.dialog).toBeHidden();
    await details.resetPassword("owner@cornerstore.test");
    await expect(page.getByText(/^Pending: not used yet, valid until/)).toBeVisible();
    await expect(page.getByText(/reset by Ada Admin in the Management Portal/)).toBeVisible();
    await saveScreenshot(page, "admin-contact-details");

    const mail = await waitForMail(request, "owner@cornerstore.test", /temporary password/, since);
    const temporary = temporaryPasswordOf(mail);
    expect(await mailCount(request, "owner@cornerstore.test")).toBe(1);
    // The admin never sees it.
    await expect(page.locator("body")).not.toContainText(temporary);

    // The owner's open session has ended, and the old password fails.
    await ownerPage.goto("/store/demo");
    await expect(ownerPage).toHaveURL("/store/demo/login");
    await ownerLogin.expectRefused("cornerowner", DEMO_PASSWORD, INCORRECT);
    await ownerLogin.signIn("cornerowner", temporary);
    await expect(ownerPage).toHaveURL("/store/demo/change-password");
    await ownerContext.close();

    await page.reload();
    await expect(page.getByText("Used to sign in; the contact has not chosen a new password yet.")).toBeVisible();
  });

  test("a contact of Other Co cannot sign in at /store/demo, and a storefront session opens nothing else", async ({ page }) => {
    const demoLogin = new StorefrontLoginPage(page, "demo");
    await demoLogin.goto();
    await demoLogin.expectRefused("harbourbuyer", DEMO_PASSWORD, INCORRECT);
    await expect(page).toHaveURL("/store/demo/login");

    const otherLogin = new StorefrontLoginPage(page, "other");
    await otherLogin.goto();
    await expect(page.getByRole("banner")).toContainText("Other Co");
    await otherLogin.signIn("harbourbuyer", DEMO_PASSWORD);
    await expect(page).toHaveURL("/store/other");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Hal Harbour");
    await expect(page.getByRole("main")).toContainText("Harbour Goods");

    // The cookie belongs to /store/other: Demo Wholesale's storefront and the console stay closed.
    await page.goto("/store/demo");
    await expect(page).toHaveURL("/store/demo/login");
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin$/);
  });

  test("a console session is not a storefront session, and an unknown storefront is a 404", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signInAndLand(DEMO.admin, DEMO_PASSWORD);
    await page.goto("/store/demo");
    await expect(page).toHaveURL("/store/demo/login");
    const login = new StorefrontLoginPage(page);
    await login.expectRefused(DEMO.admin, DEMO_PASSWORD, INCORRECT);

    for (const path of ["/store/no-such-company", "/store/no-such-company/login", "/store/NOT%20A%20SLUG/forgot-password"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
  });

  test("an admin turns on usernames in contact password emails from Settings", async ({ page, loginPage, request }) => {
    await loginPage.goto();
    await loginPage.signInAndLand("settings-admin@e2e.test", DEMO_PASSWORD);
    await page.getByRole("navigation", { name: "Admin console" }).getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    const toggle = page.getByRole("checkbox", { name: "Include username in contact password emails" });
    await expect(toggle).not.toBeChecked();
    await expectAccessible(page);
    await toggle.check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Saved. Contact password emails now include the username.")).toBeVisible();
    await page.reload();
    await expect(toggle).toBeChecked();

    const contacts = new ContactsAdminPage(page);
    await contacts.goto();
    await contacts.searchFor("erin");
    await contacts.open("Erin Example");
    const since = new Date();
    await new ContactDetailsPage(page).resetPassword("erin@e2e-retail.test");
    const mail = await waitForMail(request, "erin@e2e-retail.test", /temporary password/, since);
    expect(mail.text).toContain("Username: e2e-buyer");
    expect(mail.text).toMatch(/\/store\/e2e\/login/);
  });
});
