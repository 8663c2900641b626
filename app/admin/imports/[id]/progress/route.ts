import { getImportProgress } from "@/lib/imports/jobs";
import { withConsoleUser } from "@/lib/web/console-download";

/** The progress bar's numbers as JSON; another organization's import is not found. */
export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return withConsoleUser(async (user) => {
    const progress = await getImportProgress(user.organizationId, (await params).id);
    if (!progress) return Response.json({ error: "not_found" }, { status: 404, headers: { "Cache-Control": "no-store" } });
    return Response.json(progress, { headers: { "Cache-Control": "no-store" } });
  });
}
