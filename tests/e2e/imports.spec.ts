import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expect, expectAccessible, saveScreenshot, test } from "./fixtures";
import { ImportPreviewPage, ImportProgressPage, ImportUploadPage } from "./pages/import-pages";

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
});
