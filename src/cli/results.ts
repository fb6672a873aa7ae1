/**
 * The flags that write a subcommand's result as a file (`--out results.h5`, `--format`,
 * `--dataset`) for Python, MATLAB and Julia (docs/results.md), shared by every subcommand
 * that makes data.
 */
import { Option, type Command } from 'commander';
import { RESULT_FORMATS, type AnyResult, type ResultFormat, extensionOf, formatOfPath } from '../io/results.js';
import { join } from 'node:path';
import { writeResult } from '../io/results-files.js';

/** Parsed values of the result flags. */
export interface ResultFlags {
  format?: ResultFormat;
  dataset?: string;
}

/**
 * Adds `--format` and `--dataset` (the caller adds `--out <file>`). With `folder`, the result
 * goes to the caller's output folder instead, as `<name>.h5` unless --format asks for another.
 */
export function addResultFlags(cmd: Command, folder = false): Command {
  const format = new Option('--format <f>', folder ? 'format of the result file <out>/<name>.<ext> (docs/results.md)'
    : 'format of the result file (default: from its extension: .h5/.hdf5, .npz, .npy, .csv, .json)').choices([...RESULT_FORMATS]);
  return cmd
    .addOption(folder ? format.default('hdf5') : format)
    .option('--dataset <name>', 'for .npy (one array) or .csv (one table): the dataset to write (default: the main one; docs/results.md lists them)');
}

/** The format the flags and file name ask for. */
function resultFormat(file: string, flags: ResultFlags): ResultFormat {
  return flags.format ?? formatOfPath(file);
}

/** Checks the result flags before any work is done: --format and --dataset need --out, and --out a known format. */
export function checkResultFlags(out: string | undefined, flags: ResultFlags): void {
  if (out === undefined && (flags.format !== undefined || flags.dataset !== undefined)) throw new RangeError('--format and --dataset apply with --out only');
  if (out !== undefined) resultFormat(out, flags);
}

/** Writes `result` to `file` as the flags ask. */
export async function writeResultFile(result: AnyResult, file: string, flags: ResultFlags): Promise<void> {
  await writeResult(result, file, { format: resultFormat(file, flags), dataset: flags.dataset });
}

/**
 * Writes `result` to `<dir>/<name>.<ext of --format>` (JSON as `<name>.result.json`, beside the
 * summary `<name>.json` these subcommands write); returns the file name.
 */
export async function writeResultIn(result: AnyResult, dir: string, name: string, flags: Required<Pick<ResultFlags, 'format'>> & ResultFlags): Promise<string> {
  const file = join(dir, `${name}${flags.format === 'json' ? '.result.json' : extensionOf(flags.format)}`);
  await writeResultFile(result, file, flags);
  return file;
}

/** `--keep classes,intensity` as the API's `keep`. */
export function parseKeep(text: string): { classes: boolean; intensity: boolean } {
  const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = items.find((s) => s !== 'classes' && s !== 'intensity');
  if (bad !== undefined || items.length === 0) throw new RangeError(`--keep must be a comma-separated list of classes, intensity; got ${JSON.stringify(text)}`);
  return { classes: items.includes('classes'), intensity: items.includes('intensity') };
}
