/**
 * Per-cell checkpoints: every finished cell's result is stored under its key in one JSON
 * file in the figure's folder, rewritten atomically after each cell, so an interrupted run
 * resumed with --resume redoes only the cells that had not finished.
 *
 * A cell's key is the whole computation (its loss and options), so a resumed figure of other
 * settings simply finds no result for its cells. Each stored cell carries a digest of its key,
 * its result and the package version that computed it, verified on resume: an edited result is
 * refused (a removed cell is just computed again). A checkpoint of another package version, or
 * of the older format without digests, is refused with what to do.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../io/files.js';
import { FileIntegrityError, digestOf } from '../io/digest.js';
import { packageVersion } from '../version.js';

/** Layout of checkpoint files: 2 adds the package version and a digest per cell. */
const VERSION = 2;

/** A stored cell: its result and the digest of key, result (as JSON gives it back) and package version. */
interface Stored {
  readonly result: unknown;
  readonly digest: string;
}

/** The cell results of one figure folder. */
export class Checkpoint {
  private constructor(private readonly file: string, private readonly version: string, private readonly cells: Map<string, Stored>) {}

  /** Opens `file`: with `resume`, the results already in it (if any, each verified); without, an empty checkpoint. */
  static async open(file: string, resume: boolean): Promise<Checkpoint> {
    const version = await packageVersion();
    const cells = new Map<string, Stored>();
    if (resume) {
      let text: string | undefined;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      if (text !== undefined) {
        const again = 'remove it or run without --resume';
        let parsed: { version?: unknown; packageVersion?: unknown; cells?: Record<string, unknown> };
        try {
          parsed = JSON.parse(text) as typeof parsed;
        } catch (err) {
          throw new FileIntegrityError(file, `is not a checkpoint (invalid JSON: ${(err as Error).message}); ${again}`);
        }
        if (parsed.version === 1) {
          throw new FileIntegrityError(file, `is a checkpoint of format 1, written by an older fractal-trainability without digests, so its cells cannot be checked; ${again}`);
        }
        if (parsed.version !== VERSION || typeof parsed.cells !== 'object' || parsed.cells === null) {
          throw new RangeError(`checkpoint ${file} has an unknown format (version ${String(parsed.version)}, expected ${VERSION}); ${again}`);
        }
        if (parsed.packageVersion !== version) {
          throw new FileIntegrityError(file, `was written by fractal-trainability ${String(parsed.packageVersion)} and this is ${version}; ` +
            `results of different versions are not mixed; ${again}`);
        }
        for (const [key, value] of Object.entries(parsed.cells)) {
          const { result, digest } = (value ?? {}) as Partial<Stored>;
          if (digest !== await digestOf({ key, packageVersion: version, result })) {
            throw new FileIntegrityError(file, `the stored result of cell ${key} does not match its digest (the file was changed after it was written); ${again}`);
          }
          cells.set(key, { result, digest });
        }
      }
    }
    return new Checkpoint(file, version, cells);
  }

  /** Whether the cell `key` has a stored result. */
  has(key: string): boolean {
    return this.cells.has(key);
  }

  /** The stored result of cell `key`. */
  get<R>(key: string): R {
    const stored = this.cells.get(key);
    if (!stored) throw new RangeError(`checkpoint has no cell ${key}`);
    return stored.result as R;
  }

  /** Stores the result of cell `key` and rewrites the file atomically. */
  async put(key: string, result: unknown): Promise<void> {
    await this.putAll([[key, result]]);
  }

  /** Stores results by cell key and rewrites the file once, atomically. */
  async putAll(entries: Iterable<readonly [string, unknown]>): Promise<void> {
    for (const [key, result] of entries) {
      const stored = JSON.parse(JSON.stringify(result)) as unknown; // the result as the file will give it back
      this.cells.set(key, { result, digest: await digestOf({ key, packageVersion: this.version, result: stored }) });
    }
    await writeFileAtomic(this.file, JSON.stringify({ version: VERSION, packageVersion: this.version, cells: Object.fromEntries(this.cells) }));
  }
}
