import { createServer } from "node:net";
import postgres from "postgres";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiRoute } from "@/lib/web/api";
import {
  databaseSeemsDown,
  isDatabaseUnavailable,
  noteDatabaseError,
  resetAvailability,
  setDatabaseProbe,
  watchForOutage,
} from "@/lib/infra/availability";
import { env } from "@/lib/infra/env";
import { UNAVAILABLE_MESSAGE } from "@/lib/copy/messages";
import { unavailablePageResponse } from "@/lib/web/unavailable";

const coded = (code: string, message = "redacted") => Object.assign(new Error(message), { code });

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("isDatabaseUnavailable", () => {
  it("recognises postgres.js's and the server's connection failures by code", () => {
    for (const code of ["ECONNREFUSED", "ECONNRESET", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECT_TIMEOUT", "57P01", "57P03", "08006", "53300"]) {
      expect(isDatabaseUnavailable(coded(code)), code).toBe(true);
    }
  });

  it("does not take a query's own failure for an outage", () => {
    for (const code of ["23505", "42P01", "40001", "22P02", "UNDEFINED_VALUE", "MAX_PARAMETERS_EXCEEDED"]) {
      expect(isDatabaseUnavailable(coded(code)), code).toBe(false);
    }
    for (const value of [new Error("connect ECONNREFUSED 127.0.0.1:5432"), "ECONNREFUSED", null, undefined, 57, { code: 57001 }]) {
      expect(isDatabaseUnavailable(value), String(value)).toBe(false);
    }
  });

  it("finds the code behind wrappers: cause, Auth.js's cause.err, AggregateError", () => {
    const wrapped = new Error("query failed", { cause: coded("57P01") });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    // Auth.js's AuthError: `cause: { err: original, ... }`.
    expect(isDatabaseUnavailable(new Error("CallbackRouteError", { cause: { err: wrapped } }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([new Error("x"), coded("ECONNREFUSED")]))).toBe(true);
    expect(isDatabaseUnavailable(new Error("outer", { cause: new Error("inner", { cause: coded("23505") }) }))).toBe(false);
  });

  it("ends on a cycle", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    a.cause = new Error("b", { cause: a });
    expect(isDatabaseUnavailable(a)).toBe(false);
  });

  it("recognises what postgres.js really throws when nothing listens", async () => {
    const sql = postgres(`postgres://postgres@127.0.0.1:${await closedPort()}/none`, { max: 1, connect_timeout: 2, onnotice: () => {} });
    const error = await sql`select 1`.then(
      () => undefined,
      (e: unknown) => e,
    );
    await sql.end({ timeout: 1 });
    expect(error).toBeDefined();
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});

describe("the process's view of an outage", () => {
  afterEach(() => {
    resetAvailability();
    setDatabaseProbe(async () => undefined);
  });

  it("is marked by an outage the probe confirms, and cleared by the first probe that succeeds", async () => {
    let answer: () => Promise<unknown> = () => Promise.reject(coded("ECONNREFUSED"));
    const probe = vi.fn(() => answer());
    setDatabaseProbe(probe);
    expect(noteDatabaseError(coded("23505"))).toBe(false);
    expect(databaseSeemsDown()).toBe(false);
    expect(probe).not.toHaveBeenCalled();
    const t0 = Date.now();
    expect(noteDatabaseError(coded("ECONNREFUSED"), t0)).toBe(true);
    expect(probe).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(databaseSeemsDown(t0)).toBe(true));

    // Still down, and no second probe before the interval.
    expect(databaseSeemsDown(t0 + env.DATABASE_PROBE_INTERVAL_MS - 1)).toBe(true);
    expect(probe).toHaveBeenCalledTimes(1);

    answer = () => Promise.resolve([]);
    expect(databaseSeemsDown(t0 + env.DATABASE_PROBE_INTERVAL_MS)).toBe(true);
    expect(probe).toHaveBeenCalledTimes(2);
    await vi.waitFor(() => expect(databaseSeemsDown()).toBe(false));
  });

  it("takes a failure at its word before the database is open (no probe yet)", () => {
    resetAvailability();
    noteDatabaseError(coded("ECONNREFUSED"));
    expect(databaseSeemsDown()).toBe(true);
  });

  it("runs one probe at a time however many requests ask", async () => {
    let release!: () => void;
    let fail = true;
    const probe = vi.fn(() => (fail ? Promise.reject(coded("57P03")) : new Promise<void>((resolve) => (release = resolve))));
    setDatabaseProbe(probe);
    noteDatabaseError(coded("57P03"));
    await vi.waitFor(() => expect(databaseSeemsDown()).toBe(true));
    fail = false;
    const later = Date.now() + 10 * env.DATABASE_PROBE_INTERVAL_MS;
    for (let i = 0; i < 5; i++) expect(databaseSeemsDown(later + i * env.DATABASE_PROBE_INTERVAL_MS)).toBe(true);
    for (let i = 0; i < 5; i++) noteDatabaseError(coded("57P03"));
    expect(probe).toHaveBeenCalledTimes(2);
    release();
    await vi.waitFor(() => expect(databaseSeemsDown()).toBe(false));
  });

  it("does not take one failed connection for an outage when the database answers the probe", async () => {
    const probe = vi.fn(async () => []);
    setDatabaseProbe(probe);
    for (const code of ["CONNECT_TIMEOUT", "CONNECTION_CLOSED", "57P01"]) {
      const seen = await watchForOutage(async () => noteDatabaseError(coded(code)));
      // The request whose connection failed fails; the probe answers, so nobody else does.
      expect(seen, code).toEqual({ result: true, unavailable: true });
      await new Promise((r) => setTimeout(r, 5));
      expect(databaseSeemsDown(), code).toBe(false);
    }
    expect(probe).toHaveBeenCalledTimes(3);
  });

  it("takes a connect timeout for an outage when the probe does not get an answer either", async () => {
    const probe = vi.fn(() => Promise.reject(coded("CONNECT_TIMEOUT")));
    setDatabaseProbe(probe);
    expect(noteDatabaseError(coded("CONNECT_TIMEOUT"))).toBe(true);
    await vi.waitFor(() => expect(databaseSeemsDown()).toBe(true));
    expect(probe).toHaveBeenCalledTimes(1);
  });

  it("tells a request of an outage a library swallowed", async () => {
    const seen = await watchForOutage(async () => {
      try {
        throw coded("CONNECTION_CLOSED");
      } catch (error) {
        noteDatabaseError(error);
        return "a redirect to an error page";
      }
    });
    expect(seen).toEqual({ result: "a redirect to an error page", unavailable: true });
    resetAvailability();
    expect(await watchForOutage(async () => "fine")).toEqual({ result: "fine", unavailable: false });
  });
});

describe("the 503 answers", () => {
  afterEach(() => {
    resetAvailability();
    vi.restoreAllMocks();
  });

  const request = () => new Request("http://localhost/api/app/me");

  async function expectApi503(response: Response) {
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe(String(env.UNAVAILABLE_RETRY_AFTER_SECONDS));
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: "unavailable", message: expect.any(String), retryAfter: env.UNAVAILABLE_RETRY_AFTER_SECONDS });
  }

  it("apiRoute answers an outage met in the handler with 503, and logs nothing for it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expectApi503(await apiRoute(async (_r: Request) => Promise.reject(new Error("wrapped", { cause: coded("ECONNRESET") })))(request()));
    expect(log).not.toHaveBeenCalled();
  });

  it("apiRoute answers 503 without running the handler while the outage lasts", async () => {
    setDatabaseProbe(() => Promise.reject(coded("ECONNREFUSED")));
    noteDatabaseError(coded("ECONNREFUSED"));
    await vi.waitFor(() => expect(databaseSeemsDown()).toBe(true));
    const handler = vi.fn(async (_r: Request) => new Response("ran"));
    await expectApi503(await apiRoute(handler)(request()));
    expect(handler).not.toHaveBeenCalled();
  });

  it("apiRoute answers 503 when the handler swallowed the outage into an answer of its own", async () => {
    const swallowing = apiRoute(async (_r: Request) => {
      noteDatabaseError(coded("57P01"));
      return Response.redirect("http://localhost/api/auth/error?error=Configuration", 302);
    });
    await expectApi503(await swallowing(request()));
  });

  it("the page is plain HTML with 503, Retry-After and no cache", async () => {
    const response = unavailablePageResponse();
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("retry-after")).toBe(String(env.UNAVAILABLE_RETRY_AFTER_SECONDS));
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain(UNAVAILABLE_MESSAGE);
    expect(html).not.toContain("<script");
  });
});
