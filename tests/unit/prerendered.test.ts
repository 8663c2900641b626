import { describe, expect, it } from "vitest";
import { prerenderedTwin } from "@/lib/web/prerendered";

const known = new Set(["demo", "other-co"]);
const ask = (over: Partial<Parameters<typeof prerenderedTwin>[0]> = {}) =>
  prerenderedTwin({ method: "GET", pathname: "/login", search: "", headers: new Headers(), cookieNames: [], ...over }, (slug) => known.has(slug));

describe("prerenderedTwin", () => {
  it("serves the build-time twin to a plain anonymous GET or HEAD of /login and /reset-password", () => {
    expect(ask()).toBe("/prerendered/login");
    expect(ask({ method: "HEAD" })).toBe("/prerendered/login");
    // A form posted without JavaScript from the twin's page: the twin answers it (its form's key).
    expect(ask({ method: "POST" })).toBe("/prerendered/login");
    expect(ask({ pathname: "/reset-password" })).toBe("/prerendered/reset-password");
    // Cookies that change nothing on the page (another app's, the storefront's) do not count.
    expect(ask({ cookieNames: ["gh_store", "theme"] })).toBe("/prerendered/login");
    expect(ask({ pathname: "/reset-password", cookieNames: ["authjs.session-token"] })).toBe("/prerendered/reset-password");
  });

  it("leaves to the page whatever the answer may depend on", () => {
    expect(ask({ search: "?callbackUrl=%2Fadmin" })).toBeNull();
    expect(ask({ search: "?signedOut=1" })).toBeNull();
    for (const name of ["authjs.session-token", "__Secure-authjs.session-token", "__Secure-authjs.session-token.0"]) {
      expect(ask({ cookieNames: [name] })).toBeNull();
    }
    expect(ask({ pathname: "/reset-password", cookieNames: ["gh_reset_token"] })).toBeNull();
    expect(ask({ method: "POST", search: "?callbackUrl=%2Fadmin" })).toBeNull();
    expect(ask({ method: "POST", headers: new Headers({ "next-action": "7f01" }) })).toBeNull();
    expect(ask({ method: "PUT" })).toBeNull();
    expect(ask({ headers: new Headers({ rsc: "1" }) })).toBeNull();
    expect(ask({ headers: new Headers({ "next-router-prefetch": "1" }) })).toBeNull();
  });

  it("serves a known storefront's sign-in and forgot-password pages from their twins, to anonymous plain requests only", () => {
    expect(ask({ pathname: "/store/demo/login" })).toBe("/prerendered/store/demo/login");
    expect(ask({ pathname: "/store/other-co/forgot-password", method: "HEAD" })).toBe("/prerendered/store/other-co/forgot-password");
    expect(ask({ pathname: "/store/demo/login", method: "POST" })).toBe("/prerendered/store/demo/login");
    // The console's cookie changes nothing on a storefront page.
    expect(ask({ pathname: "/store/demo/login", cookieNames: ["authjs.session-token"] })).toBe("/prerendered/store/demo/login");
    // A contact's session may redirect (signed in, or a password to choose); a query may add a message.
    expect(ask({ pathname: "/store/demo/login", cookieNames: ["gh_store"] })).toBeNull();
    expect(ask({ pathname: "/store/demo/forgot-password", cookieNames: ["gh_store"] })).toBeNull();
    expect(ask({ pathname: "/store/demo/login", search: "?signedOut=1" })).toBeNull();
    expect(ask({ pathname: "/store/demo/login", headers: new Headers({ "next-action": "7f01" }), method: "POST" })).toBeNull();
    expect(ask({ pathname: "/store/demo/login", headers: new Headers({ rsc: "1" }) })).toBeNull();
  });

  it("never sends a slug this process has not found in the database to a twin, so no made-up slug's 404 is cached", () => {
    expect(ask({ pathname: "/store/made-up/login" })).toBeNull();
    // The lookup lower-cases; the twin is only for the address as the storefront spells it.
    expect(ask({ pathname: "/store/Demo/login" })).toBeNull();
    expect(ask({ pathname: "/store/demo%2Fx/login" })).toBeNull();
    expect(ask({ pathname: "/store/-demo/login" })).toBeNull();
  });

  it("knows no other page", () => {
    expect(ask({ pathname: "/forgot-password" })).toBeNull();
    expect(ask({ pathname: "/login/" })).toBeNull();
    expect(ask({ pathname: "/prerendered/login" })).toBeNull();
    expect(ask({ pathname: "/store/demo" })).toBeNull();
    expect(ask({ pathname: "/store/demo/change-password" })).toBeNull();
    expect(ask({ pathname: "/store/demo/login/" })).toBeNull();
    expect(ask({ pathname: "/store/demo/account" })).toBeNull();
  });
});
