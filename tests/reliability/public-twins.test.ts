import { existsSync, readdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizations } from "@/db/schema";
import { DEMO_PASSWORD } from "@/lib/infra/demo-seed";
import { createDatabase, rawRequest, startInstance, submitForm, type Instance } from "./harness";

/**
 * The storefront pages' cached twins from outside (lib/web/prerendered.ts, proxy.ts), on a real
 * production server: a storefront's anonymous sign-in and forgot-password pages come from the
 * cache once the process has found the storefront, a made-up slug never gets a cache entry
 * (Next.js would keep its 404 like a page, one set of files per slug), a storefront made after the
 * start answers at once, and what may differ per request (a contact's cookie, a query, a form's
 * answer) still reaches the page.
 */
const routeCache = path.resolve(import.meta.dirname, "../../.next/server/route-cache");

/** Every cached page's path under the build's route cache, e.g. `…/prerendered/store/demo/login.html`. */
function cachedPaths(): string[] {
  if (!existsSync(routeCache)) return [];
  return readdirSync(routeCache, { recursive: true, encoding: "utf8" });
}

describe("the storefront's cached public pages", () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let app: Instance;

  beforeAll(async () => {
    db = await createDatabase();
    app = await startInstance(db.url);
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await db?.drop();
  });

  const get = (p: string, headers: Record<string, string> = {}) => rawRequest(`${app.url}${p}`, { headers });
  const fromCache = (answer: Awaited<ReturnType<typeof get>>) => answer.headers["x-nextjs-cache"] !== undefined;

  it("serves a storefront's sign-in and forgot-password pages from the cache once the storefront is found", async () => {
    // The first view finds the storefront in the database; from then on both pages are cached.
    for (const [page, shows, cached] of [
      ["/store/demo/login", "Sign in to order from Demo Wholesale.", [false, true, true]],
      ["/store/demo/forgot-password", "Email me a temporary password", [true, true, true]],
    ] as const) {
      const answers = [await get(page), await get(page), await get(page)];
      for (const answer of answers) {
        expect(answer.status, page).toBe(200);
        expect(answer.text, page).toContain(shows);
        expect(answer.headers["cache-control"], page).toBe("no-store");
      }
      expect(answers.map(fromCache), page).toEqual(cached);
    }
  });

  it("never caches a made-up storefront, however it is asked for, and answers 404 each time", async () => {
    const slugs = Array.from({ length: 20 }, () => `made-up-${randomBytes(6).toString("hex")}`);
    for (const slug of slugs) {
      for (const p of [`/store/${slug}/login`, `/store/${slug}/forgot-password`, `/prerendered/store/${slug}/login`, `/prerendered/store/${slug}/forgot-password`]) {
        const answer = await get(p);
        expect(answer.status, p).toBe(404);
        expect(answer.text, p).not.toContain("Sign in to order from");
      }
    }
    // The build-time twins are not addresses of their own either.
    for (const p of ["/prerendered/login", "/prerendered/reset-password", "/prerendered/store/demo/login"]) expect((await get(p)).status, p).toBe(404);
    const cached = cachedPaths();
    expect(cached.some((p) => p.includes("prerendered/store/demo/login"))).toBe(true);
    expect(cached.filter((p) => slugs.some((slug) => p.includes(slug)))).toEqual([]);
  });

  it("answers a storefront made after the start at once, not with a 404 kept from before", async () => {
    const slug = `new-${randomBytes(4).toString("hex")}`;
    expect((await get(`/store/${slug}/login`)).status).toBe(404);
    await db.handle.db.insert(organizations).values({ name: "Brand New Wholesale", slug });
    const first = await get(`/store/${slug}/login`);
    expect(first.status).toBe(200);
    expect(first.text).toContain("Sign in to order from Brand New Wholesale.");
    const second = await get(`/store/${slug}/login`);
    expect(second.status).toBe(200);
    expect(fromCache(second)).toBe(true);
    expect(second.text).toContain("Sign in to order from Brand New Wholesale.");
  });

  it("leaves to the page what may differ per request: a contact's cookie, a query, the answer to a form posted without JavaScript", async () => {
    await get("/store/demo/login");
    // Any cookie of that name, even one that is no session: the page decides, not the cache.
    expect(fromCache(await get("/store/demo/login", { cookie: "gh_store=not-a-session" }))).toBe(false);
    expect(fromCache(await get("/store/demo/forgot-password", { cookie: "gh_store=not-a-session" }))).toBe(false);
    const signedOut = await get("/store/demo/login?signedOut=1");
    expect(fromCache(signedOut)).toBe(false);
    expect(signedOut.text).toContain("You have signed out.");
    // The cached page's form, posted as a browser without JavaScript does: the answer keeps the
    // username typed and says why, and the wrong password is not kept.
    const wrong = await submitForm(app.url, "/store/demo/login", { username: "cornerbuyer", password: `${DEMO_PASSWORD}-wrong` });
    expect(wrong.status).toBe(200);
    expect(wrong.html).toContain('value="cornerbuyer"');
    expect(wrong.html).toMatch(/username or password/i);
    expect(wrong.html).not.toContain(`${DEMO_PASSWORD}-wrong`);
    const right = await submitForm(app.url, "/store/demo/login", { username: "cornerbuyer", password: DEMO_PASSWORD });
    expect(right.status).toBe(303);
    expect(right.cookies.some((c) => c.startsWith("gh_store="))).toBe(true);
  });
});
