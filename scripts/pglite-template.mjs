#!/usr/bin/env node
// npm install's postinstall: run PGlite's initdb now, so the first `npm run dev` loads it instead
// (db/pglite-template.mjs). A failure here only costs that first start its speed.
import { ensurePgliteTemplate } from "../db/pglite-template.mjs";

const started = performance.now();
try {
  const file = await ensurePgliteTemplate();
  console.log(`[gatehouse] embedded database template ready in ${((performance.now() - started) / 1000).toFixed(1)} s (${file})`);
} catch (error) {
  console.warn(`[gatehouse] could not prepare the embedded database template (the first start will make it): ${error.message}`);
}
