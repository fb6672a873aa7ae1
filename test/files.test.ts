// Checked files (issue 13): shards and checkpoints carry a SHA-256 digest verified on read;
// summaries are checked for what every honest summary satisfies; stored plans must be plans;
// a checkpoint folder refuses another plan before any work; random byte edits of a shard are
// refused or harmless.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  sweep, sweepShard, mergeShards, mergeSummaries, checkSummary, serializeShard, parseShard, multiplicative,
  FileIntegrityError, SHARD_FORMAT_VERSION, type Shard, type Summary, type LevelClass,
} from '../dist/index.js';
import { seal, digestOf, canonical } from '../dist/io/digest.js';
import { Checkpoint } from '../dist/reproduce/checkpoint.js';
import { readSection, sealSection, writeReport } from '../dist/reproduce/report.js';
import { rng } from './helpers.js';

const CLI = resolve('dist/cli/index.js');
const run = promisify(execFile);
/** Runs the built CLI; resolves with stdout, rejects with the process error (code, stderr). */
const cli = async (args: string[]) => (await run(process.execPath, [CLI, ...args])).stdout;
const tempDir = () => mkdtemp(join(tmpdir(), 'fractal-files-'));

const loss = multiplicative({ epsilon: 0.2, lambda: 0.1 });
const opts = { levels: 10, steps: 200, threads: 1 };
const shardSet = (of: number) => Promise.all(Array.from({ length: of }, (_, index) => sweepShard(loss, opts, { index, of })));

/** A shard file's JSON with `change` made, its digest left as it was (an edit) or made to match (a forgery). */
async function edited(s: Shard, change: (j: Record<string, any>) => void, reseal: boolean): Promise<string> {
  const { digest, ...j } = JSON.parse(await serializeShard(s));
  change(j);
  return JSON.stringify(reseal ? await seal(j) : { ...j, digest });
}

/** The summary of grid points start..end-1 of `classes` (2^levels + 1 of them), from the definition. */
function summaryOf(classes: Uint8Array, levels: number, start: number, end: number): Summary {
  const counts: number[] = [];
  const first: LevelClass[] = [];
  const last: LevelClass[] = [];
  for (let k = 0; k <= levels; k++) {
    const s = 2 ** (levels - k);
    const points: number[] = [];
    for (let j = Math.ceil(start / s) * s; j < end; j += s) points.push(j);
    let c = 0;
    for (let i = 1; i < points.length; i++) if (classes[points[i]] !== classes[points[i - 1]]) c++;
    counts.push(c);
    first.push(points.length ? (classes[points[0]] as LevelClass) : -1);
    last.push(points.length ? (classes[points[points.length - 1]] as LevelClass) : -1);
  }
  return { start, end, levels, counts, first, last };
}

describe('digests', () => {
  it('SHA-256 of the canonical serialization: key order and layout do not matter, content does', async () => {
    expect(canonical({ b: [1, { d: 2, c: 3 }], a: null })).toBe('{"a":null,"b":[1,{"c":3,"d":2}]}');
    expect(await digestOf({ b: 1, a: 2 })).toBe(await digestOf({ a: 2, b: 1 }));
    expect(await digestOf({ a: 2, b: 1 })).not.toBe(await digestOf({ a: 2, b: 2 }));
    // canonical('abc') is the JSON text "abc" with its quotes; its SHA-256 as coreutils' sha256sum gives it
    expect(await digestOf('abc')).toBe('sha256:6cc43f858fbb763301637b5af970e2a46b46f461f27e5a0f41e009c59b827b25');
  });

  it('a shard file ends with its digest and reads back to the same shard', async () => {
    const [s] = await shardSet(1);
    const text = await serializeShard(s);
    const j = JSON.parse(text);
    expect(j.formatVersion).toBe(2);
    expect(SHARD_FORMAT_VERSION).toBe(2);
    expect(Object.keys(j).at(-1)).toBe('digest');
    expect(j.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await parseShard(text)).toEqual(s);
  });
});

