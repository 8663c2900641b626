import { DEMO, DEMO_PASSWORD, expect, expectAccessible, saveScreenshot, test } from "./fixtures";
import { AddContactPage, ContactEditPanels, RetailerForm, RetailersPage } from "./pages/provisioning-pages";
import { StorefrontChangePasswordPage, StorefrontLoginPage } from "./pages/storefront-pages";
import { temporaryPasswordOf, waitForMail } from "./support/mailbox";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";

const ADMIN = "provision-admin@e2e.test";
const PHONE = { width: 390, height: 844 };

/** axe at desktop size and on a 390 px phone. */
async function expectAccessibleEverywhere(page: Page) {
  await expectAccessible(page);
  const desktop = page.viewportSize();
  await page.setViewportSize(PHONE);
  await expectAccessible(page);
  if (desktop) await page.setViewportSize(desktop);
}

test.describe("Management Portal provisions retailers and contacts", () => {
  test("an admin creates a retailer and a contact with website access; the contact signs in with the emailed password and must choose their own; an email change voids it", async ({
    page,
    loginPage,
    request,
    browser,
  }) => {
    const stamp = Date.now().toString(36);
    const contact = { name: "Nia Newcomer", username: `nia-${stamp}`, email: `nia-${stamp}@newshop.test`, websiteAccess: true };

    await loginPage.goto();
    await loginPage.signInAndLand(ADMIN, DEMO_PASSWORD);
    await page.getByRole("navigation", { name: "Admin console" }).getByRole("link", { name: "Retailers" }).click();
    const retailers = new RetailersPage(page);
    await expect(page.getByRole("heading", { level: 1, name: "Retailers" })).toBeVisible();
    await expectAccessibleEverywhere(page);
    await saveScreenshot(page, "admin-retailers");

    await retailers.openAdd();
    const form = new RetailerForm(page);
    // Nothing typed: the message sits on the field and nothing is created.
    await page.getByRole("button", { name: "Add retailer" }).click();
    await expect(form.name).toHaveAccessibleDescription(/Enter the retailer's name\./);
    await expectAccessibleEverywhere(page);
    await form.fill("New Shop", `NS-${stamp}`);
    await page.getByRole("button", { name: "Add retailer" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New Shop" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText(`Account code NS-${stamp}`);
    const retailerUrl = new URL(page.url()).pathname;

    // The same code in another case is refused, and what was typed stays.
    await retailers.goto();
    await retailers.openAdd();
    await form.fill("Copy Shop", `ns-${stamp}`);
    await page.getByRole("button", { name: "Add retailer" }).click();
    await expect(form.code).toHaveAccessibleDescription(/Another retailer already has this account code\./);
    await expect(form.name).toHaveValue("Copy Shop");

    await retailers.goto();
    await retailers.searchFor(`ns-${stamp}`);
    await expect(retailers.table.getByRole("row")).toHaveCount(2);
    await retailers.table.getByRole("link", { name: "Open New Shop" }).click();
    await expect(page).toHaveURL(retailerUrl);

    // Rename.
    const details = page.getByRole("region", { name: "Details" });
    await details.getByLabel("Retailer name").fill("New Shop Ltd");
    await details.getByRole("button", { name: "Save changes" }).click();
    await expect(details.getByRole("status")).toHaveText("The retailer was saved.");
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "New Shop Ltd" })).toBeVisible();

    await page.getByRole("link", { name: "Add contact" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Add a contact to New Shop Ltd" })).toBeVisible();
    // Unticked, the box stays unticked after a refused submit, and what was typed stays.
    const add = new AddContactPage(page);
    await add.add({ ...contact, email: "not an address", websiteAccess: false });
    await expect(add.email).toHaveAccessibleDescription(/Enter an email address/);
    await expect(add.username).toHaveValue(contact.username);
    await expect(add.websiteAccess).not.toBeChecked();
    await expectAccessibleEverywhere(page);
    const since = new Date();
    await add.add(contact);
    await expect(page.getByRole("heading", { level: 1, name: contact.name })).toBeVisible();
    await expect(page.getByRole("main").getByRole("status").first()).toContainText(`A welcome email with a temporary password (valid for 48 hours) was sent to ${contact.email}`);
    await expectAccessibleEverywhere(page);
    await saveScreenshot(page, "admin-contact-added");

    await page.goto(retailerUrl);
    await expect(page.getByRole("table", { name: "Contacts of New Shop Ltd" })).toContainText(contact.username);
    await expectAccessibleEverywhere(page);
    await saveScreenshot(page, "admin-retailer");

    const mail = await waitForMail(request, contact.email, /Welcome to the E2E Wholesale storefront/, since);
    expect(mail.text).toContain("48 hours");
    expect(mail.text).not.toContain(contact.username);
    const temporary = temporaryPasswordOf(mail);

    // The contact, in a browser of their own, signs in and must choose a password.
    const contactContext = await browser.newContext();
    const contactPage = await contactContext.newPage();
    const storefront = new StorefrontLoginPage(contactPage, "e2e");
    await storefront.goto();
    await storefront.signIn(contact.username, temporary);
    await expect(contactPage).toHaveURL("/store/e2e/change-password");
    await new StorefrontChangePasswordPage(contactPage).submit("lantern42parcel");
    await expect(contactPage).toHaveURL("/store/e2e?changed=1");
    await expect(contactPage.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${contact.name}`);

    // The admin changes the contact's email: the contact's session ends.
    await page.getByRole("link", { name: `Manage ${contact.name}` }).click();
    const panels = new ContactEditPanels(page);
    await panels.changeEmail(`moved-${contact.email}`);
    await contactPage.goto("/store/e2e");
    await expect(contactPage).toHaveURL("/store/e2e/login");

    // Remove: gone from the retailer's list, cannot sign in.
    await panels.remove();
    await expect(page).toHaveURL((url) => url.pathname === retailerUrl);
    await expect(page.getByRole("main")).toContainText(`${contact.name} was removed.`);
    await expect(page.getByRole("main")).toContainText("No contacts yet.");
    await storefront.goto();
    await storefront.expectRefused(contact.username, "lantern42parcel", "The username or password is incorrect.");
    await contactContext.close();
  });

  test("a temporary password emailed before an email change stops working", async ({ page, loginPage, request }) => {
    const stamp = Date.now().toString(36);
    const contact = { name: "Tom Transfer", username: `tom-${stamp}`, email: `tom-${stamp}@newshop.test`, websiteAccess: true };
    await loginPage.goto();
    await loginPage.signInAndLand(ADMIN, DEMO_PASSWORD);
    await page.goto("/admin/retailers/new");
    await page.waitForLoadState("networkidle");
    await new RetailerForm(page).fill(`Transfer Shop ${stamp}`);
    await page.getByRole("button", { name: "Add retailer" }).click();
    await page.getByRole("link", { name: "Add contact" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Add a contact to/ })).toBeVisible();
    const since = new Date();
    await new AddContactPage(page).add(contact);
    await expect(page.getByRole("heading", { level: 1, name: contact.name })).toBeVisible();
    const temporary = temporaryPasswordOf(await waitForMail(request, contact.email, /Welcome/, since));

    await new ContactEditPanels(page).changeEmail(`tom-${stamp}@elsewhere.test`);
    const storefront = new StorefrontLoginPage(page, "e2e");
    await storefront.goto();
    await storefront.expectRefused(contact.username, temporary, "The username or password is incorrect.");
  });

  test("Export CSV downloads the organization's contacts and users with no secret; others are sent to sign in or get 403", async ({ page, loginPage, request, browser }) => {
    await loginPage.goto();
    await loginPage.signInAndLand(ADMIN, DEMO_PASSWORD);
    await page.goto("/admin/contacts");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await file.path(), "utf8");
    // The byte-order mark first, for Excel.
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\n")[0]).toBe("Retailer,Account code,Contact name,Username,Email,Website access,Last sign-in,Added");
    expect(csv).toContain("e2e-buyer");
    // Only this organization's contacts, and nothing that looks like a hash or temporary password.
    expect(csv).not.toContain("cornerbuyer");
    expect(csv).not.toMatch(/\$argon2|password_hash|temp/i);

    const users = await page.request.get("/admin/users/export");
    expect(users.status()).toBe(200);
    expect(users.headers()["content-type"]).toContain("text/csv");
    const usersCsv = await users.text();
    expect(usersCsv).toContain(ADMIN);
    expect(usersCsv).not.toContain(DEMO.admin);
    expect(usersCsv).not.toMatch(/\$argon2/);

    // Without a session: no file, the login page instead (tests/reliability/export-access.test.ts tries harder).
    const anonymous = await request.get("/admin/contacts/export", { maxRedirects: 0 });
    expect(anonymous.status()).toBe(307);
    expect(anonymous.headers().location).toMatch(/\/login\?callbackUrl=/);
    expect(await anonymous.text()).not.toContain("e2e-buyer");

    // A device user may not use the console: 403.
    const deviceContext = await browser.newContext();
    const devicePage = await deviceContext.newPage();
    const { LoginPage } = await import("./pages/login-page");
    const deviceLogin = new LoginPage(devicePage);
    await deviceLogin.goto();
    await deviceLogin.signIn(DEMO.device, DEMO_PASSWORD);
    await expect(devicePage).not.toHaveURL(/\/login/);
    const refused = await devicePage.request.get("/admin/contacts/export");
    expect(refused.status()).toBe(403);
    expect(await refused.text()).not.toContain("cornerbuyer");
    await deviceContext.close();
  });
});
