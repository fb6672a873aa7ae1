// Numerical-noise ensembles and scaling diagnostics (issue 8).
import { describe, expect, it } from 'vitest';
import {
  dimensionEnsemble, localSlopes, scalingRange, shiftUlps, replicaChange, sweep, learningRate, planSweep,
  additive, multiplicative, quadratic, CRITICAL_ROUGHNESS_ADDITIVE,
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
