import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RESET_REQUEST_IP_LIMIT = "3";
});

import { POST as requestReset } from "@/app/api/app/password-reset/route";
import { getDb } from "@/lib/infra/database";
import { seedDemo } from "@/lib/infra/demo-seed";
import { countEmailsTo, latestEmailTo } from "../helpers/outbox";

const post = (body: unknown, ip: string) =>
  requestReset(
    new Request("http://127.0.0.1/api/app/password-reset", {
      method: "POST",
      headers: { "content-type": "application/json", "x-gatehouse-peer": ip },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

describe("POST /api/app/password-reset", () => {
  beforeAll(async () => {
    await seedDemo(await getDb());
  });

  it("emails the reset to a known username and answers an unknown one the same", async () => {
    const known = await post({ username: "device@demo.test" }, "198.51.100.61");
    const unknown = await post({ username: "nobody@demo.test" }, "198.51.100.62");
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
    expect((await latestEmailTo("device@demo.test"))?.subject).toBe("Reset your Gatehouse password");
    expect(await countEmailsTo("nobody@demo.test")).toBe(0);
  });

  it("answers bad input with the error shape and the per-IP budget with 429 and Retry-After", async () => {
    const bad = await post("{not json", "198.51.100.63");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid_json" });
    const missing = await post({}, "198.51.100.63");
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "invalid_request" });

    const ip = "198.51.100.64";
    for (let i = 0; i < 3; i++) expect((await post({ username: `x${i}@demo.test` }, ip)).status).toBe(202);
    const limited = await post({ username: "x9@demo.test" }, ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: "rate_limited" });
  });
});
