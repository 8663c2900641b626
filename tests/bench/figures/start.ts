import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import http from "node:http";
import { startProcess } from "../processes";

export type StartFigures = {
  /** From spawning `npm run dev` to the first 200 from /login. */
  totalMs: number;
  steps: { name: string; ms: number }[];
  dominant: { name: string; ms: number };
  /** What Next printed for the first /login (compile and render split), if it did. */
  firstRequestLog: string | null;
};

/**
 * Figure 6: `npm run dev` as on a fresh clone (no .next/dev cache, a new embedded database and
 * DATA_DIR), timed to the first 200 from /login, split into the steps its log shows.
 */
export async function measureStart(port: number): Promise<StartFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-bench-dev-"));
  // A fresh clone has no development build cache.
  rmSync(path.join(process.cwd(), ".next", "dev"), { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PGLITE_DATA_DIR: path.join(dir, "pglite"), DATA_DIR: dir, APP_URL: `http://127.0.0.1:${port}` };
  for (const key of ["NODE_ENV", "DATABASE_URL", "AUTH_SECRET", "TOKEN_HMAC_SECRET", "MAIL_TRANSPORT", "RESEND_API_KEY", "RESEND_BASE_URL"]) delete env[key];
  const dev = startProcess("npm", ["run", "dev", "--", "--port", String(port), "--hostname", "127.0.0.1"], env);
  try {
    const deadline = performance.now() + 240_000;
    let status = 0;
    while (performance.now() < deadline) {
      status = await get(`http://127.0.0.1:${port}/login`).catch(() => 0);
      if (status === 200) break;
      if (dev.child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const done = performance.now();
    if (status !== 200) throw new Error(`npm run dev: /login never answered 200 (last ${status})\n${dev.lines.slice(-20).map((l) => l.text).join("\n")}`);
    // Let the request's log line arrive.
    await new Promise((r) => setTimeout(r, 300));
    const at = (pattern: RegExp) => dev.lines.find((l) => pattern.test(l.text));
    const listening = at(/Ready in/);
    const dbReady = at(/\[gatehouse\] ready/);
    const firstLogin = at(/GET \/login/);
    const t0 = dev.startedAt;
    const marks: { name: string; at: number }[] = [];
    if (listening) marks.push({ name: "npm + Next.js boot (listening)", at: listening.at });
    if (dbReady) marks.push({ name: "instrumentation: compile, open PGlite, migrate, seed", at: dbReady.at });
    marks.push({ name: "compile and render /login", at: done });
    marks.sort((a, b) => a.at - b.at);
    const steps = marks.map((m, i) => ({ name: m.name, ms: m.at - (i === 0 ? t0 : marks[i - 1]!.at) }));
    return {
      totalMs: done - t0,
      steps,
      dominant: steps.reduce((a, b) => (b.ms > a.ms ? b : a)),
      firstRequestLog: firstLogin?.text.trim() ?? null,
    };
  } finally {
    await dev.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(120_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
  });
}
