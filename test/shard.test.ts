// Cluster shards: any cut of the grid, swept shard by shard and merged, gives the counts of a
// single sweep bit for bit (property tests over every family); merges refuse mixed runs, gaps,
// overlaps and duplicates; the CLI writes shards atomically and idempotently; the Kubernetes
// manifest's command, run here pod by pod, merges into the same counts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  sweep, sweepShard, mergeShards, mergeSummaries, shardRange, serializeShard, parseShard, gridPoints,
  quadratic, additive, multiplicative, twoCosine, additiveND, multiplicativeND,
  type Loss, type Shard, type SweepOptions, type Summary,
} from '../dist/index.js';
import { findFigure } from '../dist/reproduce/registry.js';
import { resolveSettings } from '../dist/reproduce/runner.js';
import { figureOfShards, figureResults, figureTask, figureTasks, sweepFigureShard } from '../dist/reproduce/shards.js';
import { seal } from '../dist/io/digest.js';

const CLI = resolve('dist/cli/index.js');
const run = promisify(execFile);
/** Runs the built CLI; resolves with stdout, rejects with the process error (code, stderr). */
const cli = async (args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) =>
  (await run(process.execPath, [CLI, ...args], { ...opts, env: { ...process.env, ...opts.env } })).stdout;
const tempDir = () => mkdtemp(join(tmpdir(), 'fractal-shard-'));

/** Every family, with parameters around the paper's (fractal and smooth boundaries alike). */
const eps = fc.double({ min: 0.01, max: 0.3, noNaN: true });
const lambda = fc.double({ min: 0.05, max: 0.5, noNaN: true });
const families: Record<string, fc.Arbitrary<Loss>> = {
  quadratic: fc.constant(quadratic()),
  additive: fc.record({ epsilon: eps, lambda }).map(additive),
  multiplicative: fc.record({ epsilon: eps, lambda }).map(multiplicative),
  twoCosine: fc.record({
    epsilon1: fc.double({ min: 0, max: 0.008, noNaN: true }), lambda1: fc.constant(0.3),
    epsilon2: fc.double({ min: 0, max: 0.02, noNaN: true }), lambda2: fc.constant(0.5),
  }).map(twoCosine),
  additiveND: fc.record({ dim: fc.integer({ min: 1, max: 3 }), epsilon: eps, lambda }).map(additiveND),
  multiplicativeND: fc.record({ dim: fc.integer({ min: 1, max: 3 }), epsilon: eps, lambda }).map(multiplicativeND),
};
const options: fc.Arbitrary<SweepOptions> = fc.record({
  levels: fc.integer({ min: 0, max: 12 }),
  steps: fc.integer({ min: 20, max: 300 }),
  x0: fc.constantFrom(1, 0.3, 5),
  criterion: fc.constantFrom<SweepOptions['criterion']>(
    { kind: 'threshold' }, { kind: 'threshold', inclusive: true, bound: 1e6 }, { kind: 'sum', bound: 1e16 },
  ),
  threads: fc.constantFrom(1, 2),
});

/** Sorted distinct cut points in (0, points) -> the ranges between them. */
function rangesFrom(cuts: number[], points: number) {
  const inner = [...new Set(cuts.map((c) => 1 + Math.floor(c * (points - 1))).filter((c) => c > 0 && c < points))].sort((a, b) => a - b);
  const edges = [0, ...inner, points];
  return edges.slice(1).map((end, i) => ({ start: edges[i], end }));
}

/** Merges summaries along a random bracketing (associativity). */
function mergeBracketed(parts: Summary[], pick: () => number): Summary {
  let list = parts;
  while (list.length > 1) {
    const i = Math.floor(pick() * (list.length - 1));
    list = [...list.slice(0, i), mergeSummaries(list[i], list[i + 1]), ...list.slice(i + 2)];
  }
  return list[0];
}

