import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { actionIdByName, callAction, createDatabase, startInstance, type Instance } from "./harness";

/**
 * The per-IP budgets from outside, against real servers: whatever X-Forwarded-For a client
 * sends, the budget it spends is its connection's (no proxy) or the one the trusted proxy
 * appended (one hop), and audit records that address. Sign-in, the login page's username
 * check and code entry each have their budget; the sign-in window reopens only when it ends.
 */
const LIMIT = 5;
const WINDOW_SECONDS = 4;

describe("the client's address from the connection", () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let direct: Instance;
  let behindProxy: Instance;
  /** One trusted hop and a short sign-in window, so the window's end can be watched. */
  let windowed: Instance;
  let n = 0;

  beforeAll(async () => {
    db = await createDatabase();
    const limits = { SIGNIN_IP_LIMIT: String(LIMIT), USERNAME_CHECK_IP_LIMIT: String(LIMIT), CODE_ENTRY_IP_LIMIT: String(LIMIT) };
    [direct, behindProxy, windowed] = await Promise.all([
      startInstance(db.url, { ...limits, TRUSTED_PROXY_HOPS: "0" }),
      startInstance(db.url, { ...limits, TRUSTED_PROXY_HOPS: "1" }),
      startInstance(db.url, { SIGNIN_IP_LIMIT: "3", SIGNIN_IP_WINDOW_SECONDS: String(WINDOW_SECONDS), TRUSTED_PROXY_HOPS: "1" }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([direct?.stop(), behindProxy?.stop(), windowed?.stop()]);
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
    }).then((r) => ({ status: r.status, retryAfter: r.headers.get("retry-after"), userAgent: headers["user-agent"]! }));
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

  /** The login page's username check and the reset page's code entry, called as the pages call them. */
  const budgets = [
    { action: "checkUsernameAction", fields: { username: "admin@demo.test" }, refused: /"status":"rate_limited"/ },
    {
      action: "completeResetAction",
      fields: { username: "dual@demo.test", code: "000000", newPassword: "Budget-Probe-4417!", confirmPassword: "Budget-Probe-4417!" },
      refused: /Too many codes were entered from your network/,
    },
  ] as const;

  const post = (instance: Instance, budget: (typeof budgets)[number], forwardedFor?: string) =>
    callAction(instance.url, actionIdByName(budget.action), budget.fields, {
      path: budget.action === "checkUsernameAction" ? "/login" : "/reset-password",
      headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
    });

  it("with no trusted proxy, the username-check and code-entry budgets hold whatever X-Forwarded-For says", async () => {
    for (const budget of budgets) {
      const spoofs = [undefined, "203.0.113.1", "", ",", "203.0.113.2, 203.0.113.3"];
      expect(spoofs.length).toBe(LIMIT);
      for (const spoof of spoofs) {
        const answer = await post(direct, budget, spoof);
        expect(answer.status, `${budget.action} ${spoof}`).toBe(200);
        expect(answer.text, `${budget.action} ${spoof}`).not.toMatch(budget.refused);
      }
      for (const spoof of ["198.51.100.99", undefined]) expect((await post(direct, budget, spoof)).text, `${budget.action} ${spoof}`).toMatch(budget.refused);
    }
  });

  it("behind one trusted proxy, those budgets are the appended address's, and another client keeps its own", async () => {
    for (const [i, budget] of budgets.entries()) {
      const client = `192.0.2.${40 + i}`;
      for (let k = 0; k < LIMIT; k++) expect((await post(behindProxy, budget, `10.8.8.${k}, ${client}`)).text, budget.action).not.toMatch(budget.refused);
      expect((await post(behindProxy, budget, `6.6.6.6, ${client}`)).text, budget.action).toMatch(budget.refused);
      expect((await post(behindProxy, budget, client)).text, budget.action).toMatch(budget.refused);
      expect((await post(behindProxy, budget, `192.0.2.${50 + i}`)).text, budget.action).not.toMatch(budget.refused);
    }
  });

  it("the sign-in budget stays spent for its whole window, then reopens", async () => {
    const client = "192.0.2.60";
    const started = Date.now();
    for (let i = 0; i < 3; i++) expect((await signIn(windowed, client)).status).toBe(401);
    const refused = await signIn(windowed, `10.0.0.1, ${client}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(WINDOW_SECONDS);
    // Every attempt is refused until the window that began with the first one has passed.
    const answers: { status: number; at: number }[] = [];
    for (;;) {
      const { status } = await signIn(windowed, client);
      answers.push({ status, at: Date.now() });
      if (status !== 429 || Date.now() - started > (WINDOW_SECONDS + 10) * 1000) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const reopened = answers.at(-1)!;
    expect(reopened.status).toBe(401);
    expect(reopened.at - started).toBeGreaterThanOrEqual(WINDOW_SECONDS * 1000);
    expect(answers.slice(0, -1).every((a) => a.status === 429)).toBe(true);
  });
});
