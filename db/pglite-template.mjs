// PGlite's initdb, once per installed PGlite version. Creating a database folder runs initdb in
// WebAssembly (4–16 s on 2 shared cores, the largest step of a first `npm run dev`); loading
// initdb's output from a tarball instead takes about a second. The tarball holds an empty
// cluster, before any migration, so it depends on PGlite's version alone and a new migration
// never makes it stale. Plain JavaScript because `npm install` makes it (scripts/pglite-template.mjs)
// before tsx may be there; db/client.ts uses it at run time.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";

function pgliteVersion() {
  // The package's exports hide its package.json from require/import, not from the file system.
  const manifest = path.join(process.cwd(), "node_modules", "@electric-sql", "pglite", "package.json");
  return JSON.parse(readFileSync(manifest, "utf8")).version;
}

/** Kept with the installed packages: a fresh install (or another PGlite) starts without it. */
export function pgliteTemplatePath() {
  return path.join(process.cwd(), "node_modules", ".cache", "gatehouse", `pglite-${pgliteVersion()}-initdb.tar.gz`);
}

/** The template for PGlite's `loadDataDir`, or null when none was made yet. */
export function readPgliteTemplate() {
  const file = pgliteTemplatePath();
  return existsSync(file) ? new Blob([readFileSync(file)]) : null;
}

/** Keeps a just-initialised cluster as the template (written whole, then renamed, for concurrent starts). */
export async function savePgliteTemplate(client) {
  const file = pgliteTemplatePath();
  const dump = await client.dumpDataDir("gzip");
  mkdirSync(path.dirname(file), { recursive: true });
  // Test workers may be threads of one process: the pid alone would not keep them apart.
  const partial = `${file}.${randomUUID()}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
}

/** Makes the template unless it exists; returns its path. */
export async function ensurePgliteTemplate() {
  const file = pgliteTemplatePath();
  if (existsSync(file)) return file;
  const client = new PGlite();
  await client.waitReady;
  await savePgliteTemplate(client);
  await client.close();
  return file;
}