describe('shards merge into a single sweep, bit for bit', () => {
  it.each(Object.keys(families))('%s: random parameters, levels, criterion and cut points (explicit ranges, shuffled, any bracketing)', async (family) => {
    await fc.assert(fc.asyncProperty(
      families[family], options, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }), fc.infiniteStream(fc.double({ min: 0, max: 0.999, noNaN: true })),
      async (l, o, cuts, randoms) => {
        const single = await sweep(l, o);
        const ranges = rangesFrom(cuts, gridPoints({ levels: o.levels! }));
        const shards = await Promise.all(ranges.map((r) => sweepShard(l, o, r)));
        const stream = randoms[Symbol.iterator]();
        const pick = () => stream.next().value as number;
        const shuffled = await Promise.all([...shards].sort(() => pick() - 0.5).map(async (s) => parseShard(await serializeShard(s))));
        const merged = mergeShards(shuffled);
        expect(merged.boundaryCounts).toEqual(single.boundaryCounts);
        expect(merged.totalSteps).toBe(single.totalSteps);
        expect(merged.plan).toEqual(single.plan);
        expect(mergeBracketed(shards.map((s) => s.summary), pick).counts).toEqual(single.boundaryCounts);
      },
    ), { numRuns: 12 });
  });

  it('random family, levels and shard count (shard index of K)', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(...Object.values(families)), options, fc.integer({ min: 1, max: 9 }), async (l, o, k) => {
      const of = Math.min(k, gridPoints({ levels: o.levels! }));
      const single = await sweep(l, o);
      const shards = await Promise.all(Array.from({ length: of }, (_, index) => sweepShard(l, o, { index, of })));
      expect(mergeShards(shards.reverse()).boundaryCounts).toEqual(single.boundaryCounts);
    }), { numRuns: 25 });
  });

  it('shardRange cuts 2^n + 1 points into K contiguous ranges differing by at most one point (to level 40)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 5000 }), (levels, k) => {
      const points = 2 ** levels + 1;
      const of = Math.min(k, points);
      let next = 0;
      const sizes = new Set<number>();
      for (let i = 0; i < of; i++) {
        const r = shardRange(levels, i, of);
        expect(r.start).toBe(next);
        sizes.add(r.end - r.start);
        next = r.end;
      }
      expect(next).toBe(points);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }));
  });
});

