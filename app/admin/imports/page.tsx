import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { PageHeading } from "@/components/ui/page-heading";
import { Table, Td } from "@/components/ui/table";
import { formatDateTime } from "@/lib/copy/format";
import { IMPORT_COPY } from "@/lib/copy/imports";
import { listImports } from "@/lib/imports/jobs";
import { IMPORT_LIMITS } from "@/lib/imports/parse";
import { requireConsoleUser } from "@/lib/sessions/guards";
import { parseSearchParams } from "@/lib/web/schemas";
import { uploadImportAction } from "./actions";
import { UploadForm } from "./upload-form";

export const metadata: Metadata = { title: "Import CSV" };

const Params = z.object({ kind: z.enum(["contacts", "staff"]).catch("contacts").default("contacts") });

const KIND_LABELS = { contacts: "Contacts", staff: "Users" } as const;
const KIND_OPTIONS = [
  { value: "contacts", label: "Contacts of retailers" },
  { value: "staff", label: "Users (staff)" },
] as const;
const STATUS_LABELS = { preview: "Preview", queued: "Queued", running: "Running", done: "Finished" } as const;

/** Upload a CSV of contacts or users; the latest imports below, each linking to its preview or progress. */
export default async function ImportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requireConsoleUser("/admin/imports");
  const { data } = parseSearchParams(Params, await searchParams);
  const recent = await listImports(user.organizationId);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading>Import CSV</PageHeading>
      <p className="max-w-2xl text-sm text-zinc-700">{IMPORT_COPY.intro}</p>
      <ul className="max-w-2xl list-disc pl-5 text-sm text-zinc-700">
        <li>{IMPORT_COPY.contactsColumns}</li>
        <li>{IMPORT_COPY.staffColumns}</li>
        <li>{IMPORT_COPY.separators}</li>
        <li>{IMPORT_COPY.idempotent}</li>
      </ul>
      <UploadForm action={uploadImportAction} kinds={KIND_OPTIONS} initialKind={data.kind} maxBytes={IMPORT_LIMITS.maxBytes} />
      {recent.length ? (
        <section aria-labelledby="recent-imports" className="flex flex-col gap-2">
          <h2 id="recent-imports" className="text-lg font-semibold">
            Recent imports
          </h2>
          <Table caption="Recent imports" columns={["File", "Of", "Rows", "Status", "Uploaded"]} stackOnPhone>
            {recent.map((job) => (
              <tr key={job.id}>
                <Td label="File">
                  <Link href={`/admin/imports/${job.id}`} className="text-brand-700 underline underline-offset-2">
                    {job.filename}
                  </Link>
                </Td>
                <Td label="Of">{KIND_LABELS[job.kind]}</Td>
                <Td label="Rows">{job.totalRows}</Td>
                <Td label="Status">{STATUS_LABELS[job.status]}</Td>
                <Td label="Uploaded">{formatDateTime(job.createdAt)}</Td>
              </tr>
            ))}
          </Table>
        </section>
      ) : null}
    </div>
  );
}
