"use client";

import "./globals.css";
import { UnavailableNotice } from "@/components/unavailable-notice";

/** A failure of the root layout itself: the same notice in a document of its own. */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <title>Temporarily unavailable · Gatehouse</title>
        <UnavailableNotice retry={retry} />
      </body>
    </html>
  );
}
