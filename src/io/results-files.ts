/**
 * `fractal-trainability/results` (Node): everything of results.ts, and results as files — `writeResult`
 * writes atomically in the format of the file name, `readResult` reads one back.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './files.js';
import { type AnyResult, type ResultOptions, type StoredResult, encodeResult, decodeResult, formatOfPath } from './results.js';

/** Writes `result` to `path` (format from the extension .h5/.hdf5, .npz, .npy, .csv, .json, or `options.format`). */
export async function writeResult(result: AnyResult, path: string, options: ResultOptions = {}): Promise<void> {
  const format = options.format ?? formatOfPath(path);
  await writeFileAtomic(path, await encodeResult(result, { ...options, format }));
}

/** Reads a result written by `writeResult` (.h5/.hdf5, .npz or .json) back: its kind, the result, and the package version that wrote it. */
export async function readResult(path: string, options: Pick<ResultOptions, 'format'> = {}): Promise<StoredResult> {
  const format = options.format ?? formatOfPath(path);
  return decodeResult(await readFile(path), format, path);
}

export * from './results.js';