describe('shard files: the issue\'s cases', () => {
  it('one count changed by 1 is refused, naming the file (API: parseShard and mergeShards; CLI merge exits non-zero)', async () => {
    const shards = await shardSet(4);
    const plus1 = (j: Record<string, any>) => { j.summary.counts[10] += 1; };
    const err = await parseShard(await edited(shards[1], plus1, false), 'shards/s1.json').catch((e) => e);
    expect(err).toBeInstanceOf(FileIntegrityError);
    expect(err.file).toBe('shards/s1.json');
    expect(err.message).toMatch(/^shards\/s1\.json: content does not match its digest/);
    // with the digest forged to match, the count's parity no longer matches the level's end classes
    await expect(parseShard(await edited(shards[1], plus1, true), 'shards/s1.json')).rejects.toThrow(
      /shards\/s1\.json: summary.counts\[10\] is \d+ but the ends of level 10 are \d and \d: the count of an honest summary is (odd|even) then/);
    // in memory, mergeShards checks every shard the same way
    const forged = { ...shards[1], summary: { ...shards[1].summary, counts: shards[1].summary.counts.map((c, k) => (k === 10 ? c + 1 : c)) } };
    expect(() => mergeShards([shards[0], forged, shards[2], shards[3]], ['a', 'b', 'c', 'd'])).toThrow(/^b: summary.counts\[10\]/);

    const dir = await tempDir();
    try {
      const files = shards.map((_, i) => join(dir, `shard-${i}.json`));
      await Promise.all(shards.map(async (s, i) => writeFile(files[i], await serializeShard(s))));
      const good = JSON.parse(await cli(['merge', ...files, '--json']));
      expect(good.boundaryCounts).toEqual((await sweep(loss, opts)).boundaryCounts);
      await writeFile(files[2], await edited(shards[2], plus1, false));
      await expect(cli(['merge', ...files])).rejects.toMatchObject({
        code: 1, stdout: '', stderr: expect.stringContaining(`${files[2]}: content does not match its digest`),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a flipped end class and a level count inconsistent with its neighbours are refused even with a matching digest', async () => {
    const [s] = await shardSet(1);
    const n = opts.levels;
    await expect(parseShard(await edited(s, (j) => { j.summary.last[n] = 1 - j.summary.last[n]; }, true), 'x.json'))
      .rejects.toThrow(/x.json: summary.last\[10\] is \d but grid point 1024 has class \d on another level/);
    await expect(parseShard(await edited(s, (j) => { j.summary.first.forEach((c: number, k: number) => { j.summary.first[k] = 1 - c; }); }, true), 'x.json'))
      .rejects.toThrow(/x.json: summary.counts\[\d+\] is \d+ but the ends of level \d+ are/);
    // counts even, within range, parity kept, but a coarser level has more than a finer one
    // (a full range has the ends 0 and 1024 on every level, so every count has one parity)
    const counts = s.summary.counts;
    const k = counts.findIndex((_, i) => i < n && counts[i + 1] + 2 <= 2 ** i);
    expect(k).toBeGreaterThan(0);
    await expect(parseShard(await edited(s, (j) => { j.summary.counts[k] = counts[k + 1] + 2; }, true), 'x.json'))
      .rejects.toThrow(new RegExp(`x.json: summary.counts\\[${k + 1}\\] is \\d+, fewer than summary.counts\\[${k}\\] = \\d+: counts never decrease`));
    // a partial range: at most the segments of the level inside it
    const part = await sweepShard(loss, opts, { start: 3, end: 40 });
    await expect(parseShard(await edited(part, (j) => { j.summary.counts[5] = 2; }, true), 'p.json')) // level 5 has one point here, 32
      .rejects.toThrow(/p.json: summary.counts\[5\] must be at most 0 \(the segments of level 5 in grid points 3\.\.39\); got 2/);
  });

  it('garbage plans equal in every shard are refused: a stored plan must be the plan its settings give', async () => {
    const shards = await shardSet(2);
    const cases: [(p: Record<string, any>) => void, RegExp][] = [
      [(p) => { p.lrMax = 'not a number'; }, /plan: lr\[1\] \(max\) must be a number; got "not a number"/],
      [(p) => { p.steps = -5; }, /plan: steps must be an integer in \[1, 2147483647\]; got -5/],
      [(p) => { p.x0 = [1, 2]; }, /plan: x0 must have length 1/],
      [(p) => { p.criterion.bound = 7; p.criterion.kind = 'sum'; p.criterion.inclusive = true; }, /plan is not the plan its settings give: plan.criterion is .*"inclusive":true.* but should be .*"inclusive":false/],
      [(p) => { p.extra = 1; }, /plan.extra is 1 but should be missing/],
      [(p) => { delete p.x0Uniform; }, /plan.x0Uniform is missing but should be null/],
      [(p) => { p.loss.lambda = -1; }, /plan: .*lambda must be/],
      [(p) => { p.x0Uniform = { min: 0, max: 1, seed: 3 }; }, /plan is not the plan its settings give: plan.x0 is \[1\] but should be \[0\]/],
    ];
    for (const [change, message] of cases) {
      const texts = await Promise.all(shards.map((s) => edited(s, (j) => change(j.plan), true)));
      await expect(parseShard(texts[0], 'a.json')).rejects.toThrow(message);
      const garbage = shards.map((s) => { const p = JSON.parse(JSON.stringify(s)); change(p.plan); return p; });
      expect(() => mergeShards(garbage, ['a.json', 'b.json'])).toThrow(message);
    }
  });

  it('a shard of format version 1 (no digest) is refused with what to do', async () => {
    const [s] = await shardSet(1);
    const { digest, ...old } = JSON.parse(await serializeShard(s));
    await expect(parseShard(JSON.stringify({ ...old, formatVersion: 1 }), 'old.json')).rejects.toThrow(
      /old\.json: is a shard of format version 1, written by an older fractal-trainability without a digest, so it cannot be checked; re-run the shard/);
    await expect(parseShard(JSON.stringify(old), 'nodigest.json')).rejects.toThrow(/nodigest\.json: has no valid digest/);
  });
});

describe('honest summaries always pass checkSummary', () => {
  it('any classes, any range, any merge of neighbours', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 9 }), fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
      (levels, seed, a, b, density) => {
        const points = 2 ** levels + 1;
        const r = rng(seed);
        const classes = Uint8Array.from({ length: points }, () => (r() < density ? 1 : 0));
        const cuts = [Math.floor(a * points), Math.floor(b * points)].sort((x, y) => x - y);
        const start = Math.min(cuts[0], points - 1);
        const end = Math.max(start + 1, cuts[1]);
        const s = summaryOf(classes, levels, start, end);
        expect(checkSummary(s)).toBe(s);
        if (end < points) {
          const merged = mergeSummaries(s, summaryOf(classes, levels, end, points));
          expect(checkSummary(merged).counts).toEqual(summaryOf(classes, levels, start, points).counts);
        }
      }), { numRuns: 400 });
  });
});

