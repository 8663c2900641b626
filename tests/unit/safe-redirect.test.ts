import { describe, expect, it } from "vitest";
import type { UserType } from "@/db/schema";
import { canUseConsole, isAdminPath, landingPath } from "@/lib/staff/access";
import { env } from "@/lib/infra/env";
import { safeNextPath, sameOriginPath } from "@/lib/web/safe-redirect";
import { MAX_REDIRECT_LENGTH } from "@/lib/web/schemas";

const USER_TYPES: readonly UserType[] = ["admin", "dual", "device", "scanpack"];
const site = new URL(env.APP_URL);
const otherPort = `${site.protocol}//${site.hostname}:${Number(site.port || 80) + 1}/admin`;
const otherScheme = `${site.protocol === "https:" ? "http:" : "https:"}//${site.host}/admin`;

/** Where the browser ends up when it follows `location` from a page of ours (Chromium uses the same parser). */
function browserLands(location: string): URL {
  return new URL(location, `${site.origin}/login?callbackUrl=x`);
}

/** The invariant: on our origin, inside the user's area, and already normalised. */
function expectInside(type: UserType, location: string) {
  const url = browserLands(location);
  expect(url.origin, location).toBe(site.origin);
  expect(location, "normalised").toBe(`${url.pathname}${url.search}${url.hash}`);
  const profile = url.pathname === "/profile" || url.pathname.startsWith("/profile/");
  expect(isAdminPath(url.pathname) ? canUseConsole(type) : profile, `${type} may open ${location}`).toBe(true);
}

// Each one either leaves the site once the browser has resolved it, leaves the user's area,
// or is not a URL at all: every user type lands on their own page.
const HOSTILE = [
  "/admin/..//evil.example/",
  "/profile/../../\\evil.example",
  "/%2e%2e//evil.example",
  "/%2E%2E//evil.example",
  "/admin/%2e%2e/%2e%2e//evil.example",
  "/.//evil.example",
  "\\\\evil.example",
  "/\\evil.example",
  "\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  " //evil.example",
  "//evil.example",
  "///evil.example",
  "//evil.example/admin",
  "https://evil.example/admin",
  `https://${site.host}@evil.example/admin`,
  otherPort,
  otherScheme,
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)//admin",
  "data:text/html,<script>alert(1)</script>",
  "/admin/../login",
  "/profile/../api/auth/signout",
  "/api/auth/signout",
  "/",
  "/login",
  "/profile/..%2f..%2fadmin",
  "/profile/..%5c..%5cadmin",
  "/profile/..%2F..%2Fevil.example",
  "/profile%2f..%2fadmin",
  `/admin?${"a".repeat(MAX_REDIRECT_LENGTH)}`,
  `/profile#${"a".repeat(MAX_REDIRECT_LENGTH)}`,
  "http://[::1",
  "",
  null,
  undefined,
];

describe("post-sign-in destinations", () => {
  for (const type of USER_TYPES) {
    it(`sends a ${type} user to their own page for every hostile destination`, () => {
      for (const hostile of HOSTILE) {
        const location = safeNextPath(type, hostile);
        expect(location, JSON.stringify(hostile)).toBe(landingPath(type));
        expectInside(type, location);
      }
    });
  }

  it("never opens the console to device and ScanPack users, however the path is spelled", () => {
    for (const type of ["device", "scanpack"] as const) {
      for (const sneaky of ["/admin", "/admin/users", "/profile/../admin", "/profile/%2e%2e/admin/users", "/profile/.%2e/admin", "/admin\\users", `${site.origin}/admin`]) {
        expect(safeNextPath(type, sneaky), sneaky).toBe("/profile");
      }
    }
  });

  it("keeps good destinations, query strings and hashes, normalised", () => {
    const kept: [UserType, string, string][] = [
      ["admin", "/admin/users?q=x", "/admin/users?q=x"],
      ["admin", "/admin/users?q=a b&page=2#results", "/admin/users?q=a%20b&page=2#results"],
      ["dual", "/admin/contacts?q=corner", "/admin/contacts?q=corner"],
      ["admin", "/admin\\users", "/admin/users"],
      ["admin", "/profile/../admin/users", "/admin/users"],
      ["admin", "/admin/./users/../activity", "/admin/activity"],
      ["admin", `${site.origin}/admin/users?page=2`, "/admin/users?page=2"],
      ["admin", "/admin", "/admin"],
      ["admin", "/profile", "/profile"],
      ["device", "/profile?updated=1", "/profile?updated=1"],
      ["scanpack", "/profile", "/profile"],
      ["device", "/profile/", "/profile/"],
    ];
    for (const [type, next, expected] of kept) {
      expect(safeNextPath(type, next), `${type} ${next}`).toBe(expected);
      expectInside(type, expected);
    }
  });
});

describe("any redirect on this site (Auth.js's own callbackUrl)", () => {
  it("keeps our own paths, normalised", () => {
    expect(sameOriginPath("/login?signedOut=1")).toBe("/login?signedOut=1");
    expect(sameOriginPath(`${site.origin}/login?callbackUrl=%2Fadmin`)).toBe("/login?callbackUrl=%2Fadmin");
    expect(sameOriginPath("/admin/../login")).toBe("/login");
  });

  it("refuses everything that leaves the site", () => {
    for (const hostile of HOSTILE) {
      const path = sameOriginPath(hostile);
      if (path !== null) expect(browserLands(path).origin, JSON.stringify(hostile)).toBe(site.origin);
    }
    for (const hostile of ["/admin/..//evil.example/", "/%2e%2e//evil.example", "/\t/evil.example", "//evil.example", "https://evil.example/", otherPort, "javascript:alert(1)", "/profile/..%2f..%2fadmin"]) {
      expect(sameOriginPath(hostile), hostile).toBeNull();
    }
  });
});
