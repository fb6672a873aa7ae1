/** Small text-formatting helpers for the CLI's tables. */

/** Renders rows as an aligned text table with a header rule. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (c ?? '').padStart(widths[i])).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** "0.996 ± 0.005". */
export function plusMinus(value: number, err: number, digits = 3): string {
  return `${value.toFixed(digits)} ± ${err.toFixed(digits)}`;
}

/** The per-level table of boundary counts (k, N = 2^k, |B_N|, log2|B_N|). */
export function countsTable(counts: readonly number[]): string {
  const rows = counts.map((c, k) => [String(k), String(2 ** k), String(c), Math.log2(c || 1).toFixed(3)]);
  return table(['k', 'N = 2^k', '|B_N|', 'log2|B_N|'], rows);
}

/** One line on a fitted box dimension, or why there is none. */
export function dimensionLine(fit: { dimension: number; stderr: number; levels: readonly number[] }): string {
  return fit.levels.length > 0 && fit.dimension !== 0
    ? `box dimension ${plusMinus(fit.dimension, fit.stderr)} (least squares over levels ${fit.levels[0]}..${fit.levels.at(-1)} with |B| > 1)`
    : 'box dimension 0: fewer than 3 levels with |B| > 1 (no fractal boundary at this depth)';
}
