// Numerical-noise ensembles and scaling diagnostics (issue 8).
import { describe, expect, it } from 'vitest';
import {
  dimensionEnsemble, localSlopes, scalingRange, scalingFits, shiftUlps, replicaChange, replicaOptions, summarizeReplicas,
  sweep, learningRate, planSweep,
  additive, additiveND, multiplicative, quadratic, CRITICAL_ROUGHNESS_ADDITIVE,
} from '../dist/index.js';

describe('perturbations', () => {
  it('shiftUlps moves by whole units in the last place', () => {
    expect(shiftUlps(1, 1)).toBe(1 + 2 ** -52);
    expect(shiftUlps(1, -1)).toBe(1 - 2 ** -53);
    expect(shiftUlps(-1, 1)).toBe(-(1 - 2 ** -53));
    expect(shiftUlps(-1, -1)).toBe(-(1 + 2 ** -52));
    expect(shiftUlps(0, 2)).toBe(2 * Number.MIN_VALUE);
    expect(shiftUlps(5, 0)).toBe(5);
  });
  it('replica 0 is the reference; the others are a pure function of (seed, r)', () => {
    expect(replicaChange(7, 0, ['grid-offset', 'x0-ulps', 'phase-order'])).toEqual({ gridOffset: 0, x0Ulps: 0, phase: 'divide' });
    const a = replicaChange(7, 3, ['grid-offset', 'x0-ulps', 'phase-order']);
    expect(replicaChange(7, 3, ['grid-offset', 'x0-ulps', 'phase-order'])).toEqual(a);
    expect(a.gridOffset).toBeGreaterThanOrEqual(0);
    expect(a.gridOffset).toBeLessThan(1);
    expect(Math.abs(a.x0Ulps)).toBeGreaterThanOrEqual(1);
    expect(a.phase).toBe('multiply');
    expect(replicaChange(7, 3, ['x0-ulps']).gridOffset).toBe(0);
  });
  it('the grid offset and the published GPU grid are what the kernel sweeps', () => {
    const plan = planSweep(quadratic(), { levels: 4, gridOffset: 0.5 });
    expect(learningRate(plan, 2)).toBe(1.5 * (2.5 / 16));
    const gpu = planSweep(quadratic(), { levels: 4, grid: 'published-gpu' });
    expect([0, 1, 2, 16].map((j) => learningRate(gpu, j))).toEqual([0, 0, 1.5 / 15, 1.5]);
  });
});

describe('replicaOptions', () => {
  const loss = additive({ epsilon: 0.2, lambda: 0.1 });
  it('leaves the reference untouched and applies each change to the base options', () => {
    const base = { x0: 1, levels: 10 };
    expect(replicaOptions(loss, base, replicaChange(3, 0, ['grid-offset', 'x0-ulps', 'phase-order']))).toBe(base);
    expect(replicaOptions(loss, base, { gridOffset: 0.25, x0Ulps: -2, phase: 'multiply' }))
      .toEqual({ x0: shiftUlps(1, -2), levels: 10, gridOffset: 0.25, phase: 'multiply' });
    // the offset adds to the base's modulo 1; the multiply change swaps a base that multiplies already
    expect(replicaOptions(loss, { ...base, gridOffset: 0.5, phase: 'multiply' }, { gridOffset: 0.75, x0Ulps: 0, phase: 'multiply' }))
      .toMatchObject({ x0: 1, gridOffset: 0.25, phase: 'divide' });
    expect(replicaOptions(additiveND({ dim: 2, epsilon: 0.2, lambda: 0.1 }), { x0: [1, 2] }, { gridOffset: 0, x0Ulps: 1, phase: 'divide' }).x0).toEqual([shiftUlps(1, 1), shiftUlps(2, 1)]);
  });
  it('refuses perturbations the base cannot take', () => {
    expect(() => replicaOptions(loss, { grid: 'published-gpu' }, { gridOffset: 0.5, x0Ulps: 0, phase: 'divide' })).toThrow(/needs the dyadic grid/);
    expect(() => replicaOptions(loss, { x0: { uniform: [0, 1], seed: 1 } }, { gridOffset: 0, x0Ulps: 1, phase: 'divide' })).toThrow(/needs a fixed x0/);
  });
});

describe('summarizeReplicas and scalingFits', () => {
  it('summarizes counts per replica: reference fit, mean, sample spread, local slopes', () => {
    const s = summarizeReplicas([[1, 2, 4, 8], [1, 2, 4, 16], [1, 1, 1, 1]]);
    expect(s.reference.dimension).toBeCloseTo(1, 12);
    expect(s.fits.map((f) => f.dimension)).toEqual([s.reference.dimension, expect.any(Number), 0]);
    const dims = s.fits.map((f) => f.dimension);
    const mean = dims.reduce((a, b) => a + b) / 3;
    expect(s.mean).toBeCloseTo(mean, 12);
    expect(s.spread).toBeCloseTo(Math.sqrt(dims.reduce((a, d) => a + (d - mean) ** 2, 0) / 2), 12);
    expect(s.localSlopes[2]).toEqual({ mean: 1, spread: 1 }); // slopes 1, 2 and 0
    expect(() => summarizeReplicas([])).toThrow(/counts must be a non-empty array/);
  });
  it('fits by the paper rule and over the automatic range', () => {
    const counts = [1, 1, 2, 4, 8, 16, 32, 64, 128, 256, 2000];
    const f = scalingFits(counts);
    expect(f.paper.levels[0]).toBe(2);
    expect(f.auto).toMatchObject({ minLevel: 4, maxLevel: 9 });
    expect(f.auto!.fit.dimension).toBeCloseTo(1, 12);
    expect(scalingFits([1, 1, 1]).auto).toBeNull();
  });
});