describe('merges refuse what is not one complete run', () => {
  const m = multiplicative({ epsilon: 0.2, lambda: 0.1 });
  const o = { levels: 10, steps: 200, threads: 1 };
  const set = (of: number, opts: SweepOptions = o) => Promise.all(Array.from({ length: of }, (_, index) => sweepShard(m, opts, { index, of })));
  /** The shard's file with `change` made and the digest made to match (a forgery the structural checks must catch). */
  const edit = async (s: Shard, change: (j: Record<string, any>) => void) => {
    const { digest, ...j } = JSON.parse(await serializeShard(s));
    change(j);
    return JSON.stringify(await seal(j));
  };

  it('names the missing shards (Slurm --array syntax) and points', async () => {
    const s = await set(8);
    expect(() => mergeShards([s[0], s[3], s[4], s[7]])).toThrow(/incomplete set of shards: 4 of 8 shards missing: 1-2,5-6 \(grid points 129\.\.384, 641\.\.896\)/);
    expect(() => mergeShards([s[1]])).toThrow(/7 of 8 shards missing: 0,2-7/);
  });

  it('refuses duplicates, overlaps, gaps, mixed plans, versions, cells and shard counts', async () => {
    const [s4, s2, other] = await Promise.all([set(4), set(2), set(2, { ...o, steps: 201 })]);
    expect(() => mergeShards([...s4, s4[2]], ['a', 'b', 'c', 'd', 'e'])).toThrow(/c and e are the same shard \(shard 2 of 4, grid points 513\.\.768\); give each shard once/);
    expect(() => mergeShards([...s2.slice(0, 1), ...other.slice(1)])).toThrow(/different runs: shards\[0\] has plan.steps 200 but shards\[1\] has 201/);
    expect(() => mergeShards([s2[0], s4[2], s4[3]])).toThrow(/shard count \(of\) 2 but shards\[1\] has 4/);
    const newer = await parseShard(await edit(s2[1], (j) => { j.packageVersion = '9.9.9'; }));
    expect(() => mergeShards([s2[0], newer])).toThrow(/package version "0.1.0" but shards\[1\] has "9.9.9"/);
    const cell = await sweepShard(m, o, { index: 1, of: 2, cell: { map: 'fig2d', index: 3 } });
    expect((await parseShard(await serializeShard(cell))).cell).toEqual({ map: 'fig2d', index: 3 });
    expect(() => mergeShards([s2[0], cell])).toThrow(/cell null but shards\[1\] has \{"index":3,"map":"fig2d"\}/);

    const points = 2 ** 10 + 1;
    const [a, b, c] = await Promise.all([
      sweepShard(m, o, { start: 0, end: 600 }), sweepShard(m, o, { start: 500, end: points }), sweepShard(m, o, { start: 700, end: points }),
    ]);
    expect(() => mergeShards([b, a])).toThrow(/shards\[1\] \(grid points 0\.\.599\) and shards\[0\] \(grid points 500\.\.1024\) overlap/);
    expect(() => mergeShards([a, c])).toThrow(/incomplete set of shards: grid points 600\.\.699 are missing/);
  });

  it('rejects corrupt or foreign files, naming the file and the field', async () => {
    const [s] = await set(1);
    await expect(parseShard('{"format"', 'x.json')).rejects.toThrow(SyntaxError);
    await expect(parseShard('{}', 'x.json')).rejects.toThrow(/x.json: format must be "fractal-trainability\/shard" \(not a shard file\?\); got undefined/);
    await expect(parseShard(await edit(s, (j) => { j.formatVersion = 3; }), 'x.json')).rejects.toThrow(/x.json: formatVersion must be an integer in \[2, 2\]; got 3/);
    await expect(parseShard(await edit(s, (j) => { j.summary.counts[3] = 9; }))).rejects.toThrow(/summary.counts\[3\] must be an integer in \[0, 8\]; got 9/);
    await expect(parseShard(await edit(s, (j) => { j.summary.end = 1000; }))).rejects.toThrow(/summary must cover grid points 0\.\.1024 \(shard 0 of 1\); got 0\.\.999/);
    await expect(parseShard(await edit(s, (j) => { j.plan.loss.family = 'cubic'; }))).rejects.toThrow(/plan: loss.family must be one of .*; got "cubic"/);
    await expect(parseShard(await edit(s, (j) => { j.plan.levels = 50; }))).rejects.toThrow(/plan.levels must be an integer in \[0, 40\]; got 50/);
    await expect(parseShard(await edit(s, (j) => { j.plan.keepClasses = true; }))).rejects.toThrow(/plan.keepClasses and plan.keepIntensity must be false/);
    await expect(sweepShard(m, { ...o, keep: { classes: true } }, { index: 0, of: 1 })).rejects.toThrow(/keep must be unset for a shard/);
    await expect(sweepShard(m, o, { index: 4, of: 4 })).rejects.toThrow(/index must be an integer in \[0, 3\]; got 4/);
    await expect(sweepShard(m, o, { start: 10, end: 10 })).rejects.toThrow(/range.end must be an integer in \[11, 1025\]; got 10/);
  });
});

