import { DEMO, DEMO_PASSWORD, expect, test } from "./fixtures";
import { mailCount, waitForMail } from "./support/mailbox";

test.describe("headers and session cookies", () => {
  test("every page forbids framing, gives other sites no referrer and loads nothing from another origin", async ({ request }) => {
    for (const path of ["/login", "/forgot-password", "/reset-password", "/api/health"]) {
      const response = await request.get(path);
      const h = response.headers();
      expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(h["content-security-policy"], path).toContain("default-src 'self'");
      expect(h["content-security-policy"], path).not.toMatch(/https?:\/\//);
      expect(h["x-frame-options"], path).toBe("DENY");
      expect(h["referrer-policy"], path).toBe("same-origin");
      expect(h["x-content-type-options"], path).toBe("nosniff");
      // The suite runs a production build: HSTS is on.
      expect(h["strict-transport-security"], path).toContain("max-age=");
      expect(h["x-powered-by"], path).toBeUndefined();
    }
  });

  test("auth pages and the console are never cached", async ({ request, page, loginPage }) => {
    for (const path of ["/login", "/forgot-password", "/reset-password"]) {
      expect((await request.get(path)).headers()["cache-control"], path).toContain("no-store");
    }
    await loginPage.goto();
    await loginPage.signInAndLand(DEMO.admin, DEMO_PASSWORD);
    const response = await page.goto("/admin");
    expect(response?.headers()["cache-control"]).toContain("no-store");
  });

  test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signInAndLand(DEMO.scanpack, DEMO_PASSWORD);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name.includes("session-token"));
    expect(session, JSON.stringify(cookies.map((c) => c.name))).toBeDefined();
    expect(session!.httpOnly).toBe(true);
    expect(session!.sameSite).toBe("Lax");
  });

  test("a server action posted from another origin is refused with 403 and sends nothing", async ({ request }) => {
    const html = await (await request.get("/forgot-password")).text();
    // The action id React renders into the form for submissions without JavaScript.
    const actionId = /&quot;id&quot;:&quot;([0-9a-f]+)&quot;/.exec(html)?.[1];
    expect(actionId).toBeTruthy();
    // An account of its own, so every message to it is this test's.
    const account = "csrf-device@e2e.test";
    const since = new Date();
    expect(await mailCount(request, account)).toBe(0);
    // As React encodes the call: the form's fields, then the arguments that refer to them (order matters).
    const body = () => {
      const form = new FormData();
      form.append("_1_email", account);
      form.append("0", '[{"ok":false},"$K1"]');
      return form;
    };
    const response = await request.post("/forgot-password", {
      headers: { Origin: "https://evil.example", "Next-Action": actionId! },
      multipart: body(),
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({ error: "cross_origin", message: "Cross-origin request refused." });
    // The same request from our own origin is delivered; once it has arrived, a forged one
    // that had got through would have arrived before it.
    const own = await request.post("/forgot-password", {
      headers: { Origin: new URL(response.url()).origin, "Next-Action": actionId!, Accept: "text/x-component" },
      multipart: body(),
      maxRedirects: 0,
    });
    expect(own.status()).toBe(200);
    expect(await own.text()).toContain("belongs to an account");
    await waitForMail(request, account, /Reset your Gatehouse password/, since);
    expect(await mailCount(request, account)).toBe(1);
  });
});
