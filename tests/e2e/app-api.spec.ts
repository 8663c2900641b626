import type { APIRequestContext, APIResponse } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expect, test } from "./fixtures";
import { ResetPasswordPage } from "./pages/reset-password-page";
import { resetLinkAndCode, waitForMail } from "./support/mailbox";

const NEW_PASSWORD = "Amber-Quarry-Signal-73!";

type App = "sales-plus" | "tradeshow" | "scanpack";

const appSignIn = (request: APIRequestContext, username: string, password: string, app: App) =>
  request.post("/api/app/session", { data: { username, password, app } });

const me = (request: APIRequestContext, token: string) =>
  request.get("/api/app/me", { headers: { Authorization: `Bearer ${token}` } });

async function tokenOf(response: APIResponse): Promise<string> {
  expect(response.status()).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** An error answer of the API: the status, `{ error, message }`, and never cached. */
async function expectApiError(response: APIResponse, status: number, error: string) {
  expect(response.status()).toBe(status);
  expect(response.headers()["cache-control"]).toContain("no-store");
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ error, message: expect.any(String) });
  return body;
}

test.describe("the apps' API", () => {
  test("a password reset from the Sync Status link ends the device user's app token; the new password works in their apps only", async ({
    page,
    loginPage,
    request,
  }) => {
    const username = "api-device@e2e.test";
    const oldToken = await tokenOf(await appSignIn(request, username, DEMO_PASSWORD, "sales-plus"));
    const before = await me(request, oldToken);
    expect(before.status()).toBe(200);
    expect(await before.json()).toMatchObject({ app: "sales-plus", user: { name: "Andy Api", type: "device" } });

    // What the app's Sync Status screen opens: the login page with the reset dialog.
    const link = await request.get(`/api/app/reset-link?username=${encodeURIComponent(username)}`);
    expect(link.status()).toBe(200);
    const { url } = (await link.json()) as { url: string };
    expect(url).toBe("/login?username=api-device%40e2e.test&reset=1");
    const since = new Date();
    await page.goto(url);
    await expect(loginPage.username).toHaveValue(username);
    await expect(loginPage.resetDialog).toContainText(username);
    await loginPage.resetDialog.getByRole("button", { name: "OK" }).click();
    await expect(loginPage.status).toContainText(`We've emailed a link and a 6-digit code to ${username}`);

    const { path, code } = resetLinkAndCode(await waitForMail(request, username, /Reset your Gatehouse password/, since));
    await page.goto(path);
    await new ResetPasswordPage(page).submit(code, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/login\?done=reset/);
    await expect(loginPage.status).toContainText("Your new password now works in the Inzant Sales Plus and Inzant Tradeshow apps");

    await expectApiError(await me(request, oldToken), 401, "session_revoked");
    await expectApiError(await appSignIn(request, username, DEMO_PASSWORD, "sales-plus"), 401, "invalid_credentials");
    const newToken = await tokenOf(await appSignIn(request, username, NEW_PASSWORD, "sales-plus"));
    expect((await me(request, newToken)).status()).toBe(200);
    expect((await appSignIn(request, username, NEW_PASSWORD, "tradeshow")).status()).toBe(200);
    await expectApiError(await appSignIn(request, username, NEW_PASSWORD, "scanpack"), 403, "app_not_allowed");
  });

  test("a ScanPack user gets the ScanPack app only, and an admin no app", async ({ request }) => {
    const scan = await appSignIn(request, DEMO.scanpack, DEMO_PASSWORD, "scanpack");
    const body = (await scan.json()) as { token: string; expiresAt: string; user: Record<string, unknown> };
    expect(scan.status()).toBe(200);
    expect(body.user).toMatchObject({ name: "Sam Scanpack", type: "scanpack", organization: { slug: "demo", name: "Demo Wholesale" } });
    expect(new Date(body.expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    for (const app of ["sales-plus", "tradeshow"] as const) {
      await expectApiError(await appSignIn(request, DEMO.scanpack, DEMO_PASSWORD, app), 403, "app_not_allowed");
    }
    for (const app of ["sales-plus", "tradeshow", "scanpack"] as const) {
      const refused = await expectApiError(await appSignIn(request, DEMO.admin, DEMO_PASSWORD, app), 403, "app_not_allowed");
      expect(refused.message).toContain("admin console");
    }
  });

  test("signing out ends that token only", async ({ request }) => {
    const username = "api-signout@e2e.test";
    const phone = await tokenOf(await appSignIn(request, username, DEMO_PASSWORD, "sales-plus"));
    const tablet = await tokenOf(await appSignIn(request, username, DEMO_PASSWORD, "tradeshow"));
    const out = await request.delete("/api/app/session", { headers: { Authorization: `Bearer ${phone}` } });
    expect(out.status()).toBe(204);
    await expectApiError(await me(request, phone), 401, "session_revoked");
    expect((await me(request, tablet)).status()).toBe(200);
    await expectApiError(await request.get("/api/app/me"), 401, "unauthorized");
  });

  test("bad JSON, missing fields, wrong types and a 1 MB body get a 4xx with the error shape", async ({ request }) => {
    // Strings go as Buffers: Playwright would JSON-encode a string sent as application/json.
    const post = (data: Buffer | object, headers: Record<string, string> = { "Content-Type": "application/json" }) =>
      request.post("/api/app/session", { data, headers });
    await expectApiError(await post(Buffer.from('{"username": ')), 400, "invalid_json");
    const missing = await expectApiError(await post({}), 400, "invalid_request");
    expect(Object.keys(missing.fields as object).sort()).toEqual(["app", "password", "username"]);
    const wrong = await expectApiError(await post({ username: 7, password: ["x"], app: "console" }), 400, "invalid_request");
    expect(Object.keys(wrong.fields as object).sort()).toEqual(["app", "password", "username"]);
    await expectApiError(await post(Buffer.from(JSON.stringify({ username: DEMO.device, password: "x".repeat(1024 * 1024), app: "sales-plus" }))), 413, "body_too_large");
    await expectApiError(await post(Buffer.from("username=x"), { "Content-Type": "application/x-www-form-urlencoded" }), 415, "unsupported_media_type");
    await expectApiError(await request.get("/api/app/reset-link"), 400, "invalid_request");
  });
});
