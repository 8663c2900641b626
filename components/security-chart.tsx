import type { DailyCounts } from "@/lib/audit/events";
import { Table, Td } from "@/components/ui/table";

const W = 600;
const H = 180;
const PAD = { top: 12, right: 12, bottom: 26, left: 32 };

type SeriesKey = "failedSignIns" | "resets";

/**
 * Each series differs in three ways besides colour (line style, marker shape, marker fill), so
 * they can be told apart in greyscale, by colour-blind readers and where the lines overlap: the
 * hollow square of a reset stays visible around the dot of a failed sign-in on the same value.
 */
const SERIES: { key: SeriesKey; label: string; colour: string; dash?: string; marker: "dot" | "square" }[] = [
  { key: "failedSignIns", label: "Failed sign-ins", colour: "#b91c1c", marker: "dot" },
  { key: "resets", label: "Password resets", colour: "#1d4ed8", dash: "6 4", marker: "square" },
];

function Marker({ kind, colour, cx, cy }: { kind: "dot" | "square"; colour: string; cx: number; cy: number }) {
  return kind === "dot" ? (
    <circle cx={cx} cy={cy} r={3} fill={colour} />
  ) : (
    <rect x={cx - 4.5} y={cy - 4.5} width={9} height={9} fill="#ffffff" stroke={colour} strokeWidth={2} />
  );
}

/** The legend's sample: a short stretch of the series' line with its marker, as drawn in the chart. */
function LegendSample({ series }: { series: (typeof SERIES)[number] }) {
  return (
    <svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true" className="mr-1.5 inline-block align-middle">
      <line x1={0} x2={28} y1={6} y2={6} stroke={series.colour} strokeWidth={2} strokeDasharray={series.dash} />
      <Marker kind={series.marker} colour={series.colour} cx={14} cy={6} />
    </svg>
  );
}

/**
 * Password resets and failed sign-ins per day as two lines of inline SVG, with a legend, and
 * the same numbers in a table behind "Show as table" for screen readers and anyone who wants
 * the exact counts.
 */
export function SecurityChart({ data }: { data: DailyCounts[] }) {
  const max = Math.max(1, ...data.flatMap((d) => [d.resets, d.failedSignIns]));
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / Math.max(1, data.length - 1);
  const y = (v: number) => H - PAD.bottom - (v * (H - PAD.top - PAD.bottom)) / max;
  const line = (key: SeriesKey) => data.map((d, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(d[key]).toFixed(1)}`).join(" ");
  const total = (key: SeriesKey) => data.reduce((n, d) => n + d[key], 0);
  const gridValues = [...new Set([0, Math.round(max / 2), max])];
  const dayTicks = [...new Set([0, Math.floor((data.length - 1) / 2), data.length - 1])].filter((i) => i >= 0 && data[i]);
  return (
    <figure className="flex flex-col gap-3" aria-labelledby="security-chart-title">
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-labelledby="security-chart-title">
        <title id="security-chart-title">
          {`Last ${data.length} days: ${total("resets")} password resets and ${total("failedSignIns")} failed sign-ins; Show as table lists them per day`}
        </title>
        {gridValues.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke={v ? "#e4e4e7" : "#a1a1aa"} />
            <text x={PAD.left - 6} y={y(v) + 3.5} textAnchor="end" fontSize="10" fill="#52525b">
              {v}
            </text>
          </g>
        ))}
        {dayTicks.map((i, n) => (
          <text
            key={i}
            x={x(i)}
            y={H - 8}
            textAnchor={n === 0 ? "start" : i === data.length - 1 ? "end" : "middle"}
            fontSize="10"
            fill="#52525b"
          >
            {data[i]!.day}
          </text>
        ))}
        {SERIES.map((s) => (
          <g key={s.key} data-series={s.key}>
            <path d={line(s.key)} fill="none" stroke={s.colour} strokeWidth={2} strokeDasharray={s.dash} />
            {data.map((d, i) => (
              <Marker key={d.day} kind={s.marker} colour={s.colour} cx={x(i)} cy={y(d[s.key])} />
            ))}
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm" aria-label="Legend">
          {SERIES.map((s) => (
            <li key={s.key}>
              <LegendSample series={s} />
              {s.label}: <strong>{total(s.key)}</strong>
            </li>
          ))}
        </ul>
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-brand-700 underline-offset-2 hover:underline">Show as table</summary>
        <div className="mt-2">
          <Table caption="Password resets and failed sign-ins per day" columns={["Day", ...SERIES.map((s) => s.label)]}>
            {data.map((d) => (
              <tr key={d.day}>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  {d.day}
                </th>
                {SERIES.map((s) => (
                  <Td key={s.key}>{d[s.key]}</Td>
                ))}
              </tr>
            ))}
          </Table>
        </div>
      </details>
    </figure>
  );
}
