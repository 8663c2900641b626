"use client";

import { UnavailableNotice } from "@/components/unavailable-notice";

/** Any page whose render failed (a database outage met mid-render among them), inside the root layout. */
export default function Error({ retry }: { error: unknown; retry: () => void }) {
  return <UnavailableNotice retry={retry} />;
}