describe('CLI: shard, merge, plan', () => {
  const flags = ['--family', 'multiplicative', '--levels', '12', '--steps', '400', '--threads', '1'];

  it('writes shards atomically and idempotently, takes the index from Slurm or Kubernetes, merges like sweep', async () => {
    const dir = await tempDir();
    try {
      await cli(['shard', '--index', '0', '--of', '3', ...flags, '--out', join(dir, 'shard-0.json')]);
      await cli(['shard', '--of', '3', ...flags, '--out', join(dir, 'shard-1.json')], { env: { SLURM_ARRAY_TASK_ID: '1' } });
      await cli(['shard', '--of', '3', ...flags, '--out', join(dir, 'shard-2.json')], { env: { JOB_COMPLETION_INDEX: '2' } });
      const before = await readFile(join(dir, 'shard-1.json'), 'utf8');
      await cli(['shard', '--of', '3', ...flags, '--out', join(dir, 'shard-1.json')], { env: { SLURM_ARRAY_TASK_ID: '1' } });
      expect(await readFile(join(dir, 'shard-1.json'), 'utf8')).toBe(before);
      expect((await readdir(dir)).sort()).toEqual(['shard-0.json', 'shard-1.json', 'shard-2.json']); // no temp files left

      const files = ['shard-2.json', 'shard-0.json', 'shard-1.json'].map((f) => join(dir, f));
      const merged = JSON.parse(await cli(['merge', ...files, '--json']));
      const single = await sweep(multiplicative({ epsilon: 0.2, lambda: 0.1 }), { levels: 12, steps: 400 });
      expect(merged.boundaryCounts).toEqual(single.boundaryCounts);
      expect(merged.totalSteps).toBe(single.totalSteps);
      expect(merged.shards).toBe(3);
      expect(await cli(['merge', ...files])).toMatch(/box dimension .* ± .*\n3 shards, .* GD steps, computed by fractal-trainability/);

      const incomplete = cli(['merge', files[0], files[1]]);
      // files that do not fit together are a run failure (exit 1), not a usage error (docs/errors.md)
      await expect(incomplete).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/1 of 3 shards missing: 1 \(grid points 1366\.\.2731\)/) });
      await expect(cli(['shard', '--of', '3', ...flags, '--out', join(dir, 'x.json')], { env: { SLURM_ARRAY_TASK_ID: '', JOB_COMPLETION_INDEX: 'two' } }))
        .rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/JOB_COMPLETION_INDEX must be a shard index, an integer >= 0; got "two"/) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the Kubernetes manifest is an Indexed Job whose command, run pod by pod, merges into the single sweep', async () => {
    const dir = await tempDir();
    try {
      const manifest = parseYaml(await cli(['plan', '--target', 'kubernetes', '--of', '3', '--name', 'fig2b', ...flags, '--x0', '0.3']));
      expect(manifest).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'fig2b' }, spec: { completionMode: 'Indexed', completions: 3, parallelism: 3 } });
      const pod = manifest.spec.template.spec;
      const container = pod.containers[0];
      expect(container.env[0].valueFrom.fieldRef.fieldPath).toBe("metadata.annotations['batch.kubernetes.io/job-completion-index']");
      expect(container.volumeMounts).toEqual([{ name: 'shards', mountPath: '/shards' }]);
      expect(pod.volumes).toEqual([{ name: 'shards', persistentVolumeClaim: { claimName: 'fractal-gd-shards' } }]);
      const [node, entry, ...args] = container.command as string[];
      expect([node, entry]).toEqual(['node', '/app/dist/cli/index.js']);
      for (const index of [0, 1, 2]) { // what Kubernetes does: expand $(SHARD_INDEX), mount the claim at /shards
        const podArgs = args.map((a) => a.replaceAll('$(SHARD_INDEX)', String(index)).replace('/shards/', `${dir}/`));
        await cli(podArgs);
      }
      const merged = JSON.parse(await cli(['merge', ...[0, 1, 2].map((i) => join(dir, `shard-${i}.json`)), '--json']));
      const single = await sweep(multiplicative({ epsilon: 0.2, lambda: 0.1 }), { levels: 12, steps: 400, x0: 0.3 });
      expect(merged.boundaryCounts).toEqual(single.boundaryCounts);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the Slurm script runs as an array task would (bash, SLURM_ARRAY_TASK_ID) from another folder', async () => {
    const dir = await tempDir();
    try {
      const script = await cli(['plan', '--target', 'slurm', '--of', '2', '--dir', 'out', '--family', 'twoCosine', '--epsilon1', '0.004',
        '--epsilon2', '0.01', '--criterion', 'sum', '--x0', '5', '--levels', '12', '--steps', '400'], { cwd: dir });
      expect(script).toMatch(/^#!\/bin\/bash\n#SBATCH --job-name=fractal-gd\n#SBATCH --array=0-1\n/);
      expect(script).toContain(`cd ${dir}\n`);
      await writeFile(join(dir, 'job.sh'), script);
      for (const task of ['0', '1']) {
        await run('bash', [join(dir, 'job.sh')], { cwd: tmpdir(), env: { ...process.env, SLURM_ARRAY_TASK_ID: task } });
      }
      const merged = JSON.parse(await cli(['merge', join(dir, 'out', 'shard-0.json'), join(dir, 'out', 'shard-1.json'), '--json']));
      const single = await sweep(twoCosine({ epsilon1: 0.004, lambda1: 0.3, epsilon2: 0.01, lambda2: 0.5 }), {
        levels: 12, steps: 400, x0: 5, criterion: { kind: 'sum' },
      });
      expect(merged.boundaryCounts).toEqual(single.boundaryCounts);
      await expect(cli(['plan', '--of', '2', '--name', 'Fig_2b'])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--name must be a DNS label/) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('figure shards: a map by cell and by grid range', () => {
  const fig2c = findFigure('fig2c');
  const settings = resolveSettings(fig2c, { levels: 8, quick: true, replicas: 2 });
  const parts = 2;

  it('every cell and replica of Fig. 2c, in parts, shuffled, merges into the sweeps of the cells', async () => {
    const all = figureTasks(fig2c, settings, parts);
    const tasks = all.length;
    expect(tasks).toBe(100 * 2 * parts);
    expect(figureTask(fig2c, settings, parts, 7)).toEqual(all[7]);
    expect(all[7]).toMatchObject({ cell: 3, part: 1, parts: 2 });
    const order = fc.sample(fc.shuffledSubarray([...Array(tasks).keys()], { minLength: tasks, maxLength: tasks }), { numRuns: 1, seed: 7 })[0];
    const shards: Shard[] = [];
    for (const t of order) shards.push(await parseShard(await serializeShard(await sweepFigureShard(all[t], { threads: 1 }))));
    const results = figureResults(fig2c, shards);
    const cells = fig2c.cells(settings);
    expect(results.size).toBe(cells.length);
    for (const cell of cells) {
      const single = await sweep(cell.sweep!.loss, { ...cell.sweep!.options, threads: 1 });
      expect(results.get(cell.key)!.counts).toEqual(single.boundaryCounts);
      expect(results.get(cell.key)!.steps).toBe(single.totalSteps);
    }
    // the cell label records the figure and its settings; the task's shard sweeps part t mod parts
    expect(shards[0].cell).toMatchObject({ figure: 'fig2c', of: 200, levels: 8, quick: 1, seed: 20240621, replicas: 2 });
    expect(figureOfShards(shards)).toEqual({ figure: 'fig2c', settings, parts });

    // incomplete, mixed and foreign sets are refused by name
    expect(() => figureResults(fig2c, shards.filter((s) => !((s.cell!.index === 3 && s.index === 1) || s.cell!.index === 9))))
      .toThrow(/incomplete set of shards: 3 of 400 tasks missing: 7,18-19/);
    expect(() => figureResults(findFigure('fig2d'), shards)).toThrow(/shards must be of figure fig2d; got shards of fig2c/);
    const other = await sweepFigureShard(figureTask(fig2c, { ...settings, replicas: 1 }, parts, 0), { threads: 1 });
    expect(() => figureResults(fig2c, [...shards, other])).toThrow(/cannot combine shards of different figure runs/);
    const tampered = await parseShard(await serializeShard({ ...shards[0], cell: { ...shards[0].cell, levels: 99 } }), 'bad.json');
    expect(() => figureOfShards([tampered], ['bad.json'])).toThrow(/bad\.json: cell\.levels must be an integer in \[0, 40\]; got 99/);
    const plain = await sweepShard(quadratic(), { levels: 4 }, { index: 0, of: 1 });
    expect(() => figureOfShards([plain])).toThrow(/a shard of a plain sweep, not of a figure/);
    expect(() => figureTask(findFigure('fig1d'), resolveSettings(findFigure('fig1d'), {}), 1, 0)).toThrow(/cells are learning-rate sweeps/);
    expect(() => figureTask(fig2c, settings, parts, tasks)).toThrow(/index must be an integer in \[0, 399\]; got 400/);
  });

  it('CLI: shard --figure tasks, merge per cell, and reproduce --shards draws the figure as a local run does', async () => {
    const dir = await tempDir();
    try {
      const flags = ['--figure', 'figS2', '--levels', '10', '--parts', '3', '--quiet'];
      for (const i of [0, 1, 2]) await cli(['shard', '--index', String(i), ...flags, '--out', join(dir, 'shards', `shard-${i}.json`)]);
      await expect(cli(['reproduce', 'figS2', '--shards', join(dir, 'none')])).rejects.toMatchObject({ code: 2 });
      await writeFile(join(dir, 'shards', 'extra.txt'), 'not a shard'); // only *.json files are read
      await cli(['reproduce', 'figS2', '--shards', join(dir, 'shards'), '--out', join(dir, 'out'), '--quiet']);
      await cli(['reproduce', 'figS2', '--levels', '10', '--out', join(dir, 'local'), '--quiet']);
      const data = async (root: string) => JSON.parse(await readFile(join(dir, root, 'figS2', 'data.json'), 'utf8'));
      expect((await data('out')).counts).toEqual((await data('local')).counts);
      expect(await readFile(join(dir, 'out', 'figS2', 'section.md'), 'utf8')).toContain('1 merged from cluster shards');

      await expect(cli(['reproduce', 'figS2', '--shards', join(dir, 'shards'), '--levels', '12'])).rejects.toMatchObject({
        code: 2, stderr: expect.stringContaining('--levels does not apply with --shards'),
      });
      await expect(cli(['shard', '--index', '0', '--figure', 'fig2c', '--family', 'quadratic', '--out', join(dir, 'x.json')])).rejects
        .toMatchObject({ code: 2, stderr: expect.stringContaining('--family does not apply with --figure') });
      await expect(cli(['shard', '--index', '0', '--figure', 'fig2c', '--of', '4', '--out', join(dir, 'x.json')])).rejects
        .toMatchObject({ code: 2, stderr: expect.stringContaining('--of does not apply with --figure') });
      await expect(cli(['shard', '--index', '0', '--of', '4', '--parts', '2', '--out', join(dir, 'x.json')])).rejects
        .toMatchObject({ code: 2, stderr: expect.stringContaining('--parts applies with --figure only') });

      const script = await cli(['plan', '--target', 'slurm', '--figure', 'fig2c', '--levels', '16', '--replicas', '8', '--parts', '2', '--dir', join(dir, 's')]);
      expect(script).toContain('#SBATCH --array=0-1599');
      expect(script).toContain('shard --index="$SLURM_ARRAY_TASK_ID" --figure=fig2c --levels=16 --seed=20240621 --replicas=8 --parts=2 --threads=1');
      expect(script).toContain(`reproduce fig2c --shards ${join(dir, 's')}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the fractal-trainability/reproduce entry', () => {
  it('exports the registry, the runner and the figure shards by the package name', async () => {
    const out = (await run(process.execPath, ['--input-type=module', '-e',
      "const m = await import('fractal-trainability/reproduce'); console.log(Object.keys(m).sort().join(' '))"])).stdout.trim();
    expect(out.split(' ')).toEqual(expect.arrayContaining(['FIGURES', 'findFigure', 'runFigure', 'resolveSettings', 'figureTask',
      'figureTasks', 'sweepFigureShard', 'figureResults', 'figureOfShards']));
  });
});