describe('dimensionEnsemble', () => {
  it('is deterministic for a seed on any thread count, and replica 0 is the plain sweep', async () => {
    const loss = multiplicative({ epsilon: 0.2, lambda: 0.1 });
    const a = await dimensionEnsemble(loss, { levels: 12, threads: 1 }, { replicas: 4, seed: 5 });
    const b = await dimensionEnsemble(loss, { levels: 12, threads: 2 }, { replicas: 4, seed: 5 });
    expect(b).toEqual(a);
    const plain = await sweep(loss, { levels: 12 });
    expect(a.replicas[0].boundaryCounts).toEqual(plain.boundaryCounts);
    expect(a.replicas.some((r) => r.boundaryCounts.join() !== plain.boundaryCounts.join())).toBe(true);
    expect(a.spread).toBeGreaterThan(0);
    expect(a.localSlopes).toHaveLength(12);
  });
  it('gives dimension 0 in every replica for a convex additive loss', async () => {
    const lambda = 0.3;
    const loss = additive({ epsilon: 0.5 * CRITICAL_ROUGHNESS_ADDITIVE * lambda ** 2, lambda });
    const e = await dimensionEnsemble(loss, { levels: 12 }, { replicas: 5 });
    for (const r of e.replicas) expect(r.fit.dimension).toBe(0);
    expect(e.spread).toBe(0);
  });
  it('gives one boundary at every level in every replica for the quadratic', async () => {
    const e = await dimensionEnsemble(quadratic(), { levels: 12 }, { replicas: 5 });
    for (const r of e.replicas) expect(r.boundaryCounts).toEqual(new Array(13).fill(1));
  });
  it('rejects bad options by name', async () => {
    await expect(dimensionEnsemble(quadratic(), {}, { replicas: 1 })).rejects.toThrow(/replicas must be an integer in \[2, 10000\]; got 1/);
    await expect(dimensionEnsemble(quadratic(), {}, { perturbations: ['noise' as never] })).rejects.toThrow(/perturbations\[0\] must be one of/);
    await expect(dimensionEnsemble(quadratic(), { grid: 'published-gpu' }, {})).rejects.toThrow(/grid-offset" needs the dyadic grid/);
  });
});

describe('scaling diagnostics', () => {
  it('local slopes are differences of log2 counts, null where a count is 0', () => {
    expect(localSlopes([1, 2, 8, 0, 4])).toEqual([1, 2, null, null]);
  });
  it('picks the longest run of steady slopes among well-populated levels', () => {
    // levels 0..3 have fewer than 8 segments, 4..9 slope 1, then a jump
    const counts = [1, 1, 2, 4, 8, 16, 32, 64, 128, 256, 2000];
    expect(scalingRange(counts)).toEqual({ minLevel: 4, maxLevel: 9 });
    expect(scalingRange([1, 1, 1, 1])).toBeNull();
  });
});

describe('fractal-gd dimension', () => {
  it('prints the ensemble as JSON and draws the local slopes', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'dimension-'));
    try {
      const svg = join(dir, 'slopes.svg');
      const args = ['dist/cli/index.js', 'dimension', '--family', 'multiplicative', '--levels', '10', '--replicas', '3', '--seed', '5'];
      const json = JSON.parse(execFileSync(process.execPath, [...args, '--plot', svg, '--json'], { encoding: 'utf8' }));
      const api = await dimensionEnsemble(multiplicative({ epsilon: 0.2, lambda: 0.1 }), { levels: 10 }, { replicas: 3, seed: 5 });
      expect(json.spread).toBe(api.spread);
      expect(json.replicas).toHaveLength(3);
      expect(readFileSync(svg, 'utf8')).toContain('local slope');
      expect(() => execFileSync(process.execPath, [...args, '--plot', join(dir, 'x.txt')], { stdio: 'pipe' })).toThrow(/--plot must name a \.svg or \.png file/);
      expect(json.scaling.paper).toEqual(api.reference);
      // --range overrides the automatic scaling range
      const chosen = JSON.parse(execFileSync(process.execPath, [...args, '--range', '4..10', '--json'], { encoding: 'utf8' })).scaling.chosen;
      expect(chosen).toMatchObject({ minLevel: 4, maxLevel: 10 });
      expect(chosen.fit.levels).toEqual([4, 5, 6, 7, 8, 9, 10]);
      expect(() => execFileSync(process.execPath, [...args, '--range', '9..3'], { stdio: 'pipe' })).toThrow(/--range end must be an integer in \[10, 10\]; got 3/);
      expect(() => execFileSync(process.execPath, [...args, '--range', 'all'], { stdio: 'pipe' })).toThrow(/--range must be two levels A\.\.B/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
