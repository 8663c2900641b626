import { readFileSync } from "node:fs";
import { useDatabase } from "@/lib/infra/database";
import { confirmImport, previewImport } from "@/lib/imports/preview";
import type { BenchDatabase } from "../database";

export type ImportFigures = {
  rows: number;
  previewMs: number;
  /** From the runner's claim to the last batch's commit (the job's started_at → finished_at). */
  runMs: number;
  rowsPerSecond: number;
  /** The same rows inserted by one INSERT … SELECT: what the database alone can do. */
  ceilingRowsPerSecond: number;
  /** The server's resident memory before the import and its peak while it ran. */
  baselineRssMb: number;
  peakRssMb: number;
  created: number;
  failed: number;
};

/** The server's resident set size (Linux), in MB. */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * Figure: importing contacts through the product. The preview runs in this process (as the
 * upload's server action would), the confirmed job on the production server's own runner,
 * in its default batches; the server's memory is sampled while it runs. Ceiling: one
 * `INSERT … SELECT` of the same number of contacts into the same table.
 */
export async function measureImport(options: { db: BenchDatabase; serverPid: number; rows: number }): Promise<ImportFigures> {
  const { db, rows } = options;
  useDatabase(db.handle);
  const [admin] = await db.sql<{ id: string; organization_id: string }[]>`
    select u.id, u.organization_id from users u join organizations o on o.id = u.organization_id
     where o.slug = 'demo' and u.username = 'admin@demo.test'`;
  const actor = { id: admin!.id, organizationId: admin!.organization_id };
  const [retailer] = await db.sql<{ id: string }[]>`
    insert into retailers (organization_id, name, code) values (${actor.organizationId}, 'Bench Import Shop', 'BENCH-IMP') returning id`;

  // Ceiling first, then its rows go so the import starts from the same table.
  const c0 = performance.now();
  await db.sql`
    insert into contacts (organization_id, retailer_id, name, username, email)
    select ${actor.organizationId}, ${retailer!.id}, 'Raw Contact ' || i, 'raw-' || i, 'raw-' || i || '@bench.test'
      from generate_series(1, ${rows}) i`;
  const ceilingMs = performance.now() - c0;
  await db.sql`delete from contacts where username like 'raw-%'`;

  const csv = ["Retailer,Contact name,Username,Email,Website access", ...Array.from({ length: rows }, (_, i) => `BENCH-IMP,Imported Contact ${i},bench-imp-${i},bench-imp-${i}@bench.test,no`)].join("\n");
  const p0 = performance.now();
  const preview = await previewImport(actor, "contacts", { name: "bench.csv", bytes: new TextEncoder().encode(csv) });
  const previewMs = performance.now() - p0;
  if (!preview.ok) throw new Error(`the bench file was refused: ${preview.reason}`);
  const baselineRssMb = rssMb(options.serverPid);
  let peakRssMb = baselineRssMb;
  const confirmed = await confirmImport(actor, preview.jobId, { sendWelcome: false }, { ip: null, userAgent: "bench" });
  if (!confirmed.ok) throw new Error(`the bench import was not confirmed: ${confirmed.reason}`);
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    peakRssMb = Math.max(peakRssMb, rssMb(options.serverPid));
    const [job] = await db.sql<{ status: string; started_at: Date | null; finished_at: Date | null; created: number; failed: number }[]>`
      select status, started_at, finished_at, created, failed from import_jobs where id = ${preview.jobId}`;
    if (job!.status === "done") {
      const runMs = job!.finished_at!.getTime() - job!.started_at!.getTime();
      return {
        rows,
        previewMs,
        runMs,
        rowsPerSecond: (rows / runMs) * 1000,
        ceilingRowsPerSecond: (rows / ceilingMs) * 1000,
        baselineRssMb,
        peakRssMb,
        created: job!.created,
        failed: job!.failed,
      };
    }
    if (Date.now() > deadline) throw new Error("the bench import did not finish within 10 minutes");
    await new Promise((r) => setTimeout(r, 100));
  }
}
