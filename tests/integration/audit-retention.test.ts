import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/infra/database";
import { auditEvents, organizations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/events";
import { auditCutoff, purgeExpiredAudit, purgeExpiredAuditBatch, startAuditPurger, stopAuditPurger } from "@/lib/audit/retention";
import { env } from "@/lib/infra/env";

const DAY = 86_400_000;
const onPostgres = Boolean(process.env.DATABASE_URL);
let organizationId: string;

/** `n` events of `daysAgo` days back (plus `i` seconds, so their order is known). */
async function eventsAged(daysAgo: number, n: number, action = "signin.succeeded") {
  const db = await getDb();
  const now = Date.now();
  await db.insert(auditEvents).values(
    Array.from({ length: n }, (_, i) => ({
      organizationId,
      action,
      actorType: "anonymous",
      createdAt: new Date(now - daysAgo * DAY + i * 1000),
    })),
  );
}

async function countWhere(where?: ReturnType<typeof lt>) {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(auditEvents).where(where);
  return Number(row!.n);
}

const expired = () => countWhere(lt(auditEvents.createdAt, auditCutoff()));

describe(`audit retention (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  beforeAll(async () => {
    const db = await getDb();
    const [org] = await db.insert(organizations).values({ name: "Retention Co", slug: "retention", licenceCount: 5 }).returning();
    organizationId = org!.id;
  });

  beforeEach(async () => {
    await (await getDb()).delete(auditEvents);
  });

  it("keeps AUDIT_RETENTION_DAYS (400 by default) and deletes what is older, oldest first, a bounded batch at a time", async () => {
    expect(env.AUDIT_RETENTION_DAYS).toBe(400);
    await eventsAged(800, 150);
    await eventsAged(401, 100, "signin.failed");
    await eventsAged(399, 40);
    await eventsAged(1, 60);
    expect(await expired()).toBe(250);

    // One batch deletes exactly its size, and the oldest go first.
    expect(await purgeExpiredAuditBatch({ batchSize: 120 })).toBe(120);
    expect(await expired()).toBe(130);
    expect(await countWhere(lt(auditEvents.createdAt, new Date(Date.now() - 700 * DAY)))).toBe(30);

    // The rest, batch by batch: 100 + the last, short batch of 30.
    expect(await purgeExpiredAudit({ batchSize: 100, pauseMs: 0 })).toEqual({ deleted: 130, batches: 2 });
    expect(await expired()).toBe(0);
    // Everything inside the window stays, the event of 399 days included.
    expect(await countWhere()).toBe(100);
    expect(await countWhere(lt(auditEvents.createdAt, new Date(Date.now() - 398 * DAY)))).toBe(40);
    // Nothing left to do: one empty batch.
    expect(await purgeExpiredAudit({ batchSize: 100 })).toEqual({ deleted: 0, batches: 1 });
  });

  it("follows a shorter retention when one is set", async () => {
    await eventsAged(40, 10);
    await eventsAged(20, 10);
    expect(await purgeExpiredAudit({ retentionDays: 30, pauseMs: 0 })).toEqual({ deleted: 10, batches: 1 });
    expect(await countWhere(gte(auditEvents.createdAt, new Date(Date.now() - 30 * DAY)))).toBe(10);
    expect(await countWhere()).toBe(10);
  });

  it("the server's purger deletes expired events as soon as it starts", async () => {
    await eventsAged(500, 30);
    await eventsAged(10, 5);
    startAuditPurger();
    try {
      const deadline = Date.now() + 10_000;
      while ((await expired()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await expired()).toBe(0);
      expect(await countWhere()).toBe(5);
    } finally {
      stopAuditPurger();
    }
  });

  it("two purges at once delete every expired event exactly once", async () => {
    await eventsAged(600, 500);
    await eventsAged(3, 20);
    const [a, b] = await Promise.all([
      purgeExpiredAudit({ batchSize: 50, pauseMs: 0 }),
      purgeExpiredAudit({ batchSize: 50, pauseMs: 0 }),
    ]);
    expect(a.deleted + b.deleted).toBe(500);
    expect(await expired()).toBe(0);
    expect(await countWhere()).toBe(20);
  });

  // PGlite has a single connection: a second statement waits for the open transaction, so
  // only PostgreSQL can show that a purge in progress blocks neither writes nor another instance.
  it.runIf(onPostgres)("a batch in progress blocks neither new events nor another instance's purge", async () => {
    await eventsAged(600, 200);
    const db = await getDb();
    let during: { inserted: boolean; otherDeleted: number } | null = null;
    await db.transaction(async (tx) => {
      expect(await purgeExpiredAuditBatch({ batchSize: 80 }, tx)).toBe(80);
      // Another connection, while this batch's rows are still locked.
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("blocked for 5 s")), 5000));
      await Promise.race([recordAudit(db, { action: "signin.succeeded", organizationId, actor: { type: "anonymous" } }), timeout]);
      const otherDeleted = await Promise.race([purgeExpiredAuditBatch({ batchSize: 500 }), timeout]);
      during = { inserted: true, otherDeleted };
    });
    // The other instance did not wait: it found a purge under way and left the work to it.
    expect(during).toEqual({ inserted: true, otherDeleted: 0 });
    expect(await expired()).toBe(120);
    // Once that batch is committed, the next purge takes the rest.
    expect(await purgeExpiredAudit({ pauseMs: 0 })).toEqual({ deleted: 120, batches: 1 });
    expect(await expired()).toBe(0);
    const [fresh] = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, organizationId), gte(auditEvents.createdAt, sql`now() - interval '1 minute'`)));
    expect(Number(fresh!.n)).toBe(1);
  });
});
