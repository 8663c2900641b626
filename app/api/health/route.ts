import { sql } from "drizzle-orm";
import { getDatabase } from "@/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const handle = await getDatabase();
    await handle.db.execute(sql`select 1`);
    return Response.json({ ok: true, database: handle.kind });
  } catch {
    return Response.json({ ok: false, error: "database_unavailable" }, { status: 503 });
  }
}
