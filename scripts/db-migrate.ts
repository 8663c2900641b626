import { getDatabase } from "@/lib/infra/database";

// `npm run db:migrate`: opening the database applies the committed migrations.
const handle = await getDatabase();
console.log(`Migrations applied to the ${handle.kind} database.`);
await handle.close();
