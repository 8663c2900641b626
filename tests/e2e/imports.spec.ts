import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expect, expectAccessible, saveScreenshot, test } from "./fixtures";
import { ImportPreviewPage, ImportProgressPage, ImportUploadPage } from "./pages/import-pages";
import { ResetPasswordPage } from "./pages/reset-password-page";
import { resetLinkAndCode, waitForMail } from "./support/mailbox";

const ADMIN = "import-admin@e2e.test";
const PHONE = { width: 390, height: 844 };
const ROWS = 500;

async function expectAccessibleEverywhere(page: Page) {
  await expectAccessible(page);
  const desktop = page.viewportSize();
  await page.setViewportSize(PHONE);
  await expectAccessible(page);
  if (desktop) await page.setViewportSize(desktop);
}

test.describe("CSV import", () => {
  test("an admin imports a 500-row contacts CSV: preview, confirm, a progress bar that moves, and the result CSV", async ({ page, loginPage }) => {
    const stamp = Date.now().toString(36);
    // Semicolons and a byte-order mark, as a European spreadsheet saves it.
    const csv =
      "\uFEFFRetailer;Contact name;Username;Email;Website access\n" +
      Array.from({ length: ROWS }, (_, i) => `E2E Retail;Imported Person ${i};imp-${stamp}-${i};imp-${stamp}-${i}@import.test;no`).join("\n") +
      "\n";

    await loginPage.goto();
    await loginPage.signInAndLand(ADMIN, DEMO_PASSWORD);
    await page.getByRole("navigation", { name: "Admin console" }).getByRole("link", { name: "Contacts" }).click();
    await page.getByRole("link", { name: "Import CSV" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Import CSV" })).toBeVisible();
    const upload = new ImportUploadPage(page);
    await expect(upload.kind).toHaveValue("contacts");

    // No file, then a file without a header row: one clear message on the field, nothing stored.
    await upload.submit.click();
    await expect(upload.file).toHaveAccessibleDescription("Choose a CSV file to import.");
    await upload.upload("no-header.csv", "E2E Retail,Someone,someone,someone@x.test\n");
    await expect(upload.file).toHaveAccessibleDescription(/The first row must name the columns/);
    await expectAccessibleEverywhere(page);
    await saveScreenshot(page, "admin-import-upload");

    await upload.upload(`contacts-${stamp}.csv`, csv);
    await expect(page.getByRole("heading", { level: 1, name: `Preview: contacts-${stamp}.csv` })).toBeVisible();
    const preview = new ImportPreviewPage(page);
    await expect(preview.count("Rows")).toHaveText(String(ROWS));
    await expect(preview.count("New contacts")).toHaveText(String(ROWS));
    await expect(preview.count("With problems")).toHaveText("0");
    await expect(preview.sendWelcome).not.toBeChecked();
    await expectAccessibleEverywhere(page);
    await saveScreenshot(page, "admin-import-preview");
    // The preview is kept in the database: a reload shows it again.
    await page.reload();
    await expect(preview.count("Rows")).toHaveText(String(ROWS));

    await preview.confirm.click();
    const progress = new ImportProgressPage(page);
    await expect(progress.bar).toBeVisible();
    await expect(progress.bar).toHaveAttribute("max", String(ROWS));
    // Watch the bar: at least one value between none and all (the e2e server runs 25-row batches with a rest).
    const seen = new Set<number>();
    let shot = false;
    for (let i = 0; i < 300; i++) {
      const v = await progress.value();
      seen.add(v);
      if (v > 0 && v < ROWS && !shot) {
        shot = true;
        await expectAccessible(page);
        await saveScreenshot(page, "admin-import-progress");
        await page.setViewportSize(PHONE);
        await saveScreenshot(page, "admin-import-progress-phone");
        await page.setViewportSize({ width: 1280, height: 800 });
      }
      if (v >= ROWS) break;
      await page.waitForTimeout(100);
    }
    expect([...seen].some((v) => v > 0 && v < ROWS)).toBe(true);
    await expect(page.getByRole("status").filter({ hasText: "The import is finished." })).toBeVisible({ timeout: 60_000 });
    await expect(progress.result).toBeVisible();
    await expect(progress.result.getByRole("row")).toHaveCount(101);
    await expectAccessibleEverywhere(page);

    const [download] = await Promise.all([page.waitForEvent("download"), progress.download.click()]);
    const lines = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toBe("Row,Username,Outcome,Reason");
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines[1]).toBe(`2,imp-${stamp}-0,created,`);
    expect(lines.slice(1).every((l) => l.includes(",created,"))).toBe(true);

    // The progress route the bar polls reads the same finished job.
    const id = new URL(page.url()).pathname.split("/").at(-1)!;
    const json = await page.request.get(`/admin/imports/${id}/progress`);
    expect(json.status()).toBe(200);
    expect(await json.json()).toMatchObject({ status: "done", done: ROWS, created: ROWS });

    // Another company's admin finds no such import: not its page, progress or result.
    await page.context().clearCookies();
    await loginPage.goto();
    await loginPage.signInAndLand(DEMO.otherAdmin, DEMO_PASSWORD);
    expect((await page.goto(`/admin/imports/${id}`))?.status()).toBe(404);
    expect((await page.request.get(`/admin/imports/${id}/progress`)).status()).toBe(404);
    expect((await page.request.get(`/admin/imports/${id}/result`)).status()).toBe(404);
    await expect(page.getByText(`contacts-${stamp}.csv`)).toHaveCount(0);
  });

  test("an admin imports staff users: a bad row stops the file, the corrected one invites the new users, who create their passwords", async ({ page, loginPage, request }) => {
    const stamp = Date.now().toString(36);
    const dual = `imp-${stamp}-dual@e2e.test`;
    const device = `imp-${stamp}-device@e2e.test`;
    const header = "Name,Username,User type,Email to";

    await loginPage.goto();
    await loginPage.signInAndLand(ADMIN, DEMO_PASSWORD);
    const upload = new ImportUploadPage(page);
    await upload.goto("staff");
    await expect(upload.kind).toHaveValue("staff");

    // One row names a user type that does not exist: the preview says which row and column, and offers no Confirm.
    await upload.upload(`staff-bad-${stamp}.csv`, `${header}\nDee Dual,${dual},Dual,\nMo Manager,imp-${stamp}-mgr@e2e.test,Manager,\n`, "staff");
    await expect(page.getByRole("heading", { level: 1, name: `Preview: staff-bad-${stamp}.csv` })).toBeVisible();
    const preview = new ImportPreviewPage(page);
    await expect(preview.count("With problems")).toHaveText("1");
    const problem = preview.problems.getByRole("row").filter({ hasText: `imp-${stamp}-mgr@e2e.test` });
    await expect(problem).toContainText("3");
    await expect(problem).toContainText("User type");
    await expect(preview.confirm).toHaveCount(0);
    await expectAccessibleEverywhere(page);

    await page.getByRole("link", { name: "Upload a corrected file" }).click();
    const since = new Date();
    await upload.upload(`staff-${stamp}.csv`, `${header}\nDee Dual,${dual},Dual,\nDev Ice,${device},Device,\n`, "staff");
    await expect(preview.count("New users")).toHaveText("2");
    await expect(preview.count("With problems")).toHaveText("0");
    await expect(preview.sendInvites).not.toBeChecked();
    await preview.sendInvites.check();
    await preview.confirm.click();
    await expect(page.getByRole("status").filter({ hasText: "The import is finished." })).toBeVisible({ timeout: 60_000 });
    const progress = new ImportProgressPage(page);
    await expect(progress.result.getByRole("row").filter({ hasText: dual })).toContainText("Created");
    await expect(progress.result.getByRole("row").filter({ hasText: device })).toContainText("Created");

    // The invite works like a reset link: the dual user creates a password and signs in to the console.
    const { path, code } = resetLinkAndCode(await waitForMail(request, dual, /Create your Gatehouse password/, since));
    await waitForMail(request, device, /Create your Gatehouse password/, since);
    await page.context().clearCookies();
    await page.goto(path);
    const password = `Imported-${stamp}-Pass!`;
    await new ResetPasswordPage(page).submit(code, password);
    await expect(page.getByRole("status").filter({ hasText: "Your password has been created." })).toBeVisible();
    await loginPage.signIn(dual, password);
    await expect(page).toHaveURL("/admin");
  });
});
