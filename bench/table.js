// Renders result rows as an aligned plain-text table (for the terminal) or as Markdown.

/** Column headings, in order; every row is an object with these keys. */
export const COLUMNS = [
  "figure",
  "this package",
  "official",
  "baseline",
  "ratio",
  "goal",
  "status",
];

const cells = (row) => COLUMNS.map((column) => String(row[column] ?? ""));

/** The rows as a space-aligned table with a rule under the headings. */
export const textTable = (rows) => {
  const lines = [COLUMNS, ...rows.map(cells)];
  const widths = COLUMNS.map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  const render = (line) =>
    line
      .map((cell, i) => cell.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [render(lines[0]), rule, ...lines.slice(1).map(render)].join("\n");
};

/** The rows as a GitHub Markdown table. */
export const markdownTable = (rows) => {
  const escapePipes = (cell) => cell.replaceAll("|", "\\|");
  const line = (items) => `| ${items.map(escapePipes).join(" | ")} |`;
  return [
    line(COLUMNS),
    line(COLUMNS.map(() => "---")),
    ...rows.map((row) => line(cells(row))),
  ].join("\n");
};

/** `1234` → `"1.2 KiB"`. */
export const formatBytes = (bytes) => {
  const units = ["B", "KiB", "MiB", "GiB"];
  if (bytes < 0) return `-${formatBytes(-bytes)}`;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit ? value.toFixed(value < 10 ? 2 : 1) : value} ${units[unit]}`;
};

/** Milliseconds with a precision that suits their size. */
export const formatMs = (ms) =>
  `${ms < 1 ? ms.toFixed(3) : ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;

/** A ratio such as `123x` or `1.04x`. */
export const formatRatio = (ratio) => `${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(2)}x`;

/** The goal and status cells of a row. */
export const goal = (text, met) => ({ goal: text, status: met ? "met" : "MISSED" });
