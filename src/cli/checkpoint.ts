/**
 * Interruptible, resumable sweeps for the CLI: the grid is cut into shards (src/lr/shard.ts)
 * that are written to a folder one by one; a rerun with the same folder skips the shards already
 * there, and the merge is exact. Ctrl-C loses at most the shard in progress.
 *
 * The folder records its plan on creation (`plan.json`, sealed with a digest like every shard).
 * A run with another plan or package version is refused before any work, naming the fields that
 * differ; `fresh` (the CLI's --fresh) clears a folder of ours and starts over. Every shard already
 * there is read and verified before the first new one is computed.
 */
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Loss } from '../lr/losses.js';
import { type SweepOptions, type SweepPlan, type SweepProgress, planSweep, gridPoints } from '../lr/plan.js';
import { type Shard, type MergedShards, shardRange, sweepShard, serializeShard, parseShard, mergeShards } from '../lr/shard.js';
import { writeFileAtomic } from '../io/files.js';
import { FileIntegrityError, canonical, seal, unseal } from '../io/digest.js';
import { packageVersion } from '../version.js';

/** Shards a checkpointed sweep is cut into (fewer for small grids). */
export const CHECKPOINT_SHARDS = 64;
/** The file in a checkpoint folder that records its plan. */
export const CHECKPOINT_PLAN_FILE = 'plan.json';
/** The `format` field of a checkpoint folder's plan file. */
export const CHECKPOINT_FORMAT = 'fractal-trainability/checkpoint';
/** The layout of plan files this package writes and reads. */
export const CHECKPOINT_FORMAT_VERSION = 1;

/** Names of the files a checkpoint folder may hold: its plan, its shards and writeFileAtomic's temporary files. */
const OURS = /^(?:plan\.json|shard-\d{3,}-of-\d+\.json|\..+\.[0-9a-f-]{36}\.tmp)$/;

/** How a checkpointed sweep runs. */
export interface CheckpointOptions {
  /** Sees the points done over the whole grid, resumed shards included. */
  readonly onProgress?: (p: SweepProgress) => void;
  /** Clear the folder first (only a checkpoint folder: every file in it one this module writes). */
  readonly fresh?: boolean;
}

/** The file name of shard `index` of `of` in a checkpoint folder. */
function shardFileName(index: number, of: number): string {
  return `shard-${String(index).padStart(3, '0')}-of-${of}.json`;
}

/** The error for a --checkpoint path that is a file. */
function notAFolder(dir: string): Error {
  return new Error(`--checkpoint ${dir} is a file, not a folder; choose a folder (it is created if missing)`);
}

/** The names in `dir` ([] when it does not exist). */
async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    throw code === 'ENOTDIR' ? notAFolder(dir) : err;
  }
}

/** Deletes the contents of `dir` after checking that every file in it is one a checkpoint folder holds. */
async function clear(dir: string): Promise<void> {
  const names = await entries(dir);
  const foreign = names.filter((n) => !OURS.test(n));
  if (foreign.length > 0) {
    throw new Error(`--fresh deletes only checkpoint folders, and ${dir} holds files fractal-gd did not write ` +
      `(${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', ...' : ''}); remove them yourself or choose another --checkpoint folder`);
  }
  await Promise.all(names.map((n) => rm(join(dir, n), { force: true })));
}

/**
 * The leaves of two JSON values that differ, as paths (`loss.` dropped, so a loss parameter is
 * named as its flag is, e.g. `epsilon`): `epsilon (0.2 in the checkpoint, 0.3 now)`.
 */
function differences(stored: unknown, now: unknown, path = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(stored) && isObject(now)) {
    const keys = [...new Set([...Object.keys(stored), ...Object.keys(now)])].sort();
    return keys.flatMap((k) => differences(stored[k], now[k], path === '' && k === 'loss' ? '' : path === '' ? k : `${path}.${k}`));
  }
  if (canonical(stored) === canonical(now)) return [];
  return [`${path || 'loss'} (${canonical(stored) ?? 'none'} in the checkpoint, ${canonical(now) ?? 'none'} now)`];
}

/**
 * Opens `dir` for `plan`: creates it with its plan file, or reads and verifies the plan file it
 * has and refuses another plan, another package version or a folder that is not a checkpoint.
 */
