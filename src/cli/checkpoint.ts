/**
 * Interruptible, resumable sweeps for the CLI: the grid is cut into shards (src/shard.ts) that
 * are written to a folder one by one; a rerun with the same folder skips the shards already
 * there, and the merge is exact. Ctrl-C loses at most the shard in progress.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Loss } from '../lr/losses.js';
import { type SweepOptions, planSweep, gridPoints } from '../lr/plan.js';
import { type Shard, type MergedShards, shardRange, sweepShard, serializeShard, parseShard, mergeShards, canonical } from '../lr/shard.js';
import { writeFileAtomic } from '../io/files.js';
import type { SweepProgress } from '../lr/plan.js';

/** Shards a checkpointed sweep is cut into (fewer for small grids). */
export const CHECKPOINT_SHARDS = 64;

/**
 * Runs (or resumes) a sweep whose shards live in `dir`; returns their exact merge.
 * `onProgress` sees the points done over the whole grid, resumed shards included.
 */
export async function checkpointedSweep(
  loss: Loss, options: SweepOptions, dir: string, onProgress?: (p: SweepProgress) => void,
): Promise<MergedShards & { resumedShards: number }> {
  const plan = planSweep(loss, options);
  const total = gridPoints(plan);
  const of = Math.min(CHECKPOINT_SHARDS, total);
  const shards: Shard[] = [];
  const names: string[] = [];
  let resumed = 0;
  let done = 0;
  let steps = 0;
  const t0 = performance.now();
  for (let index = 0; index < of; index++) {
    const file = join(dir, `shard-${String(index).padStart(3, '0')}-of-${of}.json`);
    let shard: Shard | undefined;
    try {
      shard = parseShard(await readFile(file, 'utf8'), file);
      if (canonical(shard.plan) !== canonical(plan)) {
        throw new RangeError(`${file} holds a shard of another sweep (plan ${canonical(shard.plan)}); this sweep's plan is ${canonical(plan)}: use another --checkpoint folder`);
      }
      resumed++;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (!shard) {
      const base = done;
      const baseSteps = steps;
      shard = await sweepShard(loss, {
        ...options,
        onProgress: (p) => onProgress?.({ done: base + p.done, total, steps: baseSteps + p.steps, elapsedSeconds: (performance.now() - t0) / 1000 }),
      }, { index, of });
      await writeFileAtomic(file, serializeShard(shard));
    }
    const range = shardRange(plan.levels, index, of);
    done += range.end - range.start;
    steps += shard.totalSteps;
    onProgress?.({ done, total, steps, elapsedSeconds: (performance.now() - t0) / 1000 });
    shards.push(shard);
    names.push(file);
  }
  return { ...mergeShards(shards, names), resumedShards: resumed };
}
