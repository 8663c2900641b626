import { USER_EXPORT_HEADER, userExportRows } from "@/lib/staff/export";
import { consoleCsvDownload } from "@/lib/web/console-download";

/** Users → Export CSV: the organization's staff users, streamed, no secret of any kind. */
export function GET(): Promise<Response> {
  return consoleCsvDownload("/admin/users/export", "users", USER_EXPORT_HEADER, userExportRows);
}
