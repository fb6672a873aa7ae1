/** Tables as CSV (d3-dsv). Files are written with `writeFileAtomic` (src/files.ts). */
import { csvFormat } from 'd3-dsv';
import type { Row } from './recipe.js';

/** A table as CSV text (header from the first row's columns). */
export function toCsv(rows: readonly Row[]): string {
  return csvFormat(rows as Row[] as object[] as never) + '\n';
}
