/**
 * scripts/studies.mjs (the studies of docs/optimizers.md and docs/studies.md) runs end to end at
 * small levels, and the error-bar chart draws its reference line with its label.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { errorBarChart } from '../dist/plot/errorbars.js';
import { chartToSvg } from '../dist/plot/render.js';

const SCRIPT = fileURLToPath(new URL('../scripts/studies.mjs', import.meta.url));

describe('scripts/studies.mjs', () => {
  it('prints the tables and draws both pictures', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'studies-'));
    try {
      for (const study of ['momentum', 'perturbations']) {
        const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, study, '--levels', '12', '--threads', '1', '--images', dir]);
        expect(stdout).toMatch(/\| --- \| --- \|/);
        expect((await readFile(join(dir, `study-${study}.png`))).subarray(1, 4).toString()).toBe('PNG');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
  it('errorBarChart draws a labelled horizontal reference line', async () => {
    const svg = await chartToSvg(errorBarChart({
      title: 't', xTitle: 'beta', yTitle: 'dimension', points: [{ x: 0, y: 0.95, err: 0.03 }, { x: 0.5, y: 0.98, err: 0.02 }],
      level: { y: 0.95, label: 'GD: 0.950' },
    }));
    expect(svg).toContain('GD: 0.950');
  });
});
