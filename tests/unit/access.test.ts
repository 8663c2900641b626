import { describe, expect, it } from "vitest";
import { appNamesSentence, appsFor, canUseConsole, landingPath, safeNextPath } from "@/lib/access";

describe("access rules", () => {
  it("lets only admin and dual users into the console", () => {
    expect(canUseConsole("admin")).toBe(true);
    expect(canUseConsole("dual")).toBe(true);
    expect(canUseConsole("device")).toBe(false);
    expect(canUseConsole("scanpack")).toBe(false);
  });

  it("lands each user type where the design says", () => {
    expect(landingPath("admin")).toBe("/admin");
    expect(landingPath("dual")).toBe("/admin");
    expect(landingPath("device")).toBe("/profile");
    expect(landingPath("scanpack")).toBe("/profile");
  });

  it("names the apps each user type's password works in", () => {
    expect(appsFor("admin")).toEqual([]);
    expect(appNamesSentence("device")).toBe("Inzant Sales Plus and Inzant Tradeshow");
    expect(appNamesSentence("dual")).toBe("Inzant Sales Plus and Inzant Tradeshow");
    expect(appNamesSentence("scanpack")).toBe("Inzant ScanPack");
    expect(appNamesSentence("admin")).toBe("");
  });

  it("only follows same-origin destinations the user may open", () => {
    expect(safeNextPath("admin", "/admin/users?q=x")).toBe("/admin/users?q=x");
    expect(safeNextPath("device", "/admin/users")).toBe("/profile");
    expect(safeNextPath("device", "/profile")).toBe("/profile");
    for (const hostile of ["//evil.test/admin", "/\\evil.test", "https://evil.test/admin", "javascript:alert(1)", "", undefined]) {
      expect(safeNextPath("admin", hostile)).toBe("/admin");
    }
    expect(safeNextPath("admin", "/api/auth/signout")).toBe("/admin");
  });
});
