/**
 * Tests that need a part of the system (Chromium, Slurm, Python readers): `systemPart` tells
 * whether it is here. When it is missing the test file is skipped with one line naming the
 * Debian package to install, except when `CI` is set: then a missing part fails the run.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** A system part a test needs. */
export interface SystemPart {
  /** What the test file is, for the message. */
  readonly test: string;
  /** The command or absolute path that must exist. */
  readonly command: string;
  /** How to install it on Debian. */
  readonly install: string;
  /** Arguments to run the command with; the part is present only if that exits 0 (e.g. ['-c', 'import h5py']). */
  readonly probe?: readonly string[];
}

/** Whether `part` is present; logs the skip line, or throws under CI. */
export function systemPart(part: SystemPart): boolean {
  const found = part.command.startsWith('/')
    ? existsSync(part.command)
    : spawnSync('sh', ['-c', `command -v ${part.command}`], { encoding: 'utf8' }).status === 0;
  const present = found && (part.probe === undefined || spawnSync(part.command, part.probe, { encoding: 'utf8' }).status === 0);
  if (present) return true;
  const what = found ? `${part.command} ${part.probe!.join(' ')} fails` : `${part.command} is missing`;
  const line = `${part.test} skipped: ${what} (Debian: ${part.install})`;
  if (process.env.CI) throw new Error(`${line}; CI is set, so this test is required`);
  console.warn(line);
  return false;
}
