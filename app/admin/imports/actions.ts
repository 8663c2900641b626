"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { fileRefusalSentence, IMPORT_COPY, IMPORT_FIELD_COPY } from "@/lib/copy/imports";
import { confirmImport, previewImport } from "@/lib/imports/preview";
import { kickImportRunner } from "@/lib/imports/runner";

const kindField = z.enum(["contacts", "staff"], { error: IMPORT_FIELD_COPY.chooseKind });

/** Upload: the file is read, checked and kept as a preview; nothing else is written. */
export const uploadImportAction = defineAction({
  schema: z.object({ kind: kindField }),
  access: "console",
  async run(input, { user, files }) {
    const file = files.file;
    if (!file || (file.size === 0 && !file.name)) return { ok: false, fieldErrors: { file: fileRefusalSentence({ reason: "no_file" }) } };
    const result = await previewImport({ id: user.id, organizationId: user.organizationId }, input.kind, {
      name: file.name || "import.csv",
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    if (!result.ok) return { ok: false, fieldErrors: { file: fileRefusalSentence(result) } };
    redirect(`/admin/imports/${result.jobId}`);
  },
});

/** Confirm: the preview becomes a job that runs in the background; the page then shows its progress. */
export const confirmImportAction = defineAction({
  schema: z.object({
    importId: z.uuid(IMPORT_COPY.notFound),
    sendWelcome: z
      .enum(["on"])
      .optional()
      .transform((v) => v === "on"),
  }),
  access: "console",
  async run(input, { user, meta }) {
    const result = await confirmImport({ id: user.id, organizationId: user.organizationId }, input.importId, { sendWelcome: input.sendWelcome }, meta);
    if (!result.ok) {
      const message =
        result.reason === "not_found" ? IMPORT_COPY.notFound : result.reason === "already_confirmed" ? IMPORT_COPY.alreadyConfirmed : IMPORT_COPY.cannotConfirm;
      return { ok: false, message };
    }
    kickImportRunner();
    redirect(`/admin/imports/${input.importId}`);
  },
});
