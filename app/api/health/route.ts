import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/infra/database";
import { apiUnavailable } from "@/lib/web/api";
import { noteDatabaseError, noteDatabaseUp } from "@/lib/infra/availability";

export const dynamic = "force-dynamic";

/** Always asks the database itself (never the process's last view of it): balancers act on this. */
export async function GET() {
  try {
    const handle = await getDatabase();
    await handle.db.execute(sql`select 1`);
    noteDatabaseUp();
    return Response.json({ ok: true, database: handle.kind });
  } catch (error) {
    noteDatabaseError(error);
    return apiUnavailable();
  }
}
