#!/usr/bin/env node
// Runs the Playwright suite against a production build: `next build`, then `next start` on a
// fresh database (a new PGlite folder, or a new database on DATABASE_URL's server).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const run = (cmd, args, env = process.env) => {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  return r.status ?? 1;
};

async function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  try {
    const { chromium } = await import("@playwright/test");
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // No Playwright browser installed; fall back to the system's.
  }
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

const chromium = await findChromium();
if (!chromium) {
  console.error(
    "\nThe end-to-end tests need Chromium and none was found.\n" +
      "Install one of:\n  sudo apt-get install -y chromium      (Debian/Ubuntu: /usr/bin/chromium)\n" +
      "  npx playwright install chromium       (Playwright's own build)\n" +
      "or point CHROMIUM_PATH at a Chromium or Chrome binary.\n",
  );
  process.exit(1);
}

const env = {
  ...process.env,
  CHROMIUM_PATH: chromium,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  MAIL_TRANSPORT: "dev",
  AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64"),
  TOKEN_HMAC_SECRET: process.env.TOKEN_HMAC_SECRET ?? randomBytes(32).toString("base64"),
  // Every test signs in and asks for resets from 127.0.0.1; the per-IP budgets are proven by the
  // integration tests and, on real servers, by tests/reliability/client-address.test.ts.
  SIGNIN_IP_LIMIT: "100000",
  RESET_REQUEST_IP_LIMIT: "100000",
  // The login form checks each username typed (to offer Reset Password): 60 per 15 minutes ran
  // out mid-suite, and a later test's Reset Password never came.
  USERNAME_CHECK_IP_LIMIT: "100000",
  CODE_ENTRY_IP_LIMIT: "100000",
  CONTACT_SIGNIN_IP_LIMIT: "100000",
  CONTACT_RESET_IP_LIMIT: "100000",
  // Small batches with a rest between them, so the import spec sees its progress bar move.
  IMPORT_BATCH_SIZE: "25",
  IMPORT_BATCH_PAUSE_MS: "150",
};

let dropDatabase = null;
const dataDir = mkdtempSync(path.join(tmpdir(), "gatehouse-e2e-"));
env.DATA_DIR = dataDir;
// The server's whole output, which tests/e2e/server-log.spec.ts scans for the run's secrets.
env.E2E_SERVER_LOG = path.join(dataDir, "server.log");
if (process.env.DATABASE_URL) {
  const { default: postgres } = await import("postgres");
  const name = `gatehouse_e2e_${randomBytes(5).toString("hex")}`;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const cleanup = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  };
} else {
  env.PGLITE_DATA_DIR = path.join(dataDir, "pglite");
}
if (run("npx", ["tsx", "--conditions=react-server", "tests/e2e/support/seed.ts"], env) !== 0) process.exit(1);

let status = process.env.E2E_SKIP_BUILD === "1" ? 0 : run("npx", ["next", "build"], env);
// The build the browser tests run on ships no database code to the browser.
if (status === 0) status = run("node", ["scripts/check-client-chunks.mjs"], env);
if (status === 0) {
  status = run("npx", ["playwright", "test", "-c", "tests/e2e/playwright.config.ts", ...process.argv.slice(2)], env);
  if (status !== 0 && existsSync(env.E2E_SERVER_LOG)) {
    // Kept, not printed: if the failure is a leaked secret, printing the log would spread it.
    mkdirSync("test-results", { recursive: true });
    copyFileSync(env.E2E_SERVER_LOG, "test-results/e2e-server.log");
    console.error("\nThe server's output is in test-results/e2e-server.log.");
  }
}
await dropDatabase?.();
rmSync(dataDir, { recursive: true, force: true });
process.exit(status);
