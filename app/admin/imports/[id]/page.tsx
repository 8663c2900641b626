import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { PageHeading } from "@/components/ui/page-heading";
import { Table, Td } from "@/components/ui/table";
import { IMPORT_COPY, rowFailureSentence, rowProblemSentence } from "@/lib/copy/imports";
import { getImport, getImportProgress, listImportProblems, listImportResults } from "@/lib/imports/jobs";
import { requireConsoleUser } from "@/lib/sessions/guards";
import { confirmImportAction } from "../actions";
import { ConfirmForm } from "./confirm-form";
import { ImportProgressView } from "./import-progress";

export const metadata: Metadata = { title: "Import" };

/** The rows shown on the page; the result CSV has them all. */
const SHOWN_ROWS = 100;

const COLUMN_LABELS: Record<string, string> = {
  retailer: "Retailer",
  name: "Contact name",
  displayName: "Name",
  username: "Username",
  email: "Email",
  emailTo: "Email to",
  userType: "User type",
  websiteAccess: "Website access",
  row: "Row",
};

const OUTCOME_LABELS = { created: "Created", updated: "Updated", unchanged: "Unchanged", failed: "Failed" } as const;

/** One import: its preview (problems, licences, Confirm), then its live progress and result. Another organization's import is a 404. */
export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireConsoleUser(`/admin/imports/${id}`);
  const job = await getImport(user.organizationId, id);
  if (!job) notFound();
  const what = job.kind === "contacts" ? "contacts" : "users";
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        <Link href={`/admin/imports?kind=${job.kind}`} className="text-brand-700 underline underline-offset-2">
          Import CSV
        </Link>{" "}
        / {job.filename}
      </p>
      <PageHeading>{job.status === "preview" ? `Preview: ${job.filename}` : `Import: ${job.filename}`}</PageHeading>
      {job.status === "preview" ? <Preview jobId={job.id} organizationId={user.organizationId} job={job} what={what} /> : <Run jobId={job.id} organizationId={user.organizationId} />}
    </div>
  );
}

async function Preview({ jobId, organizationId, job, what }: { jobId: string; organizationId: string; job: NonNullable<Awaited<ReturnType<typeof getImport>>>; what: string }) {
  const problems = job.problemRows ? await listImportProblems(organizationId, jobId, SHOWN_ROWS) : [];
  const shortfall = job.licences && job.licences.missing > 0 ? job.licences : null;
  const valid = job.totalRows - job.problemRows;
  return (
    <>
      <dl className="grid max-w-xl grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-zinc-600">Rows</dt>
          <dd className="text-lg font-semibold">{job.totalRows}</dd>
        </div>
        <div>
          <dt className="text-zinc-600">New {what}</dt>
          <dd className="text-lg font-semibold">{job.plannedCreates}</dd>
        </div>
        <div>
          <dt className="text-zinc-600">To update</dt>
          <dd className="text-lg font-semibold">{valid - job.plannedCreates}</dd>
        </div>
        <div>
          <dt className="text-zinc-600">With problems</dt>
          <dd className="text-lg font-semibold">{job.problemRows}</dd>
        </div>
      </dl>
      {shortfall ? (
        <Alert tone="error">
          {IMPORT_COPY.licenceShortfall(job.plannedCreates, shortfall.free)}{" "}
          <Link href="/admin/subscription" className="font-semibold underline underline-offset-2">
            Subscription
          </Link>
        </Alert>
      ) : null}
      {job.problemRows ? (
        <>
          <Alert tone="error">{IMPORT_COPY.problemsFound(job.problemRows)}</Alert>
          <Table caption="Rows with problems" columns={["Row", "Username", "Column", "Problem"]} stackOnPhone>
            {problems.flatMap((row) =>
              row.problems.map((p, i) => (
                <tr key={`${row.rowNumber}-${i}`}>
                  <Td label="Row">{row.rowNumber}</Td>
                  <Td label="Username">{row.username || "—"}</Td>
                  <Td label="Column">{COLUMN_LABELS[p.field] ?? p.field}</Td>
                  <Td label="Problem">{rowProblemSentence(p)}</Td>
                </tr>
              )),
            )}
          </Table>
          {job.problemRows > problems.length ? <p className="text-sm text-zinc-600">{IMPORT_COPY.firstRowsShown(problems.length)}</p> : null}
          <p>
            <Link href={`/admin/imports?kind=${job.kind}`} className="text-brand-700 underline underline-offset-2">
              Upload a corrected file
            </Link>
          </p>
        </>
      ) : null}
      {!job.problemRows && !shortfall ? (
        <>
          <Alert tone="success">{IMPORT_COPY.readyToImport}</Alert>
          <ConfirmForm action={confirmImportAction} importId={jobId} welcomeLabel={job.kind === "contacts" ? "Send welcome emails" : "Send invites"} />
        </>
      ) : null}
    </>
  );
}

async function Run({ jobId, organizationId }: { jobId: string; organizationId: string }) {
  const progress = (await getImportProgress(organizationId, jobId))!;
  const results = progress.status === "done" ? await listImportResults(organizationId, jobId, { limit: SHOWN_ROWS }) : [];
  return (
    <>
      <ImportProgressView importId={jobId} initial={progress} />
      {progress.status === "done" ? (
        <section aria-labelledby="import-result" className="flex flex-col gap-2">
          <h2 id="import-result" className="text-lg font-semibold">
            Result
          </h2>
          <p>
            <a href={`/admin/imports/${jobId}/result`} download className="text-brand-700 underline underline-offset-2">
              Download the result CSV
            </a>
            {progress.total > SHOWN_ROWS ? <span className="text-sm text-zinc-600"> (the first {SHOWN_ROWS} rows are shown here)</span> : null}
          </p>
          <Table caption="Result of each row" columns={["Row", "Username", "Outcome", "Reason"]} stackOnPhone>
            {results.map((r) => (
              <tr key={r.rowNumber}>
                <Td label="Row">{r.rowNumber}</Td>
                <Td label="Username">{r.username}</Td>
                <Td label="Outcome">{r.outcome ? OUTCOME_LABELS[r.outcome] : "—"}</Td>
                <Td label="Reason">{r.reason ? rowFailureSentence(r.reason) : ""}</Td>
              </tr>
            ))}
          </Table>
        </section>
      ) : null}
    </>
  );
}
