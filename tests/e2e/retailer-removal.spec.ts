import { DEMO_PASSWORD, expect, expectAccessible, test } from "./fixtures";
import { AddContactPage, ContactEditPanels, RetailerForm, RetailerRemovePanel, RetailersPage } from "./pages/provisioning-pages";

const ADMIN = "provision-admin@e2e.test";

test.describe("Remove retailer, and Activity naming contacts and retailers", () => {
  test("a retailer with contacts cannot be removed and says how many; once they are removed it can, its code is free, and Activity names both by name", async ({
    page,
    loginPage,
  }) => {
    const stamp = Date.now().toString(36);
    const shop = `Closing Shop ${stamp}`;
    const code = `CL-${stamp}`;
    const contact = { name: `Cleo Closing ${stamp}`, username: `cleo-${stamp}`, email: `cleo-${stamp}@closing.test`, websiteAccess: false };

    await loginPage.goto();
    await loginPage.signInAndLand(ADMIN, DEMO_PASSWORD);
    await page.goto("/admin/retailers/new");
    await page.waitForLoadState("networkidle");
    await new RetailerForm(page).fill(shop, code);
    await page.getByRole("button", { name: "Add retailer" }).click();
    await expect(page.getByRole("heading", { level: 1, name: shop })).toBeVisible();
    const retailerUrl = new URL(page.url()).pathname;
    await page.getByRole("link", { name: "Add contact" }).click();
    await new AddContactPage(page).add(contact);
    await expect(page.getByRole("heading", { level: 1, name: contact.name })).toBeVisible();
    const contactUrl = new URL(page.url()).pathname;

    // With a contact left: the button is disabled and its description says how many and what to do.
    await page.goto(retailerUrl);
    const removal = new RetailerRemovePanel(page);
    await expect(removal.button).toBeDisabled();
    await expect(removal.button).toHaveAccessibleDescription("This retailer still has 1 contact. Remove that contact first (Manage → Remove contact), then remove the retailer.");
    await expectAccessible(page);

    await page.goto(contactUrl);
    await new ContactEditPanels(page).remove();
    await expect(page).toHaveURL((url) => url.pathname === retailerUrl);

    // No contacts left: the confirm dialog opens on Cancel; Cancel changes nothing.
    await expect(removal.button).toBeEnabled();
    await removal.open();
    await expect(removal.dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await expectAccessible(page);
    await removal.dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(removal.dialog).toBeHidden();
    await expect(removal.button).toBeFocused();
    await removal.open();
    await removal.confirm();
    await expect(page).toHaveURL((url) => url.pathname === "/admin/retailers");
    await expect(page.getByRole("main")).toContainText(`${shop} was removed.`);
    await expectAccessible(page);

    // Gone from search and its page; its account code names a new retailer.
    const retailers = new RetailersPage(page);
    await retailers.searchFor(code);
    await expect(page.getByRole("status")).toHaveText(`No retailers match “${code}”.`);
    expect((await page.request.get(retailerUrl)).status()).toBe(404);
    await page.goto("/admin/retailers/new");
    await page.waitForLoadState("networkidle");
    await new RetailerForm(page).fill(`Next Owner ${stamp}`, code.toLowerCase());
    await page.getByRole("button", { name: "Add retailer" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Next Owner ${stamp}` })).toBeVisible();

    // Activity: the retailer and the contact by name, marked removed, without a link to a page that is gone.
    await page.goto("/admin/activity?type=retailers");
    const table = page.getByRole("table");
    const removedRow = table.getByRole("row").filter({ hasText: "Retailer removed" }).filter({ hasText: shop });
    await expect(removedRow).toHaveCount(1);
    await expect(removedRow).toContainText(`${shop} (removed)`);
    await expect(removedRow.getByRole("link", { name: shop })).toHaveCount(0);
    const nextRow = table.getByRole("row").filter({ hasText: "Retailer added" }).filter({ hasText: `Next Owner ${stamp}` });
    await expect(nextRow.getByRole("link", { name: `Next Owner ${stamp}` })).toHaveAttribute("href", /^\/admin\/retailers\/[0-9a-f-]{36}$/);
    await expect(nextRow.getByRole("link", { name: "Pia Provision" })).toHaveAttribute("href", /^\/admin\/users\//);
    await page.goto("/admin/activity?type=contacts");
    const contactRows = table.getByRole("row").filter({ hasText: contact.name });
    await expect(contactRows.filter({ hasText: "Contact removed" })).toContainText(`${contact.name} (removed)`);
    await expect(contactRows.filter({ hasText: "Contact added" })).toHaveCount(1);
    await expectAccessible(page);
  });

  test("Activity links a contact's events to the contact's page", async ({ page, loginPage }) => {
    const stamp = Date.now().toString(36);
    const contact = { name: `Lina Linked ${stamp}`, username: `lina-${stamp}`, email: `lina-${stamp}@linked.test`, websiteAccess: false };
    await loginPage.goto();
    await loginPage.signInAndLand(ADMIN, DEMO_PASSWORD);
    await page.goto("/admin/retailers/new");
    await page.waitForLoadState("networkidle");
    await new RetailerForm(page).fill(`Linked Shop ${stamp}`);
    await page.getByRole("button", { name: "Add retailer" }).click();
    await page.getByRole("link", { name: "Add contact" }).click();
    await new AddContactPage(page).add(contact);
    await expect(page.getByRole("heading", { level: 1, name: contact.name })).toBeVisible();
    const contactUrl = new URL(page.url()).pathname;

    await page.goto("/admin/activity?type=contacts");
    await page.getByRole("table").getByRole("row").filter({ hasText: "Contact added" }).getByRole("link", { name: contact.name }).click();
    await expect(page).toHaveURL(contactUrl);
    await expect(page.getByRole("heading", { level: 1, name: contact.name })).toBeVisible();
  });
});
