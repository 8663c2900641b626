import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/lib/infra/demo-seed";
import { browserSessions, users } from "@/db/schema";
import { decodeSessionToken, encodeSessionToken } from "@/lib/sessions/jwt-codec";
import { createDatabase, credentialsSignIn, instanceAuthSecret, rawRequest, startInstance, type Instance } from "./harness";

/**
 * The CSV exports from outside, on a real production server with no trusted proxy (a client's
 * own X-Forwarded-* headers count for nothing): nobody but a signed-in admin or dual user gets a
 * byte of CSV, whatever the proxy believed, and that admin gets only their own organization's.
 */
const EXPORTS = ["/admin/users/export", "/admin/contacts/export"] as const;
const SESSION_COOKIE = "authjs.session-token";

describe("the CSV exports refuse everyone but the organization's admins", () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let app: Instance;

  beforeAll(async () => {
    db = await createDatabase();
    app = await startInstance(db.url, { TRUSTED_PROXY_HOPS: "0" });
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await db?.drop();
  });

  const get = (path: string, headers: Record<string, string> = {}, method = "GET") => rawRequest(`${app.url}${path}`, { method, headers });

  /** Nothing of a CSV: no attachment, no CSV type, no byte-order mark, no header row, no demo account. */
  function expectNoCsv(answer: Awaited<ReturnType<typeof get>>, what: string) {
    expect(String(answer.headers["content-type"] ?? ""), what).not.toContain("text/csv");
    expect(answer.headers["content-disposition"], what).toBeUndefined();
    expect(answer.text.startsWith("\uFEFF"), what).toBe(false);
    for (const leak of ["Name,Username", "Retailer,Account code", "admin@demo.test", "cornerbuyer", "Corner Store"]) expect(answer.text, what).not.toContain(leak);
  }

  const signedIn = async (username: string) => (await credentialsSignIn(app.url, username, DEMO_PASSWORD)).cookie!;

  it("an admin of the organization gets the file (the control: the checks below can fail)", async () => {
    const cookie = await signedIn("admin@demo.test");
    const users = await get(EXPORTS[0], { cookie });
    expect(users.status).toBe(200);
    expect(users.headers["content-type"]).toContain("text/csv");
    expect(users.text).toContain("admin@demo.test");
    const contacts = await get(EXPORTS[1], { cookie });
    expect(contacts.text).toContain("cornerbuyer");
  });

  it("without a session: a redirect to the login page, whatever headers the client adds", async () => {
    const hostile: Record<string, string>[] = [
      {},
      { accept: "text/csv" },
      { "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1", "x-forwarded-host": "evil.test" },
      // CVE-2025-29927's header, which once made Next.js skip middleware.
      { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
      { cookie: `${SESSION_COOKIE}=not-a-token` },
      { rsc: "1", "next-router-prefetch": "1" },
    ];
    for (const path of EXPORTS) {
      for (const headers of hostile) {
        for (const method of ["GET", "HEAD"]) {
          const answer = await get(path, headers, method);
          const what = `${method} ${path} ${JSON.stringify(headers)}`;
          expect(answer.status, what).toBe(307);
          expect(new URL(String(answer.headers.location), app.url).pathname, what).toBe("/login");
          expectNoCsv(answer, what);
        }
      }
    }
  });

  it("a session that has ended (its cookie still looks valid to the proxy): the route itself sends it to the login page", async () => {
    const cookie = await signedIn("dual@demo.test");
    const [dual] = await db.handle.db.select({ id: users.id }).from(users).where(eq(users.username, "dual@demo.test"));
    expect((await get(EXPORTS[0], { cookie })).status).toBe(200);
    await db.handle.db.update(browserSessions).set({ endedAt: new Date() }).where(eq(browserSessions.userId, dual!.id));
    // An import's result CSV too: the route answers before it looks the import up.
    for (const path of [...EXPORTS, `/admin/imports/${crypto.randomUUID()}/result`]) {
      const answer = await get(path, { cookie });
      expect(answer.status, path).toBe(307);
      const location = new URL(String(answer.headers.location), app.url);
      expect(location.pathname).toBe("/login");
      expect(location.searchParams.get("callbackUrl")).toBe(path);
      expectNoCsv(answer, path);
    }
  });

  it("device and ScanPack users: 403, through the proxy and past it (claims forged to say admin)", async () => {
    for (const username of ["device@demo.test", "scanpack@demo.test"]) {
      const real = await signedIn(username);
      const claims = await decodeSessionToken({ token: real.slice(`${SESSION_COOKIE}=`.length), secret: instanceAuthSecret, salt: SESSION_COOKIE });
      const forged = `${SESSION_COOKIE}=${await encodeSessionToken({ token: { ...claims, typ: "admin" }, secret: instanceAuthSecret, salt: SESSION_COOKIE, maxAge: 3600 })}`;
      for (const path of EXPORTS) {
        for (const [which, cookie] of [["real", real], ["forged", forged]] as const) {
          const answer = await get(path, { cookie });
          const what = `${username} ${which} ${path}`;
          expect(answer.status, what).toBe(403);
          expectNoCsv(answer, what);
        }
      }
    }
  });

  it("another organization's admin gets their own organization's rows only", async () => {
    const cookie = await signedIn("admin@other.test");
    const users = await get(EXPORTS[0], { cookie });
    expect(users.status).toBe(200);
    expect(users.text).toContain("admin@other.test");
    expect(users.text).not.toContain("demo.test");
    const contacts = await get(EXPORTS[1], { cookie });
    expect(contacts.status).toBe(200);
    expect(contacts.text).toContain("harbourbuyer");
    expect(contacts.text).not.toContain("cornerbuyer");
    expect(contacts.text).not.toContain("Corner Store");
  });
});
