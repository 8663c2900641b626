import type { ReactNode } from "react";

/**
 * A captioned data table; `columns` are the header cells, rows are already-rendered cells.
 * `stackOnPhone`: below the md breakpoint each row becomes a card (the cells stacked, each
 * with its column's name from `Td`'s `label`), so nothing, the row's action included, sits
 * off-screen behind a sideways scroll on a 390 px phone.
 */
export function Table({
  caption,
  columns,
  children,
  stackOnPhone = false,
}: {
  caption: string;
  columns: string[];
  children: ReactNode;
  stackOnPhone?: boolean;
}) {
  const stacked = stackOnPhone
    ? "max-md:block max-md:[&_tbody]:block max-md:[&_tbody_tr]:block max-md:[&_tbody_tr]:px-3 max-md:[&_tbody_tr]:py-2 max-md:[&_td]:block max-md:[&_td]:px-0 max-md:[&_td]:py-0.5 max-md:[&_td]:[overflow-wrap:anywhere]"
    : "";
  return (
    <div className={`${stackOnPhone ? "md:overflow-x-auto" : "overflow-x-auto"} rounded-lg border border-zinc-200 bg-white`}>
      <table className={`w-full text-left text-sm ${stacked}`}>
        <caption className="sr-only">{caption}</caption>
        <thead className={`bg-zinc-100 text-zinc-700 ${stackOnPhone ? "max-md:sr-only" : ""}`}>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className="px-3 py-2 font-semibold">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200">{children}</tbody>
      </table>
    </div>
  );
}

/** A cell; `label` (its column's name) is shown before it only when a stacked table is on a phone. */
export function Td({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <td className="px-3 py-2 align-top">
      {label ? <span className="font-medium text-zinc-600 md:hidden">{label}: </span> : null}
      {children}
    </td>
  );
}
