import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/infra/database";
import { importJobs, importRows } from "@/db/schema";
import { seedDemo } from "@/lib/infra/demo-seed";
import { env } from "@/lib/infra/env";
import { setTransport } from "@/lib/mail";
import { confirmImport, previewImport } from "@/lib/imports/preview";
import { runQueuedImports } from "@/lib/imports/run";
import { purgeStalePreviews } from "@/lib/imports/retention";
import type { Actor } from "@/lib/retailers/retailers";
import { adminOf } from "../helpers/actors";

const file = (username: string) => ({
  name: "people.csv",
  bytes: new TextEncoder().encode(`Name,Username,User type,Email to\nPat Preview,${username},Dual,${username}\n`),
});

describe("unconfirmed import previews", () => {
  let admin: Actor;

  beforeAll(async () => {
    setTransport(null);
    await seedDemo(await getDb());
    admin = await adminOf("demo");
  });

  async function previewOf(username: string, hoursAgo: number): Promise<string> {
    const result = await previewImport(admin, "staff", file(username));
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    const db = await getDb();
    await db.update(importJobs).set({ createdAt: new Date(Date.now() - hoursAgo * 3_600_000) }).where(eq(importJobs.id, result.jobId));
    return result.jobId;
  }

  it("go with their rows after IMPORT_PREVIEW_TTL_HOURS; fresh previews and confirmed imports stay", async () => {
    const db = await getDb();
    const ttl = env.IMPORT_PREVIEW_TTL_HOURS;
    const stale = await previewOf("stale.preview@demo.test", ttl + 1);
    const fresh = await previewOf("fresh.preview@demo.test", ttl - 1);
    const done = await previewOf("done.preview@demo.test", 0);
    expect(await confirmImport(admin, done, { sendWelcome: false }, { ip: "10.9.0.1", userAgent: "vitest" })).toEqual({ ok: true });
    await runQueuedImports();
    await db.update(importJobs).set({ createdAt: new Date(Date.now() - (ttl + 5) * 3_600_000) }).where(eq(importJobs.id, done));

    expect(await purgeStalePreviews()).toBe(1);
    const left = await db.select({ id: importJobs.id }).from(importJobs).where(inArray(importJobs.id, [stale, fresh, done]));
    expect(left.map((j) => j.id).sort()).toEqual([fresh, done].sort());
    expect(await db.select({ row: importRows.rowNumber }).from(importRows).where(eq(importRows.jobId, stale))).toEqual([]);
    expect((await db.select({ row: importRows.rowNumber }).from(importRows).where(eq(importRows.jobId, fresh))).length).toBe(1);
    expect(await purgeStalePreviews()).toBe(0);
  });
});
