import Link from "next/link";

/** Previous / next links that keep the other query parameters. */
export function Pager({ page, hasNext, params, label }: { page: number; hasNext: boolean; params: Record<string, string | undefined>; label: string }) {
  const href = (p: number) => {
    const search = new URLSearchParams(Object.entries({ ...params, page: p > 1 ? String(p) : undefined }).filter(([, v]) => v) as [string, string][]);
    return search.size ? `?${search}` : "?";
  };
  if (page <= 1 && !hasNext) return null;
  return (
    <nav aria-label={label} className="flex items-center gap-3 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className="min-h-11 content-center rounded-md border border-zinc-300 bg-white px-3">
          Previous
        </Link>
      ) : null}
      <span>Page {page}</span>
      {hasNext ? (
        <Link href={href(page + 1)} className="min-h-11 content-center rounded-md border border-zinc-300 bg-white px-3">
          Next
        </Link>
      ) : null}
    </nav>
  );
}
