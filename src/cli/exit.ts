/**
 * Exit codes of `fractal-gd`: 0 success, 1 the run failed, 2 the command line is wrong, 130
 * interrupted (Ctrl-C). Every
 * subcommand turns its flags into the API's inputs and validates them (the same checks as the
 * API) inside `fromFlags` before doing any work; what fails there is a usage error.
 */
import { open, readFile } from 'node:fs/promises';
import { CommanderError, type Command } from 'commander';

/** The exit codes. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** What `--help` says about the exit codes. */
export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  the run failed: a file's content was refused (not a shard, a failed check, shards that do not fit
     together), an output could not be written, or another runtime error
  2  usage error, found before any work: unknown subcommand or flag, missing or invalid flag value or
     argument, a value the library refuses (the message names it), an input file or folder that does
     not exist or cannot be read
  130  interrupted (Ctrl-C); where a checkpoint exists, the command that resumes is printed`;

/** The error of a job stopped by Ctrl-C (SIGINT); the CLI exits with code 130 on it. */
export class Interrupted extends Error {
  override name = 'Interrupted';
}

/** A command line that cannot run (exit code 2). */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** A RangeError/TypeError (the API's refusal of a value) as a usage error; anything else unchanged. */
function asUsage(err: unknown): unknown {
  return err instanceof RangeError || err instanceof TypeError ? new UsageError(err.message, { cause: err }) : err;
}

/**
 * Runs the part of a subcommand that turns flags into validated API inputs: a RangeError or
 * TypeError it throws (or rejects with) becomes a UsageError, so a bad flag value exits 2.
 */
export function fromFlags<T>(parse: () => T): T {
  try {
    const result = parse();
    return (result instanceof Promise ? result.catch((err: unknown) => { throw asUsage(err); }) : result) as T;
  } catch (err) {
    throw asUsage(err);
  }
}

/** Error codes of a path that cannot be opened for reading. */
const UNREADABLE = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM']);

/** An error opening an input file as a usage error when the file does not exist or cannot be read. */
function unreadable(file: string, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  return code !== undefined && UNREADABLE.has(code) ? new UsageError(`cannot read ${JSON.stringify(file)}: ${(err as Error).message}`, { cause: err }) : err;
}

/** Reads an input file named on the command line; one that does not exist or cannot be read is a usage error. */
export async function readInput(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw unreadable(file, err);
  }
}

/** Returns `file` once it is known to be a readable file (else a usage error), for readers that open it themselves. */
export async function readableInput(file: string): Promise<string> {
  try {
    const handle = await open(file, 'r');
    await handle.close();
    return file;
  } catch (err) {
    throw unreadable(file, err);
  }
}

/** The exit code for an error that ended the command. */
export function exitCode(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage; // help and --version exit 0
  if (err instanceof Interrupted) return EXIT.interrupted;
  return err instanceof UsageError ? EXIT.usage : EXIT.failed;
}

/**
 * Makes commander throw instead of exiting (so its usage errors get exit code 2) and point to
 * --help after an error, on `cmd` and every subcommand.
 */
export function throwOnUsageErrors(cmd: Command): Command {
  cmd.exitOverride().showHelpAfterError('(add --help for usage)');
  for (const sub of cmd.commands) throwOnUsageErrors(sub);
  return cmd;
}
