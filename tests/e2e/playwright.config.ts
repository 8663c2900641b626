import path from "node:path";
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const root = path.resolve(import.meta.dirname, "../..");

/** Run through `npm run test:e2e` (scripts/e2e.mjs), which builds the app and prepares the database. */
export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  outputDir: path.join(root, "test-results"),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // A stray test.only would silently shrink the suite to one test.
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  // The console spec changes Demo Wholesale's own users and licences (as its issue asks), so it
  // runs after every other spec has used the demo accounts.
  // The server-log check reads what every other spec left in the server's output, so it runs last.
  projects: [
    { name: "flows", testIgnore: /admin-console\.spec\.ts|server-log\.spec\.ts/ },
    { name: "console", testMatch: /admin-console\.spec\.ts/, dependencies: ["flows"] },
    { name: "logs", testMatch: /server-log\.spec\.ts/, dependencies: ["console"] },
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // `npm start`, as in production (its keep-alive outlasts any idle connection of the suite's).
    // Its output goes to E2E_SERVER_LOG when set (scripts/e2e.mjs), for server-log.spec.ts.
    command: process.env.E2E_SERVER_LOG
      ? `exec npm start -- -p ${PORT} -H 127.0.0.1 >> "${process.env.E2E_SERVER_LOG}" 2>&1`
      : `npm start -- -p ${PORT} -H 127.0.0.1`,
    cwd: root,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...(process.env as Record<string, string>), APP_URL: `http://127.0.0.1:${PORT}` },
  },
});
