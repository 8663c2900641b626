import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { startProcess, type Spawned } from "./processes";

const ROOT = process.cwd();
const SOURCES = [
  "app",
  "components",
  "db",
  "emails",
  "lib",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
];

function newestMtime(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/**
 * A production build of the current sources: the one `npm test` just made (CI runs the bench
 * after it), or a new `next build` when there is none or a source file is newer.
 */
export function ensureProductionBuild(): { built: boolean; ms: number } {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const stale = !existsSync(buildId) || Math.max(...SOURCES.map(newestMtime)) > statSync(buildId).mtimeMs;
  if (!stale && process.env.BENCH_REBUILD !== "1") return { built: false, ms: 0 };
  console.log("▶ next build (no build of the current sources)");
  const t0 = performance.now();
  const result = spawnSync("npx", ["next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
  return { built: true, ms: performance.now() - t0 };
}

export type ProductionServer = { url: string; process: Spawned };

/** `npm start` (server.mjs) on PostgreSQL, as in production: secrets set, dev mailbox off. */
export async function startProductionServer(options: {
  port: number;
  databaseUrl: string;
  dataDir: string;
  env: Record<string, string>;
}): Promise<ProductionServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: options.dataDir,
    APP_URL: url,
    AUTH_SECRET: randomBytes(32).toString("base64"),
    TOKEN_HMAC_SECRET: randomBytes(32).toString("base64"),
    ...options.env,
  };
  // BENCH_PROFILE=dir: the server writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(process.env.BENCH_PROFILE)] : [];
  // node on server.mjs directly (not through npm), so the pid is the server's own for CPU
  // accounting; this is what `npm start` runs.
  const server = startProcess(
    process.execPath,
    [...profile, "server.mjs", "-p", String(options.port), "-H", "127.0.0.1"],
    env,
  );
  try {
    await server.waitForLine(/\[gatehouse\] ready/, 60_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url, process: server };
}
