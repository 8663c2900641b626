import { getDatabase } from "@/lib/infra/database";
import { DEMO_ORGANIZATIONS, seedDemo } from "@/lib/infra/demo-seed";
import { E2E_ORG } from "./accounts";

// Run by scripts/e2e.mjs before the server starts: the demo data plus the e2e-only accounts.
const handle = await getDatabase();
await seedDemo(handle.db, [...DEMO_ORGANIZATIONS, E2E_ORG]);
await handle.close();
