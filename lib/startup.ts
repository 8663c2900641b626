import { getDatabase } from "@/db";
import { getSecrets } from "./env";
import { startMailSweeper } from "./mail";

export async function startServer(): Promise<void> {
  try {
    getSecrets();
    const handle = await getDatabase();
    startMailSweeper();
    console.log(`[gatehouse] ready on the ${handle.kind} database`);
  } catch (error) {
    // A clear sentence instead of a stack trace, then stop: the server cannot work like this.
    console.error(`\n${(error as Error).message}\n`);
    process.exit(1);
  }
}