describe('random single-byte edits of a shard file are refused or leave the merged counts identical', () => {
  it('replace, insert or delete one byte anywhere', async () => {
    const shards = await shardSet(3);
    const texts = await Promise.all(shards.map((s) => serializeShard(s)));
    const reference = mergeShards(shards);
    const bytes = [...'0123456789 \n\t{}[]":,.-+eE', 'a', 'x', 'f'].map((c) => c.charCodeAt(0));
    let accepted = 0;
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: 2 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      fc.constantFrom('replace', 'insert', 'delete'), fc.oneof(fc.constantFrom(...bytes), fc.integer({ min: 0, max: 255 })),
      async (which, where, how, byte) => {
        const raw = Buffer.from(texts[which], 'utf8');
        const at = Math.floor(where * raw.length);
        const b = Buffer.from([byte]);
        const edit = how === 'replace' ? Buffer.concat([raw.subarray(0, at), b, raw.subarray(at + 1)])
          : how === 'insert' ? Buffer.concat([raw.subarray(0, at), b, raw.subarray(at)])
            : Buffer.concat([raw.subarray(0, at), raw.subarray(at + 1)]);
        const files = texts.map((t, i) => (i === which ? edit.toString('utf8') : t));
        let merged;
        try {
          merged = mergeShards(await Promise.all(files.map((t, i) => parseShard(t, `shard-${i}.json`))));
        } catch (err) {
          expect((err as Error).message).toMatch(new RegExp(`shard-${which}\\.json`));
          return;
        }
        accepted++;
        expect(merged.boundaryCounts).toEqual(reference.boundaryCounts);
        expect(merged.totalSteps).toBe(reference.totalSteps);
        expect(merged.plan).toEqual(reference.plan);
      },
    ), { numRuns: 600 });
    expect(accepted).toBeGreaterThan(0); // whitespace edits are harmless and accepted
  });
});

