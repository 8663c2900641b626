import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, organizations } from "@/db/schema";
import { DEMO_PASSWORD } from "@/lib/infra/demo-seed";
import { hashSecret } from "@/lib/credentials/hashing";
import { createDatabase, startInstance, type Instance } from "./harness";

/**
 * Load against one production instance on PostgreSQL: 200 reset requests and 500 sign-ins
 * from concurrent clients. Prints the figures docs/security.md reports; asserts no 5xx, an
 * outbox email for every accepted reset, and 429 + Retry-After past the budgets.
 */
const RESETS = Number(process.env.LOAD_RESETS ?? 200);
const SIGN_INS = Number(process.env.LOAD_SIGN_INS ?? 500);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 16);
const USERS = 200;

type Sample = { status: number; ms: number; retryAfter: string | null };

async function runConcurrently(count: number, clients: number, request: (i: number) => Promise<Response>): Promise<Sample[]> {
  const samples: Sample[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next++;
        const started = performance.now();
        const response = await request(i);
        await response.arrayBuffer();
        samples.push({ status: response.status, ms: performance.now() - started, retryAfter: response.headers.get("retry-after") });
      }
    }),
  );
  return samples;
}

function report(name: string, samples: Sample[]) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const pct = (p: number) => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))]!.toFixed(0);
  const byStatus = samples.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s.status]: (acc[s.status] ?? 0) + 1 }), {});
  const line = `${name}: ${samples.length} requests, ${CLIENTS} clients, p50 ${pct(50)} ms, p95 ${pct(95)} ms, statuses ${JSON.stringify(byStatus)}`;
  console.log(`[load] ${line}`);
  return byStatus;
}

describe("load on one instance", () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let app: Instance;

  beforeAll(async () => {
    db = await createDatabase();
    const [org] = await db.handle.db.insert(organizations).values({ name: "Load Co", slug: "load", licenceCount: 1000 }).returning({ id: organizations.id });
    const hash = await hashSecret(DEMO_PASSWORD);
    await db.handle.db.execute(sql`
      insert into users (organization_id, username, display_name, user_type, password_hash)
      select ${org!.id}, 'load' || g || '@load.test', 'Load ' || g, 'device', ${hash}
      from generate_series(1, ${USERS}) g`);
    app = await startInstance(db.url, {
      // Budgets below the request counts, so the run shows both accepted requests and 429s.
      RESET_REQUEST_IP_LIMIT: String(Math.floor(RESETS * 0.75)),
      SIGNIN_IP_LIMIT: String(Math.floor(SIGN_INS * 0.8)),
      MAIL_TRANSPORT: "dev",
    });
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await db?.drop();
  });

  it(`${RESETS} reset requests and ${SIGN_INS} sign-ins: no 5xx, every accepted reset queued, 429s with Retry-After`, async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${app.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

    const resets = await runConcurrently(RESETS, CLIENTS, (i) => post("/api/app/password-reset", { username: `load${(i % USERS) + 1}@load.test` }));
    const resetStatuses = report("reset requests", resets);
    const signIns = await runConcurrently(SIGN_INS, CLIENTS, (i) =>
      post("/api/app/session", { username: `load${(i % USERS) + 1}@load.test`, password: DEMO_PASSWORD, app: "sales-plus" }),
    );
    const signInStatuses = report("sign-ins", signIns);

    for (const s of [...resets, ...signIns]) expect(s.status).toBeLessThan(500);
    expect(resetStatuses[202]).toBeGreaterThan(0);
    expect(resetStatuses[429]).toBeGreaterThan(0);
    expect(signInStatuses[200]).toBeGreaterThan(0);
    expect(signInStatuses[429]).toBeGreaterThan(0);
    for (const s of [...resets, ...signIns].filter((x) => x.status === 429)) expect(Number(s.retryAfter)).toBeGreaterThan(0);

    // Every accepted reset request (distinct accounts, under their hourly limit) has its email.
    const queued = await db.handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(emailOutbox)
      .where(eq(emailOutbox.template, "password-reset"));
    expect(Number(queued[0]!.n)).toBe(resetStatuses[202]);
  });
});
