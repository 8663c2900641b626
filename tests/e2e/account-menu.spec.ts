import { DEMO_PASSWORD, expect, expectAccessible, saveScreenshot, test } from "./fixtures";
import { AccountMenu } from "./pages/account-menu";

const USER = { username: "menu-admin@e2e.test", name: "Mae Menu" };
const PHONE = { width: 390, height: 844 };

/** Seed 004, "Profile Settings Menu": the arrow beside the name, then Account Settings on the left. */
test.describe("the account menu and Profile Settings", () => {
  for (const [label, viewport] of [
    ["desktop", undefined],
    ["phone", PHONE],
  ] as const) {
    test(`the name's menu works by keyboard and mouse, and Profile Settings has its settings navigation (${label})`, async ({
      page,
      loginPage,
    }) => {
      if (viewport) await page.setViewportSize(viewport);
      await loginPage.goto();
      await loginPage.signInAndLand(USER.username, DEMO_PASSWORD);
      await expect(page).toHaveURL("/admin");
      const menu = new AccountMenu(page);
      const profileItem = menu.menu.getByRole("menuitem", { name: "Profile Settings" });
      const signOutItem = menu.menu.getByRole("menuitem", { name: "Sign out" });
      await expect(menu.button).toHaveAccessibleName(`${USER.name} · Admin`);
      await expect(menu.button).toContainText("▾");
      await expect(menu.button).toHaveAttribute("aria-expanded", "false");
      await expect(menu.menu).toBeHidden();

      // Keyboard: Enter opens on the first item, arrows move and wrap, Escape returns to the button.
      await menu.button.focus();
      await page.keyboard.press("Enter");
      await expect(menu.button).toHaveAttribute("aria-expanded", "true");
      await expect(profileItem).toBeFocused();
      await page.keyboard.press("ArrowDown");
      await expect(signOutItem).toBeFocused();
      await page.keyboard.press("ArrowDown");
      await expect(profileItem).toBeFocused();
      await page.keyboard.press("ArrowUp");
      await expect(signOutItem).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(menu.menu).toBeHidden();
      await expect(menu.button).toBeFocused();
      for (const key of [" ", "ArrowDown"]) {
        await page.keyboard.press(key);
        await expect(profileItem).toBeFocused();
        await page.keyboard.press("Escape");
        await expect(menu.button).toBeFocused();
      }

      // Mouse: a click opens it, a click elsewhere closes it. Open, it is accessible and on screen.
      await menu.button.click();
      await expect(menu.menu).toBeVisible();
      await expect(menu.menu.getByRole("menuitem")).toHaveText(["Profile Settings", "Sign out"]);
      const box = await menu.menu.boundingBox();
      const width = page.viewportSize()!.width;
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      await expectAccessible(page);
      await saveScreenshot(page, viewport ? "account-menu-phone" : "account-menu");
      await page.getByRole("heading", { level: 1 }).click();
      await expect(menu.menu).toBeHidden();

      // Enter on the link item opens Profile Settings.
      await menu.button.focus();
      await page.keyboard.press("Enter");
      await expect(profileItem).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL("/profile");
      await expect(page.getByRole("heading", { level: 1, name: "Profile Settings" })).toBeVisible();

      const settings = page.getByRole("navigation", { name: "Settings" });
      const current = settings.getByRole("link", { name: "Account Settings" });
      await expect(current).toHaveAttribute("aria-current", "page");
      const password = page.getByRole("region", { name: "Password" });
      await expect(password.getByLabel("Existing password")).toBeVisible();
      await expect(page.getByRole("region", { name: "Your sessions" })).toBeVisible();
      const nav = (await settings.boundingBox())!;
      const content = (await page.getByRole("region", { name: "Your account" }).boundingBox())!;
      if (viewport) {
        // On a phone the navigation sits above the settings, not squeezed beside them.
        expect(nav.y + nav.height).toBeLessThanOrEqual(content.y);
      } else {
        expect(nav.x + nav.width).toBeLessThanOrEqual(content.x);
        expect(nav.y).toBeLessThan(content.y + content.height);
      }
      await expectAccessible(page);

      // Sign out by the mouse from the menu.
      await menu.signOut();
      await expect(page).toHaveURL("/login?signedOut=1");
      await expect(page.getByRole("status")).toHaveText("You have signed out.");
    });
  }
});
