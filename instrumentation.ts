/**
 * Runs once when a server process starts: check the secrets, open and migrate the database
 * (seeding the embedded one on first run), then start the mail sweeper.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/startup");
  await startServer();
}
