// A real single-node Slurm (Debian's slurmctld, slurmd and munge): the job script that
// `fractal-gd plan` prints runs as a 4-task array, and `fractal-gd merge` of its shards
// equals a single sweep; a parameter map (Fig. 2c) runs as one array task per cell and
// `reproduce --shards` draws it exactly as a local run; so does one of Sohl-Dickstein's
// configurations as one task per frame and tile. Skipped when `sbatch` is absent (required
// when CI is set); .ci/run first starts the cluster with .ci/slurm-single-node.sh as root.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sweep, multiplicative } from '../dist/index.js';
import { systemPart } from './system.js';

const run = promisify(execFile);
const CLI = resolve('dist/cli/index.js');
const SETUP = resolve('.ci/slurm-single-node.sh');
const hasSbatch = systemPart({ test: 'test/slurm.test.ts', command: 'sbatch', install: 'as root, bash .ci/slurm-single-node.sh (slurm-wlm, munge)' });

/** Logs of the job's tasks, for a failure message. */
async function logs(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.startsWith('slurm-'));
  const texts = await Promise.all(files.map(async (f) => `--- ${f}\n${await readFile(join(dir, f), 'utf8')}`));
  return texts.join('\n') || '(no slurm-*.out files)';
}

/** Submits a job script in `dir`, waits until the job has left the queue, and returns its id. */
async function submitAndWait(dir: string, script: string, seconds: number): Promise<string> {
  await writeFile(join(dir, 'job.sh'), script);
  const id = (await run('sbatch', ['--parsable', 'job.sh'], { cwd: dir })).stdout.trim().split(';')[0];
  expect(id).toMatch(/^\d+$/);
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const q = spawnSync('squeue', ['-h', '-j', id], { encoding: 'utf8' });
    if (q.status !== 0 || q.stdout.trim() === '') return id; // finished (or already purged)
    if (Date.now() > deadline) throw new Error(`job ${id} still queued after ${seconds} s:\n${q.stdout}\n${await logs(dir)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe.skipIf(!hasSbatch)('Slurm job array (single-node cluster)', () => {
  beforeAll(async () => {
    // Idempotent: starts munged, slurmctld and slurmd only if they are not running.
    if (existsSync(SETUP) && process.getuid?.() === 0) await run('bash', [SETUP]);
    const { stdout } = await run('sinfo', ['-h', '-o', '%t']).catch((err: { stderr?: string }) => {
      throw new Error(`sbatch is installed but Slurm does not answer (${err.stderr?.trim()}); start it as root with ${SETUP}`);
    });
    expect(stdout.trim()).toMatch(/idle|mix|alloc/);
  });

  it('the printed job script runs 4 shards that merge into the single sweep', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fractal-slurm-'));
    try {
      const sweepFlags = ['--family', 'multiplicative', '--epsilon', '0.2', '--lambda', '0.1', '--levels', '16'];
      const script = (await run(process.execPath, [CLI, 'plan', '--target', 'slurm', '--of', '4', '--name', 'fractal-test', ...sweepFlags],
        { cwd: dir })).stdout;
      const id = await submitAndWait(dir, script, 100);

      const files = [0, 1, 2, 3].map((i) => join(dir, 'shards', `shard-${i}.json`));
      const missing = files.filter((f) => !existsSync(f));
      if (missing.length > 0) throw new Error(`job ${id} left no ${missing.join(', ')}:\n${await logs(dir)}`);
      const merged = JSON.parse((await run(process.execPath, [CLI, 'merge', ...files, '--json'])).stdout);
      const single = await sweep(multiplicative({ epsilon: 0.2, lambda: 0.1 }), { levels: 16 });
      expect(merged.boundaryCounts).toEqual(single.boundaryCounts);
      expect(merged.totalSteps).toBe(single.totalSteps);
      expect(merged.shards).toBe(4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a parameter map runs as one array task per cell, and reproduce --shards draws it as a local run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fractal-slurm-'));
    try {
      const figure = ['--figure', 'fig2c', '--quick', '--levels', '6'];
      const script = (await run(process.execPath, [CLI, 'plan', '--target', 'slurm', '--name', 'fractal-map', ...figure], { cwd: dir })).stdout;
      expect(script).toContain('#SBATCH --array=0-99');
      const id = await submitAndWait(dir, script, 600);
      const shards = (await readdir(join(dir, 'shards')).catch(() => [])).filter((f) => f.endsWith('.json'));
      if (shards.length !== 100) throw new Error(`job ${id} left ${shards.length} of 100 shard files:\n${await logs(dir)}`);
      await run(process.execPath, [CLI, 'reproduce', 'fig2c', '--shards', join(dir, 'shards'), '--out', join(dir, 'cluster'), '--quiet']);
      await run(process.execPath, [CLI, 'reproduce', 'fig2c', '--quick', '--levels', '6', '--out', join(dir, 'local'), '--quiet']);
      const data = async (root: string) => JSON.parse(await readFile(join(dir, root, 'fig2c', 'data.json'), 'utf8'));
      const [cluster, local] = [await data('cluster'), await data('local')];
      type CellResult = { key: string; result: { counts: number[]; steps: number } };
      const counts = (d: { cells: CellResult[] }) => d.cells.map((c) => [c.key, c.result.counts, c.result.steps]);
      expect(counts(cluster)).toEqual(counts(local)); // every cell's counts and GD steps (only the timing differs)
      expect(cluster.fits).toEqual(local.fits);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("one of Sohl-Dickstein's configurations runs as one task per frame and tile, and reproduce --shards draws it as a local run", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fractal-slurm-'));
    try {
      const figure = ['--figure', 'sd-dataset-1', '--resolution', '12', '--steps', '100', '--parts', '2'];
      const script = (await run(process.execPath, [CLI, 'plan', '--target', 'slurm', '--name', 'fractal-sd', ...figure, '--dir', 'tiles'], { cwd: dir })).stdout;
      expect(script).toContain('#SBATCH --array=0-43'); // 22 frames x 2 tiles
      const id = await submitAndWait(dir, script, 600);
      const tiles = (await readdir(join(dir, 'tiles')).catch(() => [])).filter((f) => f.endsWith('.json'));
      if (tiles.length !== 44) throw new Error(`job ${id} left ${tiles.length} of 44 tile files:\n${await logs(dir)}`);
      await run(process.execPath, [CLI, 'reproduce', 'sd-dataset-1', '--shards', join(dir, 'tiles'), '--out', join(dir, 'cluster'), '--quiet']);
      await run(process.execPath, [CLI, 'reproduce', 'sd-dataset-1', '--resolution', '12', '--steps', '100', '--out', join(dir, 'local'), '--quiet']);
      for (let f = 0; f < 22; f++) { // every frame's measure and class of every pixel
        const name = join('sd-dataset-1', `frame-${String(f).padStart(2, '0')}.json`);
        expect(await readFile(join(dir, 'cluster', name), 'utf8')).toBe(await readFile(join(dir, 'local', name), 'utf8'));
      }
      const result = async (root: string) => {
        const { elapsedSeconds: _, digest: __, tiles: ___, ...rest } = JSON.parse(await readFile(join(dir, root, 'sd-dataset-1', 'sd-dataset-1.json'), 'utf8'));
        return rest;
      };
      expect(await result('cluster')).toEqual(await result('local'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
