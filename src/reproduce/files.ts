/**
 * Writing output files atomically (a temporary file renamed over the target, so an
 * interrupted run never leaves half a file), and tables as CSV (d3-dsv).
 */
import { mkdir, rename, writeFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { csvFormat } from 'd3-dsv';
import type { Row } from './recipe.js';

let counter = 0;

/** Writes `data` to `file` atomically, creating its folder. */
export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${counter++}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** A table as CSV text (header from the first row's columns). */
export function toCsv(rows: readonly Row[]): string {
  return csvFormat(rows as Row[] as object[] as never) + '\n';
}
