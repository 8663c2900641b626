import type { ReactNode } from "react";

/**
 * A titled card of a page: a region named by its heading (`${id}-heading`), so screen readers
 * list it among the page's landmarks. `description` is a line under the title.
 */
export function Panel({ id, title, description, children }: { id: string; title: string; description?: ReactNode; children: ReactNode }) {
  const headingId = `${id}-heading`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-zinc-200 bg-white p-4">
      <h2 id={headingId} className={`${description ? "mb-1" : "mb-3"} text-lg font-semibold`}>
        {title}
      </h2>
      {description ? <p className="mb-3 text-sm text-zinc-700">{description}</p> : null}
      {children}
    </section>
  );
}
