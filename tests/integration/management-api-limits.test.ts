import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // A budget small enough to spend in a test.
  process.env.API_KEY_RATE_LIMIT = "3";
});

import { getDb } from "@/lib/infra/database";
import { organizations } from "@/db/schema";
import { DEMO_ORGANIZATIONS, seedDemo } from "@/lib/infra/demo-seed";
import { createApiKey } from "@/lib/management-api/keys";
import { findUserByUsername } from "@/lib/staff/accounts";
import { clientFor } from "../contract/harness";

describe("the management API's per-key rate limit", () => {
  let secrets: string[];

  beforeAll(async () => {
    const db = await getDb();
    await seedDemo(db, DEMO_ORGANIZATIONS);
    const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, "demo"));
    const admin = (await findUserByUsername("admin@demo.test"))!;
    secrets = [];
    for (const name of ["first", "second"]) {
      const key = await createApiKey({ id: admin.id, organizationId: org!.id }, { name, access: "read", expiresOn: null }, { ip: null, userAgent: null });
      if (key.ok) secrets.push(key.secret);
    }
  });

  it("counts down in RateLimit, then answers 429 with Retry-After; another key has its own budget", async () => {
    const api = clientFor(secrets[0]!);
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { response } = await api.GET("/retailers", {});
      expect(response.status).toBe(200);
      remaining.push(/r=(\d+)/.exec(response.headers.get("ratelimit") ?? "")![1]!);
      expect(response.headers.get("ratelimit-policy")).toMatch(/^"per-key";q=3;w=60$/);
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const limited = await api.GET("/retailers", {});
    expect(limited.response.status).toBe(429);
    expect(Number(limited.response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.response.headers.get("ratelimit")).toMatch(/^"per-key";r=0;t=\d+$/);
    expect(limited.error).toMatchObject({ type: "https://gatehouse.dev/problems/rate-limited", status: 429 });
    // A different client address changes nothing: the budget is the key's.
    expect((await clientFor(secrets[0]!, { "x-gatehouse-peer": "192.0.2.200" }).GET("/retailers", {})).response.status).toBe(429);
    expect((await clientFor(secrets[1]!).GET("/retailers", {})).response.status).toBe(200);
  });
});
