import { existsSync, readFileSync, writeFileSync } from "node:fs";

export type Row = {
  figure: string;
  measured: string;
  /** What the figure is held against: its ceiling measured in the same run, or the bare target. */
  ceiling: string;
  ratio: string;
  target: string;
  /** null: reported only (no target). */
  pass: boolean | null;
};

const HEADER = ["figure", "measured", "ceiling (same run)", "ratio", "target", "result"];

function cells(row: Row): string[] {
  return [
    row.figure,
    row.measured,
    row.ceiling,
    row.ratio,
    row.target,
    row.pass === null ? "reported" : row.pass ? "met" : "MISSED",
  ];
}

export function consoleTable(rows: Row[]): string {
  const all = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line(HEADER), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map((r) => line(cells(r)))].join("\n");
}

export function markdownTable(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  return [
    `| ${HEADER.join(" | ")} |`,
    `|${HEADER.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${cells(r).map(esc).join(" | ")} |`),
  ].join("\n");
}

const SKELETON = `# Performance

\`npm run bench\` measures each figure of issue 8 beside its ceiling in the same run and rewrites
the two generated sections below (the full run's, and \`BENCH_QUICK=1\`'s). Everything else on this
page is written by hand.

<!-- bench:full:start -->
<!-- bench:full:end -->

<!-- bench:quick:start -->
<!-- bench:quick:end -->
`;

/** Replaces the generated section of this run's kind (full or quick), keeping the rest of the page. */
export function writeSection(file: string, kind: "full" | "quick", body: string): void {
  let page = existsSync(file) ? readFileSync(file, "utf8") : SKELETON;
  const start = `<!-- bench:${kind}:start -->`;
  const end = `<!-- bench:${kind}:end -->`;
  if (!page.includes(start) || !page.includes(end)) page = `${page.trimEnd()}\n\n${start}\n${end}\n`;
  const before = page.slice(0, page.indexOf(start) + start.length);
  const after = page.slice(page.indexOf(end));
  writeFileSync(file, `${before}\n${body.trim()}\n${after}`);
}
