import { describe, expect, it } from "vitest";
import { prerenderedTwin } from "@/lib/web/prerendered";

const ask = (over: Partial<Parameters<typeof prerenderedTwin>[0]> = {}) =>
  prerenderedTwin({ method: "GET", pathname: "/login", search: "", headers: new Headers(), cookieNames: [], ...over });

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

  it("knows no other page", () => {
    expect(ask({ pathname: "/forgot-password" })).toBeNull();
    expect(ask({ pathname: "/login/" })).toBeNull();
    expect(ask({ pathname: "/prerendered/login" })).toBeNull();
    expect(ask({ pathname: "/store/demo/login" })).toBeNull();
  });
});
