"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { IMPORT_COPY } from "@/lib/copy/imports";
import type { ImportProgress } from "@/lib/imports/jobs";

const POLL_MS = 1000;

/**
 * A live progress bar: rows done of the total, the rate and the time left, read every second
 * from the job in the database (so it survives a reload and shows work done by any instance).
 * When the job is done the page reloads its data to show the result.
 */
export function ImportProgressView({ importId, initial }: { importId: string; initial: ImportProgress }) {
  const [progress, setProgress] = useState(initial);
  const router = useRouter();
  useEffect(() => {
    if (progress.status === "done") return;
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/admin/imports/${importId}/progress`, { cache: "no-store" });
        if (!response.ok || stopped) return;
        const next = (await response.json()) as ImportProgress;
        setProgress(next);
        if (next.status === "done") router.refresh();
      } catch {
        // A missed poll is retried on the next tick.
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [importId, progress.status, router]);

  const percent = progress.total ? Math.floor((progress.done / progress.total) * 100) : 0;
  const status = progress.status === "done" ? IMPORT_COPY.done : progress.status === "queued" ? IMPORT_COPY.queued : IMPORT_COPY.running;
  return (
    <section aria-labelledby="import-progress-label" className="flex max-w-2xl flex-col gap-2">
      <h2 id="import-progress-label" className="text-lg font-semibold">
        Progress
      </h2>
      <progress
        aria-labelledby="import-progress-label"
        aria-describedby="import-progress-text"
        max={progress.total}
        value={progress.done}
        className="h-4 w-full accent-brand-700"
      >
        {percent}%
      </progress>
      <p id="import-progress-text" className="text-sm">
        <span data-testid="import-done">{progress.done}</span> of <span data-testid="import-total">{progress.total}</span> rows ({percent}%)
        {progress.rowsPerSecond ? <> · {Math.round(progress.rowsPerSecond)} rows a second</> : null}
        {progress.status !== "done" && progress.secondsLeft !== null ? <> · {IMPORT_COPY.timeLeft(progress.secondsLeft)}</> : null}
      </p>
      <p role="status" className="text-sm text-zinc-700">
        {status}
      </p>
      <dl className="grid grid-cols-2 gap-x-6 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-zinc-600">Created</dt>
          <dd className="font-semibold">{progress.created}</dd>
        </div>
        <div>
          <dt className="text-zinc-600">Updated</dt>
          <dd className="font-semibold">{progress.updated}</dd>
        </div>
        <div>
          <dt className="text-zinc-600">Unchanged</dt>
          <dd className="font-semibold">{progress.unchanged}</dd>
        </div>
        <div>
          <dt className="text-zinc-600">Failed</dt>
          <dd className="font-semibold">{progress.failed}</dd>
        </div>
      </dl>
    </section>
  );
}
