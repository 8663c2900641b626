import { DEMO_PASSWORD, expect, expectAccessible, saveScreenshot, test } from "./fixtures";
import { ApiKeysPage } from "./pages/api-keys-page";

const ADMIN = "apikey-admin@e2e.test";

test.describe("Management API keys", () => {
  test("an admin creates a key, sees its secret once, another system uses it, Activity names it, and a revoke stops it at once", async ({ page, loginPage, request }) => {
    await loginPage.goto();
    await loginPage.signInAndLand(ADMIN, DEMO_PASSWORD);
    await page.getByRole("navigation", { name: "Admin console" }).getByRole("link", { name: "Settings" }).click();
    await page.getByRole("link", { name: "Manage API keys" }).click();
    const keys = new ApiKeysPage(page);
    await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
    await expectAccessible(page);

    // Nothing typed: the message sits on the field and no key is made.
    await keys.create.click();
    await expect(keys.name).toHaveAccessibleDescription(/Enter a name for the key/);
    await expect(keys.secret).toHaveCount(0);

    const stamp = Date.now().toString(36);
    const name = `Order sync ${stamp}`;
    const secret = await keys.createKey(name, "Read and write");
    expect(secret).toMatch(/^gh_live_[A-Za-z0-9_-]{43}$/);
    await expect(keys.row(name)).toContainText(secret.slice(0, 14));
    await expectAccessible(page);

    const auth = { Authorization: `Bearer ${secret}` };
    const listed = await request.get("/api/v1/users?q=kit", { headers: auth });
    expect(listed.status()).toBe(200);
    expect((await listed.json()).data).toEqual([expect.objectContaining({ username: ADMIN })]);
    const created = await request.post("/api/v1/retailers", { headers: { ...auth, "Idempotency-Key": `e2e-${stamp}` }, data: { name: `${name} shop` } });
    expect(created.status()).toBe(201);

    // Reloaded, the page shows the prefix and when it was used, never the secret again.
    await keys.goto();
    await expect(keys.row(name)).toContainText("from");
    expect(await page.content()).not.toContain(secret);
    await saveScreenshot(page, "admin-api-keys");

    await page.goto("/admin/activity?type=retailers");
    await expect(page.getByRole("row").filter({ hasText: "Retailer added" }).first()).toContainText(`${name} (API key)`);

    await keys.goto();
    await keys.revoke(name);
    const refused = await request.get("/api/v1/users", { headers: auth });
    expect(refused.status()).toBe(401);
    expect(refused.headers()["content-type"]).toBe("application/problem+json");
  });

  test("the API reference reads without a script or a network, from the served document", async ({ page, request }) => {
    const document = await request.get("/api/v1/openapi.json");
    expect((await document.json()).openapi).toBe("3.1.0");
    // Anything not from this server would fail: the page must need nothing else.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
    await page.goto("/api-reference");
    await expect(page.getByRole("heading", { level: 1, name: "Gatehouse management API" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: "Create a user" })).toBeVisible();
    const startImport = page.locator("article").filter({ has: page.getByRole("heading", { level: 3, name: "Start an import from a CSV file" }) });
    await expect(startImport).toContainText("Request body (text/csv): The CSV file");
    await expectAccessible(page);
  });
});
