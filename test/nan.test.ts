// How a NaN loss counts (criterion.nan): the published scripts' rule (NaN bounded) against the
// default (NaN divergent), in the API, the plan, shards, checkpoints and the CLI.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  sweep, planSweep, boxDimension, multiplicative, multiplicativeND, sweepShard, serializeShard, parseShard, mergeShards,
  type SweepOptions,
} from '../dist/index.js';

const run = promisify(execFile);
const cli = async (...args: string[]) => (await run(process.execPath, ['dist/cli/index.js', ...args])).stdout;
const d100 = multiplicativeND({ dim: 100, epsilon: 0.2, lambda: 0.1 });

describe('criterion.nan', () => {
  it('NaN as bounded gives the published scripts\' growing boundary at d = 100; the default gives one boundary per level', async () => {
    const options = (nan?: 'bounded') => ({ x0: 0.01, levels: 12, criterion: { kind: 'threshold', bound: 1e10, ...(nan ? { nan } : {}) } } as SweepOptions);
    const bounded = await sweep(d100, options('bounded'));
    expect(bounded.plan.criterion.nan).toBe('bounded');
    expect(bounded.boundaryCounts[12]).toBeGreaterThan(20);
    expect(boxDimension(bounded.boundaryCounts).dimension).toBeGreaterThan(0);
    const ours = await sweep(d100, options());
    expect(ours.plan.criterion.nan).toBe('divergent');
    expect(ours.boundaryCounts).toEqual(new Array(13).fill(1));
  });

  it('-Infinity and NaN are bounded under "bounded" and only NaN is divergent under "divergent" (multiplicative, eps 2)', async () => {
    const loss = multiplicative({ epsilon: 2, lambda: 0.1 });
    const keep = { classes: true, intensity: true };
    const b = await sweep(loss, { levels: 10, criterion: { kind: 'threshold', nan: 'bounded' }, keep });
    const d = await sweep(loss, { levels: 10, keep });
    let nanRuns = 0;
    b.divergent!.forEach((c, j) => {
      if (c === 0 && Number.isNaN(b.intensity![j])) {
        nanRuns++;
        expect(d.divergent![j]).toBe(1); // the same run stopped as divergent at its first NaN loss
      }
      if (c === 1) expect(d.divergent![j]).toBe(1);
    });
    expect(nanRuns).toBeGreaterThan(0);
    expect(b.totalSteps).toBeGreaterThan(d.totalSteps); // a NaN run goes on to its step budget
  });

  it('validates the rule by name and refuses it with the sum criterion', () => {
    expect(planSweep(d100).criterion).toEqual({ kind: 'threshold', bound: 1e10, inclusive: false, nan: 'divergent' });
    expect(planSweep(d100, { criterion: { kind: 'threshold', inclusive: true, nan: 'bounded' } }).criterion.nan).toBe('bounded');
    expect(planSweep(d100, { criterion: { kind: 'sum', nan: 'divergent' } }).criterion.nan).toBe('divergent');
    expect(() => planSweep(d100, { criterion: { kind: 'threshold', nan: 'maybe' as 'bounded' } }))
      .toThrow('criterion.nan must be one of "divergent", "bounded"; got "maybe"');
    expect(() => planSweep(d100, { criterion: { kind: 'sum', nan: 'bounded' as 'divergent' } }))
      .toThrow('criterion.nan must be "divergent" for criterion.kind "sum" (a NaN sum is divergent); got "bounded"');
  });

  it('is kept in shards: a round trip keeps it and a merge refuses mixed rules', async () => {
    const options: SweepOptions = { x0: 0.01, levels: 8, criterion: { kind: 'threshold', nan: 'bounded' } };
    const a = await parseShard(await serializeShard(await sweepShard(d100, options, { index: 0, of: 2 })));
    expect(a.plan.criterion.nan).toBe('bounded');
    const b = await sweepShard(d100, options, { index: 1, of: 2 });
    expect(mergeShards([a, b]).boundaryCounts).toEqual((await sweep(d100, options)).boundaryCounts);
    const other = await sweepShard(d100, { ...options, criterion: { kind: 'threshold' } }, { index: 1, of: 2 });
    expect(() => mergeShards([a, other])).toThrow(/cannot merge shards of different runs: .* plan\.criterion/);
  });

  it('the CLI takes --nan on sweep; a checkpoint folder refuses a sweep with another rule', async () => {
    const args = ['sweep', '--family', 'multiplicativeND', '--dim', '100', '--x0', '0.01', '--levels', '8', '--quiet', '--json'];
    const out = JSON.parse(await cli(...args, '--nan', 'bounded'));
    expect(out.plan.criterion.nan).toBe('bounded');
    expect(out.boundaryCounts).toEqual((await sweep(d100, { x0: 0.01, levels: 8, criterion: { kind: 'threshold', nan: 'bounded' } })).boundaryCounts);
    await expect(cli(...args, '--nan', 'maybe')).rejects.toMatchObject({ stderr: expect.stringContaining("'maybe' is invalid") });
    await expect(cli(...args, '--criterion', 'sum', '--nan', 'bounded')).rejects.toMatchObject({ stderr: expect.stringContaining('criterion.nan must be "divergent"') });
    const dir = await mkdtemp(join(tmpdir(), 'nan-ckpt-'));
    try {
      await cli(...args, '--nan', 'bounded', '--checkpoint', dir);
      expect((await readdir(dir)).length).toBeGreaterThan(0);
      await expect(cli(...args, '--checkpoint', dir)).rejects.toMatchObject({ stderr: expect.stringContaining("holds another sweep: criterion.nan") });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