async function openFolder(dir: string, plan: SweepPlan, of: number, version: string): Promise<void> {
  const file = join(dir, CHECKPOINT_PLAN_FILE);
  const again = 'to start over, run again with --fresh (it deletes the folder\'s files) or choose another --checkpoint folder';
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw notAFolder(dir);
    if (code !== 'ENOENT') throw err;
  }
  if (text === undefined) {
    const names = await entries(dir);
    if (names.some((n) => n.startsWith('shard-'))) {
      throw new FileIntegrityError(dir, `holds shards but no ${CHECKPOINT_PLAN_FILE} (written by an older fractal-trainability, ` +
        `which did not record the plan), so they cannot be checked against this sweep; ${again}`);
    }
    if (names.length > 0) {
      throw new Error(`${dir} is not empty and is not a checkpoint folder (it has no ${CHECKPOINT_PLAN_FILE}); choose another --checkpoint folder`);
    }
    const record = { format: CHECKPOINT_FORMAT, formatVersion: CHECKPOINT_FORMAT_VERSION, packageVersion: version, shards: of, plan };
    await writeFileAtomic(file, `${JSON.stringify(await seal(record), null, 2)}\n`);
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new FileIntegrityError(file, `is not a checkpoint plan file (invalid JSON: ${(err as Error).message}); ${again}`);
  }
  const o = (value !== null && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (o.format !== CHECKPOINT_FORMAT || o.formatVersion !== CHECKPOINT_FORMAT_VERSION) {
    throw new FileIntegrityError(file, `is not a checkpoint plan file of format ${JSON.stringify(CHECKPOINT_FORMAT)} version ` +
      `${CHECKPOINT_FORMAT_VERSION} (got format ${JSON.stringify(o.format)}, version ${JSON.stringify(o.formatVersion)}); ${again}`);
  }
  const stored = await unseal(o, file, again);
  if (stored.packageVersion !== version) {
    throw new Error(`checkpoint ${dir} was written by fractal-trainability ${String(stored.packageVersion)} and this is ${version}: ` +
      `shards of different versions are not merged; ${again}`);
  }
  const differ = [...differences(stored.plan, plan), ...differences({ shards: stored.shards }, { shards: of })];
  if (differ.length > 0) {
    throw new Error(`checkpoint ${dir} holds another sweep: ${differ.join(', ')}; to resume it, run with the checkpoint's settings; ${again}`);
  }
}

/**
 * Runs (or resumes) a sweep whose shards live in `dir`; returns their exact merge. Refuses,
 * before computing anything, a folder of another plan or version and any shard file in it
 * that does not verify (FileIntegrityError naming the file).
 */
export async function checkpointedSweep(
  loss: Loss, options: SweepOptions, dir: string, how: CheckpointOptions = {},
): Promise<MergedShards & { resumedShards: number }> {
  const plan = planSweep(loss, options);
  const total = gridPoints(plan);
  const of = Math.min(CHECKPOINT_SHARDS, total);
  if (how.fresh) await clear(dir);
  await openFolder(dir, plan, of, await packageVersion());

  const stored = new Map<number, Shard>();
  const present = new Set(await entries(dir));
  for (let index = 0; index < of; index++) {
    if (!present.has(shardFileName(index, of))) continue;
    const file = join(dir, shardFileName(index, of));
    const shard = await parseShard(await readFile(file, 'utf8'), file);
    if (canonical(shard.plan) !== canonical(plan) || shard.index !== index || shard.of !== of) {
      throw new FileIntegrityError(file, `is not shard ${index} of ${of} of this checkpoint's plan; delete it to recompute it, or run again with --fresh to start over`);
    }
    stored.set(index, shard);
  }

  const shards: Shard[] = [];
  const names: string[] = [];
  let done = 0;
  let steps = 0;
  const t0 = performance.now();
  const progress = () => how.onProgress?.({ done, total, steps, elapsedSeconds: (performance.now() - t0) / 1000 });
  for (let index = 0; index < of; index++) {
    const file = join(dir, shardFileName(index, of));
    let shard = stored.get(index);
    if (!shard) {
      const base = done;
      const baseSteps = steps;
      shard = await sweepShard(loss, {
        ...options,
        onProgress: (p) => how.onProgress?.({ done: base + p.done, total, steps: baseSteps + p.steps, elapsedSeconds: (performance.now() - t0) / 1000 }),
      }, { index, of });
      await writeFileAtomic(file, await serializeShard(shard));
    }
    const range = shardRange(plan.levels, index, of);
    done += range.end - range.start;
    steps += shard.totalSteps;
    progress();
    shards.push(shard);
    names.push(file);
  }
  return { ...mergeShards(shards, names), resumedShards: stored.size };
}
