import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { SIZES } from "../config";
import { startProcess, type LogLine } from "../processes";
import { percentile } from "../stats";

export type StartFigures = {
  /** Median, over the rounds, from spawning `npm run dev` to the first 200 from /login. */
  totalMs: number;
  /** Median, over the same rounds, of a bare Next.js app's `npm run dev` to its first 200. */
  floorMs: number;
  /** Each round: Gatehouse, then the bare app, one after the other. */
  rounds: { appMs: number; floorMs: number }[];
  /** The steps of the round whose start was the median one. */
  steps: { name: string; ms: number }[];
  dominant: { name: string; ms: number };
  /** What Next printed for the first /login, if it did. */
  firstRequestLog: string | null;
};

/**
 * Figure 6: Gatehouse's `npm run dev` on a fresh clone beside the floor, a bare Next.js app's,
 * alternating round by round so the machine's load falls on both alike.
 */
export async function measureStart(port: number): Promise<StartFigures> {
  const runs: AppStart[] = [];
  const rounds: StartFigures["rounds"] = [];
  for (let round = 0; round < SIZES.startRounds; round++) {
    const app = await measureAppStart(port);
    const floorMs = await measureBareStart(port);
    runs.push(app);
    rounds.push({ appMs: app.totalMs, floorMs });
  }
  const totalMs = median(runs.map((r) => r.totalMs));
  const typical = runs.reduce((a, b) => (Math.abs(b.totalMs - totalMs) < Math.abs(a.totalMs - totalMs) ? b : a));
  return { ...typical, totalMs, floorMs: median(rounds.map((r) => r.floorMs)), rounds };
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

type AppStart = Omit<StartFigures, "floorMs" | "rounds">;

/**
 * The floor: one page and its layout, generated into a fresh folder, using this repo's installed
 * next/react (node_modules is a link) and the same bundler, started the same way (`npm run dev`),
 * timed to its first 200.
 */
async function measureBareStart(port: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-bench-bare-"));
  try {
    const modules = realpathSync(path.join(process.cwd(), "node_modules"));
    mkdirSync(path.join(dir, "app"));
    symlinkSync(modules, path.join(dir, "node_modules"));
    const files: Record<string, string> = {
      "package.json": JSON.stringify({ name: "bare", private: true, type: "module", scripts: { dev: "next dev --turbopack" } }),
      // Turbopack compiles nothing outside its root, and the linked node_modules lives elsewhere.
      "next.config.mjs": `export default { turbopack: { root: ${JSON.stringify(commonAncestor(dir, modules))} } };\n`,
      // Written here as create-next-app would, so Next does not spend the first start writing one.
      "tsconfig.json": JSON.stringify({
        compilerOptions: {
          target: "ES2017",
          lib: ["dom", "dom.iterable", "esnext"],
          strict: true,
          noEmit: true,
          module: "esnext",
          moduleResolution: "bundler",
          jsx: "react-jsx",
          isolatedModules: true,
          skipLibCheck: true,
          plugins: [{ name: "next" }],
        },
        include: ["next-env.d.ts", "**/*.ts", "**/*.tsx"],
      }),
      "app/layout.tsx": `export default function Layout({ children }: { children: React.ReactNode }) {\n  return <html lang="en"><body>{children}</body></html>;\n}\n`,
      "app/page.tsx": `export default function Page() {\n  return <h1>Hello</h1>;\n}\n`,
    };
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
    const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
    // next dev sets its own; an inherited "production" would make it refuse to start in dev.
    Reflect.deleteProperty(env, "NODE_ENV");
    const dev = startProcess("npm", ["run", "dev", "--", "--port", String(port), "--hostname", "127.0.0.1"], env, dir);
    try {
      const status = await firstOk(`http://127.0.0.1:${port}/`, () => dev.child.exitCode !== null);
      if (status !== 200) throw new Error(`bare Next.js app: / never answered 200 (last ${status})\n${tailOf(dev.lines)}`);
      return performance.now() - dev.startedAt;
    } finally {
      await dev.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function commonAncestor(a: string, b: string): string {
  const pa = realpathSync(a).split(path.sep);
  const pb = b.split(path.sep);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  return pa.slice(0, i).join(path.sep) || path.sep;
}

/** Polls `url` until it answers 200, the process is gone, or four minutes pass; the last status. */
async function firstOk(url: string, exited: () => boolean): Promise<number> {
  const deadline = performance.now() + 240_000;
  let status = 0;
  while (performance.now() < deadline && !exited()) {
    status = await get(url).catch(() => 0);
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return status;
}

function tailOf(lines: LogLine[]): string {
  return lines
    .slice(-20)
    .map((l) => l.text)
    .join("\n");
}

/**
 * `npm run dev` as on a fresh clone (no .next/dev cache, a new embedded database and DATA_DIR),
 * timed to the first 200 from /login, split into the steps its log shows.
 */
async function measureAppStart(port: number): Promise<AppStart> {
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-bench-dev-"));
  // A fresh clone has no development build cache.
  rmSync(path.join(process.cwd(), ".next", "dev"), { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PGLITE_DATA_DIR: path.join(dir, "pglite"),
    DATA_DIR: dir,
    APP_URL: `http://127.0.0.1:${port}`,
  };
  for (const key of [
    "NODE_ENV",
    "DATABASE_URL",
    "AUTH_SECRET",
    "TOKEN_HMAC_SECRET",
    "MAIL_TRANSPORT",
    "RESEND_API_KEY",
    "RESEND_BASE_URL",
  ]) {
    delete env[key];
  }
  const dev = startProcess("npm", ["run", "dev", "--", "--port", String(port), "--hostname", "127.0.0.1"], env);
  try {
    const status = await firstOk(`http://127.0.0.1:${port}/login`, () => dev.child.exitCode !== null);
    const done = performance.now();
    if (status !== 200) throw new Error(`npm run dev: /login never answered 200 (last ${status})\n${tailOf(dev.lines)}`);
    // Let the request's log line arrive.
    await new Promise((r) => setTimeout(r, 300));
    if (process.env.BENCH_DEBUG)
      for (const l of dev.lines) console.log(`  ${((l.at - dev.startedAt) / 1000).toFixed(2)} s  ${l.text}`);
    await dev.stop();
    const steps = splitSteps(dev.lines, dev.startedAt, done, readCompileTrace());
    return {
      totalMs: done - dev.startedAt,
      steps,
      dominant: steps.reduce((a, b) => (b.ms > a.ms ? b : a)),
      firstRequestLog: dev.lines.find((l) => /GET \/login/.test(l.text))?.text.trim() ?? null,
    };
  } finally {
    await dev.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Next's dev trace (.next/dev/trace): how long each compile took, by what it compiled. */
function readCompileTrace(): { trigger: string; ms: number }[] {
  const file = path.join(process.cwd(), ".next", "dev", "trace");
  if (!existsSync(file)) return [];
  const spans: { name: string; duration: number; tags?: { trigger?: string } }[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    try {
      if (line.trim()) spans.push(...(JSON.parse(line) as typeof spans));
    } catch {
      // A line cut short by the stop.
    }
  }
  return spans
    .filter((s) => s.name === "compile-path" && s.tags?.trigger)
    .map((s) => ({ trigger: s.tags!.trigger!, ms: s.duration / 1000 }));
}

/**
 * Where the time went: Next listening, each compile (Next's trace), the database step
 * (lib/startup.ts prints its own duration) and the first render (Next prints it); the rest is
 * npm, Next's own set-up and waiting between them.
 */
function splitSteps(lines: LogLine[], t0: number, done: number, compiles: { trigger: string; ms: number }[]) {
  const find = (pattern: RegExp) => lines.find((l) => pattern.test(l.text));
  const steps: { name: string; ms: number }[] = [];
  const listening = find(/Ready in/);
  if (listening) steps.push({ name: "npm + Next.js listening", ms: listening.at - t0 });
  for (const c of compiles) steps.push({ name: `compile ${c.trigger}`, ms: c.ms });
  const db = find(/\[gatehouse\] ready/);
  const dbSeconds = db ? Number(/in ([\d.]+) s\)/.exec(db.text)?.[1]) : Number.NaN;
  if (Number.isFinite(dbSeconds)) steps.push({ name: "PGlite: create, migrate, seed", ms: dbSeconds * 1000 });
  const request = find(/GET \/login 200 in/);
  const renderMs = request ? durationMs(/in ([\d.]+m?s)/.exec(request.text)?.[1]) : Number.NaN;
  if (Number.isFinite(renderMs)) steps.push({ name: "render /login", ms: renderMs });
  const accounted = steps.reduce((a, s) => a + s.ms, 0);
  steps.push({ name: "other (Next set-up, waiting)", ms: Math.max(0, done - t0 - accounted) });
  return steps;
}

function durationMs(text: string | undefined): number {
  if (!text) return Number.NaN;
  return text.endsWith("ms") ? Number(text.slice(0, -2)) : Number(text.slice(0, -1)) * 1000;
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
