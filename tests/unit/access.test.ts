import { describe, expect, it } from "vitest";
import { appNamesSentence, appsFor, canUseConsole, landingPath } from "@/lib/staff/access";

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
});
