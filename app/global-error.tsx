"use client";

import "./globals.css";
import { UnavailableNotice } from "@/components/unavailable-notice";
import { UNAVAILABLE_TITLE } from "@/lib/copy/messages";

/** A failure of the root layout itself: the same notice in a document of its own. */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <title>{UNAVAILABLE_TITLE}</title>
        <UnavailableNotice retry={retry} />
      </body>
    </html>
  );
}
