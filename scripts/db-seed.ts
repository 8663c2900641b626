import { seedDemo } from "@/lib/infra/demo-seed";
import { getDatabase } from "@/lib/infra/database";

// `npm run db:seed`: migrate, then add the demo organizations to whichever database is configured.
const handle = await getDatabase();
await seedDemo(handle.db);
console.log(`Demo data is in the ${handle.kind} database.`);
await handle.close();
