import type { DailyCounts } from "@/lib/audit/events";

const W = 600;
const H = 160;
const PAD = { top: 10, right: 10, bottom: 24, left: 30 };

/**
 * Password resets and failed sign-ins per day as two lines of inline SVG; the same numbers
 * are in a table for screen readers.
 */
export function SecurityChart({ data }: { data: DailyCounts[] }) {
  const max = Math.max(1, ...data.flatMap((d) => [d.resets, d.failedSignIns]));
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / Math.max(1, data.length - 1);
  const y = (v: number) => H - PAD.bottom - (v * (H - PAD.top - PAD.bottom)) / max;
  const line = (key: "resets" | "failedSignIns") => data.map((d, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(d[key]).toFixed(1)}`).join(" ");
  const total = (key: "resets" | "failedSignIns") => data.reduce((n, d) => n + d[key], 0);
  return (
    <figure className="flex flex-col gap-2">
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-labelledby="security-chart-title">
        <title id="security-chart-title">
          {`Last ${data.length} days: ${total("resets")} password resets and ${total("failedSignIns")} failed sign-ins`}
        </title>
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} stroke="#d4d4d8" />
        <text x={PAD.left - 6} y={PAD.top + 8} textAnchor="end" fontSize="10" fill="#52525b">{max}</text>
        <text x={PAD.left - 6} y={H - PAD.bottom} textAnchor="end" fontSize="10" fill="#52525b">0</text>
        <text x={PAD.left} y={H - 6} fontSize="10" fill="#52525b">{data[0]?.day}</text>
        <text x={W - PAD.right} y={H - 6} textAnchor="end" fontSize="10" fill="#52525b">{data.at(-1)?.day}</text>
        <path d={line("failedSignIns")} fill="none" stroke="#b91c1c" strokeWidth="2" />
        <path d={line("resets")} fill="none" stroke="#1d4ed8" strokeWidth="2" strokeDasharray="6 3" />
      </svg>
      <figcaption className="flex gap-4 text-sm">
        <span><span aria-hidden="true" className="mr-1 inline-block h-0.5 w-5 bg-red-700 align-middle" />Failed sign-ins ({total("failedSignIns")})</span>
        <span><span aria-hidden="true" className="mr-1 inline-block h-0.5 w-5 border-t-2 border-dashed border-brand-600 align-middle" />Password resets ({total("resets")})</span>
      </figcaption>
    </figure>
  );
}
