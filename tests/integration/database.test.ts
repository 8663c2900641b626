import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase } from "@/db/client";
import { ensurePgliteTemplate, readPgliteTemplate } from "@/db/pglite-template.mjs";
import { DEMO_ORGANIZATIONS, seedDemo } from "@/lib/infra/demo-seed";
import { users } from "@/db/schema";

describe("opening the database", () => {
  it("explains an unreachable DATABASE_URL instead of throwing a driver error", async () => {
    await expect(
      openDatabase({ kind: "postgres", url: "postgres://gatehouse:secret@127.0.0.1:1/nowhere" }),
    ).rejects.toThrow(/cannot reach the PostgreSQL server named by DATABASE_URL \(postgres:\/\/gatehouse:\*\*\*@127\.0\.0\.1:1\/nowhere\)/);
  });

  describe("a new embedded database folder, from initdb's template", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-template-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("is created, migrated and seeded, and opens again with its data", async () => {
      await ensurePgliteTemplate();
      expect(readPgliteTemplate()).not.toBeNull();
      const first = await openDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") });
      expect(first.created).toBe(true);
      await migrateDatabase(first);
      await seedDemo(first.db);
      await first.close();

      const again = await openDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") });
      try {
        expect(again.created).toBe(false);
        const names = (await again.db.select({ username: users.username }).from(users)).map((u) => u.username).sort();
        expect(names).toEqual(DEMO_ORGANIZATIONS.flatMap((o) => o.users.map((u) => u.username)).sort());
      } finally {
        await again.close();
      }
    });
  });
});
