#!/usr/bin/env node
// `npm test`: unit and integration tests (vitest), then the end-to-end suite (Playwright).
import { spawnSync } from "node:child_process";

const steps = [
  ["vitest", ["npx", "vitest", "run", "-c", "tests/vitest.config.ts"]],
  ["e2e", ["node", "scripts/e2e.mjs"]],
];

const database = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "PGlite";
for (const [name, [cmd, ...args]] of steps) {
  console.log(`\n▶ ${name} on ${database}\n`);
  const result = spawnSync(cmd, args, { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed`);
    process.exit(result.status ?? 1);
  }
}
console.log("\n✔ all tests passed");
