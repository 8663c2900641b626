import { CONTACT_EXPORT_HEADER, contactExportRows } from "@/lib/contacts/export";
import { consoleCsvDownload } from "@/lib/web/console-download";

/** Contacts → Export CSV: the organization's contacts, streamed, no secret of any kind. */
export function GET(): Promise<Response> {
  return consoleCsvDownload("/admin/contacts/export", "contacts", CONTACT_EXPORT_HEADER, contactExportRows);
}
