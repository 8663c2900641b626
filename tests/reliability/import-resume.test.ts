import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, contacts, importJobs, importRows, organizations, retailers, users } from "@/db/schema";
import { confirmImport, previewImport } from "@/lib/imports/preview";
import { createDatabase, startInstance, waitFor, type Instance } from "./harness";

/**
 * An import's instance dies between batches: the other instance takes the job over once the
 * lease runs out and finishes it from the cursor, with every row applied exactly once.
 */
describe("an import survives its instance dying", () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let a: Instance;
  let b: Instance | undefined;
  // Small batches with a rest, a short lease, a quick poll: the kill lands mid-import.
  const env = { IMPORT_BATCH_SIZE: "20", IMPORT_BATCH_PAUSE_MS: "250", IMPORT_LEASE_SECONDS: "3", IMPORT_POLL_SECONDS: "1" };
  const ROWS = 300;

  beforeAll(async () => {
    db = await createDatabase();
    a = await startInstance(db.url, env);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop("SIGKILL"), b?.stop()]);
    await db?.drop();
  });

  it("resumes on the other instance without duplicates, and every row is done", async () => {
    const [admin] = await db.handle.db
      .select({ id: users.id, organizationId: users.organizationId })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(and(eq(organizations.slug, "demo"), eq(users.username, "admin@demo.test")));
    await db.handle.db.insert(retailers).values({ organizationId: admin!.organizationId, name: "Resume Shop", code: "RES" });
    const csv = ["Retailer,Contact name,Username,Email", ...Array.from({ length: ROWS }, (_, i) => `RES,Resumed ${i},resume-${i},resume-${i}@shop.test`)].join("\n");
    const preview = await previewImport(admin!, "contacts", { name: "resume.csv", bytes: new TextEncoder().encode(csv) });
    if (!preview.ok) throw new Error(preview.reason);
    expect(await confirmImport(admin!, preview.jobId, { sendWelcome: false }, { ip: null, userAgent: "reliability" })).toEqual({ ok: true });

    const job = () => db.handle.db.select().from(importJobs).where(eq(importJobs.id, preview.jobId)).then((r) => r[0]!);
    // Instance A has claimed the job and committed a few batches; B starts beside it.
    const started = await waitFor(async () => {
      const j = await job();
      return j.cursor >= 60 && j.lockedBy ? j : undefined;
    }, 30_000, "instance A to be running the import");
    b = await startInstance(db.url, env);
    expect((await job()).lockedBy).toBe(started.lockedBy);
    await a.stop("SIGKILL");
    const killedAt = await job();
    expect(killedAt.status).toBe("running");
    expect(killedAt.cursor).toBeLessThan(ROWS + 1);

    const finished = await waitFor(async () => {
      const j = await job();
      return j.status === "done" ? j : undefined;
    }, 60_000, "instance B to finish the import");
    expect(finished.lockedBy).toBeNull();
    expect({ created: finished.created, updated: finished.updated, unchanged: finished.unchanged, failed: finished.failed }).toEqual({ created: ROWS, updated: 0, unchanged: 0, failed: 0 });
    const outcomes = await db.handle.db
      .select({ outcome: importRows.outcome, n: sql<number>`count(*)::int` })
      .from(importRows)
      .where(eq(importRows.jobId, preview.jobId))
      .groupBy(importRows.outcome);
    expect(outcomes).toEqual([{ outcome: "created", n: ROWS }]);
    const [made] = await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(contacts).where(sql`${contacts.username} like 'resume-%'`);
    expect(made!.n).toBe(ROWS);
    const [createdEvents] = await db.handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "contact.created"), sql`${auditEvents.details}->>'username' like 'resume-%'`));
    expect(createdEvents!.n).toBe(ROWS);
    const [completed] = await db.handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "import.completed"), sql`${auditEvents.details}->>'importId' = ${preview.jobId}`));
    expect(completed!.n).toBe(1);
    expect(b!.output()).not.toContain("[imports] run failed");
  }, 150_000);
});
