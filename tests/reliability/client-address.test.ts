import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { createDatabase, startInstance, type Instance } from "./harness";

/**
 * The per-IP budgets from outside, against real servers: whatever X-Forwarded-For a client
 * sends, the budget it spends is its connection's (no proxy) or the one the trusted proxy
 * appended (one hop), and audit records that address.
 */
const LIMIT = 5;

describe("the client's address from the connection", () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let direct: Instance;
  let behindProxy: Instance;
  let n = 0;

  beforeAll(async () => {
    db = await createDatabase();
    const limits = { SIGNIN_IP_LIMIT: String(LIMIT) };
    [direct, behindProxy] = await Promise.all([
      startInstance(db.url, { ...limits, TRUSTED_PROXY_HOPS: "0" }),
      startInstance(db.url, { ...limits, TRUSTED_PROXY_HOPS: "1" }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([direct?.stop(), behindProxy?.stop()]);
    await db?.drop();
  });

  /** A wrong sign-in through the apps' API (an unknown username, so no account locks). */
  const signIn = (instance: Instance, forwardedFor?: string, extra: Record<string, string> = {}) => {
    const username = `ghost-${++n}@nowhere.test`;
    const headers: Record<string, string> = { "content-type": "application/json", "user-agent": `client-address-${n}`, ...extra };
    if (forwardedFor !== undefined) headers["x-forwarded-for"] = forwardedFor;
    return fetch(`${instance.url}/api/app/session`, {
      method: "POST",
      headers,
      body: JSON.stringify({ username, password: "wrong-password-1", app: "sales-plus" }),
    }).then((r) => ({ status: r.status, userAgent: headers["user-agent"]! }));
  };

  const auditedIps = async (userAgents: string[]) => {
    const rows = await db.handle.db
      .select({ ip: auditEvents.ip })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "signin.failed"), inArray(auditEvents.userAgent, userAgents)));
    return rows.map((r) => r.ip);
  };

  it("with no trusted proxy, spoofed, empty and malformed headers all spend the connection's budget", async () => {
    const spoofs = ["203.0.113.1", "", ",", "not-an-address", "203.0.113.2, 203.0.113.3"];
    expect(spoofs.length).toBe(LIMIT);
    const answers = [];
    for (const spoof of spoofs) answers.push(await signIn(direct, spoof));
    expect(answers.map((a) => a.status)).toEqual(spoofs.map(() => 401));
    // A sixth attempt, under yet another made-up address, is over the budget.
    expect((await signIn(direct, "198.51.100.99")).status).toBe(429);
    expect((await signIn(direct)).status).toBe(429);
    // Nor can a client write the server's own headers.
    const own = { "x-gatehouse-peer": "198.51.100.98", "x-gatehouse-forwarded-for": "198.51.100.97" };
    expect((await signIn(direct, undefined, own)).status).toBe(429);
    expect(await auditedIps(answers.map((a) => a.userAgent))).toEqual(spoofs.map(() => "127.0.0.1"));
  });

  it("behind one trusted proxy, the address the proxy appended counts, not what the client put before it", async () => {
    const client = "192.0.2.10";
    const answers = [];
    // The client's own entries vary; the proxy's appended entry (rightmost) stays the client's.
    for (let i = 0; i < LIMIT; i++) answers.push(await signIn(behindProxy, `10.9.9.${i}, ${client}`));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 401));
    expect((await signIn(behindProxy, `6.6.6.6, ${client}`)).status).toBe(429);
    // Another client behind the same proxy has a budget of its own.
    expect((await signIn(behindProxy, "192.0.2.11")).status).toBe(401);
    expect(await auditedIps(answers.map((a) => a.userAgent))).toEqual(answers.map(() => client));
  });

  it("behind a proxy, requests whose address cannot be determined share one budget", async () => {
    const unknown = ["", "not-an-address", ",", " "];
    const answers = [await signIn(behindProxy)];
    for (const header of unknown) answers.push(await signIn(behindProxy, header));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 401));
    expect((await signIn(behindProxy)).status).toBe(429);
    expect((await signIn(behindProxy, "garbage")).status).toBe(429);
    expect(await auditedIps(answers.map((a) => a.userAgent))).toEqual(answers.map(() => null));
  });
});
