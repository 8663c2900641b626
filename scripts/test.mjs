#!/usr/bin/env node
// `npm test`: unit and integration tests (vitest), then the end-to-end suite (Playwright).
import { spawnSync } from "node:child_process";

const steps = [
  ["unit and integration", ["npx", "vitest", "run", "-c", "tests/vitest.config.ts", "--project", "unit", "--project", "integration"]],
  ["e2e", ["node", "scripts/e2e.mjs"]],
];
// Several instances on one database need a PostgreSQL server; they reuse the e2e step's build.
if (process.env.DATABASE_URL) steps.push(["reliability", ["npx", "vitest", "run", "-c", "tests/vitest.config.ts", "--project", "reliability"]]);
else console.log("\n⚠ reliability suite SKIPPED: it starts several servers on one database and needs PostgreSQL; set DATABASE_URL to run it.");

const database = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "PGlite";
for (const [name, [cmd, ...args]] of steps) {
  console.log(`\n▶ ${name} on ${database}\n`);
  const result = spawnSync(cmd, args, { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed`);
    process.exit(result.status ?? 1);
  }
}
console.log(process.env.DATABASE_URL ? "\n✔ all tests passed" : "\n✔ all tests passed (reliability suite skipped: no DATABASE_URL)");