describe('checkpoint folders (fractal-gd sweep --checkpoint)', () => {
  const flags = ['--family', 'multiplicative', '--levels', '12', '--steps', '300', '--threads', '1', '--quiet', '--json'];
  const shardFiles = async (dir: string) => (await readdir(dir)).filter((f) => f.startsWith('shard-')).sort();

  it('another plan is refused within 2 s, before any work, naming the fields that differ; --fresh starts over', async () => {
    const dir = await tempDir();
    try {
      const first = JSON.parse(await cli(['sweep', ...flags, '--checkpoint', dir]));
      expect(await shardFiles(dir)).toHaveLength(64);
      for (const f of (await shardFiles(dir)).slice(20)) await rm(join(dir, f)); // a partial folder
      const before = await readdir(dir);
      for (const [extra, field] of [
        [['--epsilon', '0.3'], /epsilon \(0\.2 in the checkpoint, 0\.3 now\)/],
        [['--family', 'additive'], /family \("multiplicative" in the checkpoint, "additive" now\)/],
        [['--steps', '301'], /steps \(300 in the checkpoint, 301 now\)/],
        [['--levels', '11'], /levels \(12 in the checkpoint, 11 now\)/],
      ] as const) {
        const t0 = performance.now();
        const err = await cli(['sweep', ...flags, ...extra, '--checkpoint', dir]).catch((e) => e);
        expect(performance.now() - t0).toBeLessThan(2000);
        expect(err.code).toBe(1);
        expect(err.stdout).toBe('');
        expect(err.stderr).toMatch(field);
        expect(err.stderr).toMatch(/holds another sweep: .*to resume it, run with the checkpoint's settings; to start over, run again with --fresh/);
        expect(await readdir(dir)).toEqual(before); // nothing computed, nothing written
      }
      const resumed = JSON.parse(await cli(['sweep', ...flags, '--checkpoint', dir]));
      expect(resumed.how).toBe('64 checkpointed shards, 20 resumed');
      expect(resumed.boundaryCounts).toEqual(first.boundaryCounts);

      const fresh = JSON.parse(await cli(['sweep', ...flags, '--epsilon', '0.3', '--checkpoint', dir, '--fresh']));
      expect(fresh.how).toBe('64 checkpointed shards, 0 resumed');
      expect(fresh.boundaryCounts).toEqual((await sweep(multiplicative({ epsilon: 0.3, lambda: 0.1 }), { levels: 12, steps: 300 })).boundaryCounts);
      expect(JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')).plan.loss.epsilon).toBe(0.3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an edited shard or plan file is refused on resume, naming the file; foreign folders are never cleared', async () => {
    const dir = await tempDir();
    try {
      await cli(['sweep', ...flags, '--checkpoint', dir]);
      const file = join(dir, 'shard-005-of-64.json');
      const j = JSON.parse(await readFile(file, 'utf8'));
      j.summary.counts[12] -= 1;
      await writeFile(file, JSON.stringify(j, null, 2));
      await expect(cli(['sweep', ...flags, '--checkpoint', dir])).rejects.toMatchObject({
        code: 1, stderr: expect.stringContaining(`${file}: content does not match its digest`),
      });
      await rm(file);
      const plan = join(dir, 'plan.json');
      const p = JSON.parse(await readFile(plan, 'utf8'));
      await writeFile(plan, JSON.stringify({ ...p, plan: { ...p.plan, steps: 999 } }));
      await expect(cli(['sweep', ...flags, '--checkpoint', dir])).rejects.toMatchObject({
        code: 1, stderr: expect.stringContaining(`${plan}: content does not match its digest`),
      });
      await expect(cli(['sweep', ...flags, '--fresh'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--fresh needs --checkpoint') });

      // a folder without plan.json: old shards are refused, other files too, and --fresh clears only folders of ours
      await rm(plan);
      await expect(cli(['sweep', ...flags, '--checkpoint', dir])).rejects.toMatchObject({
        code: 1, stderr: expect.stringMatching(/holds shards but no plan\.json .*--fresh/),
      });
      await writeFile(join(dir, 'notes.txt'), 'mine');
      await expect(cli(['sweep', ...flags, '--checkpoint', dir, '--fresh'])).rejects.toMatchObject({
        code: 1, stderr: expect.stringMatching(/--fresh deletes only checkpoint folders, and .* holds files fractal-gd did not write \(notes\.txt\)/),
      });
      expect(await readdir(dir)).toContain('notes.txt');
      await rm(join(dir, 'notes.txt'));
      const other = await tempDir();
      await writeFile(join(other, 'notes.txt'), 'mine');
      await expect(cli(['sweep', ...flags, '--checkpoint', other])).rejects.toMatchObject({
        code: 1, stderr: expect.stringMatching(/is not empty and is not a checkpoint folder/),
      });
      await rm(other, { recursive: true, force: true });
      const aFile = join(dir, 'plan.json.txt');
      await writeFile(aFile, 'x');
      await expect(cli(['sweep', ...flags, '--checkpoint', aFile])).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/is a file, not a folder/) });
      await rm(aFile);
      expect(JSON.parse(await cli(['sweep', ...flags, '--checkpoint', dir, '--fresh'])).how).toBe('64 checkpointed shards, 0 resumed');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('reproduce checkpoints', () => {
  it('every cell carries a digest: an edited result is refused on resume, a removed one is recomputed, old formats are refused', async () => {
    const dir = await tempDir();
    try {
      const file = join(dir, 'checkpoint.json');
      const cp = await Checkpoint.open(file, false);
      await cp.putAll([['a', { counts: [0, 1, 1], steps: 9, seconds: 0.1 }], ['b', { counts: [1, 1, 3], steps: 8, seconds: 0.1 }]]);
      const back = await Checkpoint.open(file, true);
      expect(back.get('b')).toEqual({ counts: [1, 1, 3], steps: 8, seconds: 0.1 });
      const j = JSON.parse(await readFile(file, 'utf8'));
      expect(j).toMatchObject({ version: 2, packageVersion: expect.any(String) });
      delete j.cells.a;
      await writeFile(file, JSON.stringify(j));
      const fewer = await Checkpoint.open(file, true);
      expect([fewer.has('a'), fewer.has('b')]).toEqual([false, true]);
      j.cells.b.result.counts[1] = 0;
      await writeFile(file, JSON.stringify(j));
      await expect(Checkpoint.open(file, true)).rejects.toThrow(/checkpoint\.json: the stored result of cell b does not match its digest .*remove it or run without --resume/);
      await writeFile(file, JSON.stringify({ ...j, packageVersion: '0.0.1' }));
      await expect(Checkpoint.open(file, true)).rejects.toThrow(/was written by fractal-trainability 0\.0\.1 and this is .*remove it or run without --resume/);
      await writeFile(file, JSON.stringify({ version: 1, cells: {} }));
      await expect(Checkpoint.open(file, true)).rejects.toThrow(/format 1, written by an older fractal-trainability without digests/);
      expect((await Checkpoint.open(file, false)).has('b')).toBe(false); // without --resume the file is not read
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('report sections', () => {
  it('a section file carries its digest; REPORT.md refuses an edited one by name', async () => {
    const dir = await tempDir();
    try {
      const file = join(dir, 'fig2a', 'section.md');
      const text = '## Fig. 2a\n\n17 of 17 equal (bit-exact)\n';
      await mkdir(join(dir, 'fig2a'));
      await writeFile(file, await sealSection(text));
      expect(await readSection(file, 'fig2a')).toBe(text);
      expect(await readFile(await writeReport(dir, ['fig2a', 'fig2b']), 'utf8')).toContain('17 of 17 equal');
      await writeFile(file, (await sealSection(text)).replace('17 of 17', '16 of 17'));
      await expect(writeReport(dir, ['fig2a'])).rejects.toThrow(/fig2a\/section\.md: content does not match its digest .*fractal-gd reproduce fig2a/);
      await writeFile(file, text);
      await expect(readSection(file, 'fig2a')).rejects.toThrow(/section\.md: has no digest line/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
