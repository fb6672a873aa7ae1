/**
 * Per-cell checkpoints: every finished cell's result is stored under its key in one JSON
 * file in the figure's folder, rewritten atomically after each cell, so an interrupted run
 * resumed with --resume redoes only the cells that had not finished.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../io/files.js';

const VERSION = 1;

/** The cell results of one figure folder. */
export class Checkpoint {
  private constructor(private readonly file: string, private readonly cells: Map<string, unknown>) {}

  /** Opens `file`: with `resume`, the results already in it (if any); without, an empty checkpoint. */
  static async open(file: string, resume: boolean): Promise<Checkpoint> {
    const cells = new Map<string, unknown>();
    if (resume) {
      let text: string | undefined;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      if (text !== undefined) {
        const parsed = JSON.parse(text) as { version?: number; cells?: Record<string, unknown> };
        if (parsed.version !== VERSION || typeof parsed.cells !== 'object' || parsed.cells === null) {
          throw new RangeError(`checkpoint ${file} has an unknown format (version ${String(parsed.version)}, expected ${VERSION}); remove it or run without --resume`);
        }
        for (const [k, v] of Object.entries(parsed.cells)) cells.set(k, v);
      }
    }
    return new Checkpoint(file, cells);
  }

  /** Whether the cell `key` has a stored result. */
  has(key: string): boolean {
    return this.cells.has(key);
  }

  /** The stored result of cell `key`. */
  get<R>(key: string): R {
    if (!this.cells.has(key)) throw new RangeError(`checkpoint has no cell ${key}`);
    return this.cells.get(key) as R;
  }

  /** Stores the result of cell `key` and rewrites the file atomically. */
  async put(key: string, result: unknown): Promise<void> {
    await this.putAll([[key, result]]);
  }

  /** Stores results by cell key and rewrites the file once, atomically. */
  async putAll(entries: Iterable<readonly [string, unknown]>): Promise<void> {
    for (const [key, result] of entries) this.cells.set(key, result);
    await writeFileAtomic(this.file, JSON.stringify({ version: VERSION, cells: Object.fromEntries(this.cells) }));
  }
}
