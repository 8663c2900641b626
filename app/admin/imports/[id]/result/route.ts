import { rowFailureSentence } from "@/lib/copy/imports";
import { getImport, importResultBatches } from "@/lib/imports/jobs";
import { withConsoleUser } from "@/lib/web/console-download";
import { csvDownloadHeaders, csvStream } from "@/lib/web/csv";

const RESULT_HEADER = ["Row", "Username", "Outcome", "Reason"] as const;

/** The result CSV of an import (row, username, outcome, reason), streamed; another organization's import is not found; an ended session goes to the login page. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return withConsoleUser(
    async (user) => {
      const job = await getImport(user.organizationId, id);
      if (!job) return new Response("Not found", { status: 404 });
      const rows = importResultBatches(user.organizationId, id, rowFailureSentence);
      return new Response(csvStream(RESULT_HEADER, rows), { headers: csvDownloadHeaders(`import-result-${id.slice(0, 8)}.csv`) });
    },
    { loginPath: `/admin/imports/${encodeURIComponent(id)}/result` },
  );
}
