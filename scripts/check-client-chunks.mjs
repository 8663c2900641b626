#!/usr/bin/env node
// Fails when a production build ships database code to the browser: drizzle-orm, postgres.js,
// PGlite or a table definition of db/schema.ts in any file under .next/static. Run after
// `next build` (scripts/e2e.mjs does, before the browser tests).
//
//   node scripts/check-client-chunks.mjs [buildDir]
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const staticDir = path.join(path.resolve(root, process.argv[2] ?? ".next"), "static");

// What each library leaves in minified code: names survive as strings. (The bare word
// "drizzle" does not count: it is in the password strength meter's English dictionary.)
const LIBRARIES = [
  { what: "drizzle-orm", pattern: /drizzle-orm|drizzle:(?:Name|Columns|IsDrizzleTable|BaseName)|"Pg(?:Table|Column|Dialect|Database)"/ },
  { what: "postgres.js", pattern: /CONNECTION_DESTROYED|node_modules\/postgres\// },
  { what: "PGlite", pattern: /\bPGlite\b|@electric-sql\/pglite/ },
];

// db/schema.ts's tables and enums by their SQL names, as a quoted string ("password_resets").
const schema = readFileSync(path.join(root, "db/schema.ts"), "utf8");
const sqlNames = [...schema.matchAll(/pg(?:Table|Enum)\(\s*"([a-z_]+)"/g)].map((m) => m[1]);
if (sqlNames.length < 5) throw new Error("check-client-chunks: could not read the table names from db/schema.ts");
const TABLES = { what: "a db/schema.ts table or enum", pattern: new RegExp(`["'\`](?:${sqlNames.join("|")})["'\`]`) };

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : /\.(m?js)$/.test(e.name) ? [full] : [];
  });
}

if (!existsSync(staticDir)) {
  console.error(`check-client-chunks: ${staticDir} does not exist; run next build first.`);
  process.exit(1);
}
const chunks = files(staticDir);
if (chunks.length === 0) {
  console.error(`check-client-chunks: no JavaScript under ${staticDir}; is this a build?`);
  process.exit(1);
}

const found = [];
for (const file of chunks) {
  const text = readFileSync(file, "utf8");
  for (const { what, pattern } of [...LIBRARIES, TABLES]) {
    const match = pattern.exec(text);
    if (match) found.push(`${path.relative(root, file)}: ${what} (${JSON.stringify(match[0])})`);
  }
}
if (found.length) {
  console.error(`Database code in the browser's chunks:\n  ${found.join("\n  ")}\nA client component imports db/ or a server module (tests/unit/layers.test.ts says which).`);
  process.exit(1);
}
console.log(`check-client-chunks: ${chunks.length} client files, no database code.`);
