import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { apiError, apiRoute, bearerTokenOf, fieldMessages, readJsonBody } from "@/lib/web/api";
import { newToken } from "@/lib/credentials/tokens";

const withAuth = (authorization?: string) =>
  new Request("http://localhost/api/app/me", { headers: authorization === undefined ? {} : { authorization } });

describe("bearerTokenOf", () => {
  const token = newToken();

  it("reads a well-formed token from Authorization: Bearer", () => {
    expect(bearerTokenOf(withAuth(`Bearer ${token}`))).toBe(token);
    expect(bearerTokenOf(withAuth(`bearer  ${token}`))).toBe(token);
  });

  it("refuses anything else before it can reach the database", () => {
    for (const header of [undefined, "", "Bearer", `Basic ${token}`, `Bearer ${token} extra`, `Bearer ${token}=`, `Bearer ${token.slice(1)}`, `Token ${token}`]) {
      expect(bearerTokenOf(withAuth(header)), String(header)).toBeNull();
    }
  });
});

describe("apiRoute", () => {
  afterEach(() => vi.restoreAllMocks());

  it("turns an unexpected failure into a generic 500 and logs no request secrets", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const handler = apiRoute(async (_request: Request) => {
      throw new Error("database went away");
    });
    const secret = newToken();
    const response = await handler(
      new Request("http://localhost/api/app/session", {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ password: "Hunter2-Secret!" }),
      }),
    );
    expect(response.status).toBe(500);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as Record<string, string>;
    expect(body).toEqual({ error: "internal_error", message: expect.any(String) });
    expect(body.message).not.toContain("database went away");
    const logged = JSON.stringify(log.mock.calls);
    expect(logged).toContain("POST /api/app/session");
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain("Hunter2");
  });
});

describe("the error shape", () => {
  it("is { error, message } plus extras, never cached", async () => {
    const response = apiError(423, "locked", "Locked.", { extra: { retryAfter: 60 }, headers: { "Retry-After": "60" } });
    expect(response.status).toBe(423);
    expect(response.headers.get("retry-after")).toBe("60");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: "locked", message: "Locked.", retryAfter: 60 });
  });

  it("names nested fields by their path", () => {
    const schema = z.object({ device: z.object({ id: z.string({ error: "Give the device id." }) }) });
    const result = schema.safeParse({ device: { id: 7 } });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldMessages(result.error)).toEqual({ "device.id": "Give the device id." });
  });

  it("reads a JSON body once its type and size are acceptable", async () => {
    const schema = z.object({ n: z.number() });
    const ok = await readJsonBody(
      new Request("http://localhost/x", { method: "POST", headers: { "content-type": "application/json" }, body: '\uFEFF{"n":1}' }),
      schema,
    );
    expect(ok).toEqual({ ok: true, data: { n: 1 } });
    const empty = await readJsonBody(new Request("http://localhost/x", { method: "POST", headers: { "content-type": "application/json" } }), schema);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(((await empty.response.json()) as { error: string }).error).toBe("invalid_json");
  });
});
