/**
 * Runs once when a server process starts: check the secrets, open and migrate the database
 * (seeding the embedded one on first run), then start the mail sweeper. `npm run dev` waits for
 * it in server.mjs instead, compiling the first page meanwhile (lib/startup.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer, handOverStart } = await import("@/lib/startup");
  const started = startServer();
  if (!handOverStart(started)) await started;
}

/**
 * Every error Next.js caught in a page, action or route. A page's render that met a database
 * outage has already answered (500: Next.js gives a failed render no other status); noting it
 * here makes the proxy answer the following requests with the 503 page.
 */
export async function onRequestError(error: unknown) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { noteDatabaseError } = await import("@/lib/infra/availability");
  noteDatabaseError(error);
}
