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
