// The planar quotient map (Proposition 3) against full gradient descent, its convergence
// region's boundary (Fig. 3 left) and the box-counting dimension of that boundary (Fig. 3 right).
import { describe, expect, it } from 'vitest';
import {
  scalarFactorization, gdTrajectory, quotientTrajectory, quotientMap, boundaryMask, boxCountingDimension2D, PUBLISHED_LM_DIMENSION,
} from '../dist/index.js';
import { rng } from './helpers.js';

describe('quotient map', () => {
  it('carries GD exactly: (z, w) = (u.v, |u|^2 + |v|^2) of a GD trajectory equals the quotient trajectory to 1e-9 relative', async () => {
    const next = rng(17);
    const g = () => 0.7 * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    let worst = 0;
    for (let i = 0; i < 100; i++) {
      const d = 1 + Math.floor(next() * 10);
      const problem = scalarFactorization({ d, y: -1 + 2 * next(), mu: 0.3 * next() });
      const stepSize = 0.2 + next();
      const theta = Array.from({ length: 2 * d }, g);
      const gd = await gdTrajectory(problem, theta, { stepSize, steps: 30 });
      const zw = gd.map((t) => {
        let z = 0;
        let w = 0;
        for (let k = 0; k < d; k++) { z += t[k] * t[d + k]; w += t[k] * t[k] + t[d + k] * t[d + k]; }
        return [z, w];
      });
      const q = await quotientTrajectory(problem, { z: zw[0][0], w: zw[0][1] }, { stepSize, steps: 30 });
      for (let t = 0; t <= 30 && zw[t][1] < 1e6; t++) {
        worst = Math.max(worst, Math.abs(zw[t][0] - q.z[t]) / zw[t][1], Math.abs(zw[t][1] - q.w[t]) / zw[t][1]);
      }
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it("reproduces Fig. 3: the projected convergence boundary's box-counting dimension is near the paper's 1.249", async () => {
    const problem = scalarFactorization({ d: 1, y: 0.5, mu: 0.2 });
    const q = await quotientMap(problem, { stepSize: 1, steps: 1000, z: [-2.5, 3], w: [0, 10], resolution: 2000 });
    expect(q.counts.outside).toBeGreaterThan(0);
    expect(q.counts.minimizer).toBeGreaterThan(0.1 * q.width * q.height);
    const fit = boxCountingDimension2D(q.boundary, q.width, q.height);
    expect(fit.levels).toEqual([1, 2, 3, 4, 5, 6, 7]); // boxes down to 2^-7: at least 8 pixels at 2000 x 2000
    expect(Math.abs(fit.dimension - PUBLISHED_LM_DIMENSION)).toBeLessThan(0.05);
    expect(fit.stderr).toBeLessThan(0.05);
  });

  it('rejects matrix problems and points outside the state space by name', async () => {
    await expect(quotientTrajectory(scalarFactorization({ d: 1, y: 1 }), { z: 1, w: 1 }, { stepSize: 1, steps: 3 })).rejects.toThrow(/start.w/);
    await expect(quotientMap({ d: 1, dy: 2, target: [1, 1], mu: 0 }, { stepSize: 1 })).rejects.toThrow(/problem.dy must be 1/);
  });
});

describe('boundaryMask', () => {
  it('marks region pixels next to non-region pixels, but not at the edge of the domain or image', () => {
    // 5 x 4, region = left 3 columns; domain excludes the bottom row
    const w = 5;
    const h = 4;
    const region = Uint8Array.from({ length: w * h }, (_, i) => (i % w < 3 ? 1 : 0));
    const domain = Uint8Array.from({ length: w * h }, (_, i) => (i < w * 3 ? 1 : 0));
    const b = boundaryMask(region, w, h);
    expect(Array.from(b)).toEqual(Array.from({ length: w * h }, (_, i) => (i % w === 2 ? 1 : 0)));
    const region2 = Uint8Array.from({ length: w * h }, (_, i) => (i < w * 3 ? 1 : 0)); // all but the bottom row
    expect(boundaryMask(region2, w, h, { domain }).every((x) => x === 0)).toBe(true);
    expect(boundaryMask(region2, w, h).reduce((a, x) => a + x, 0)).toBe(w);
  });
});

describe('boxCountingDimension2D', () => {
  const image = (n: number, inside: (x: number, y: number) => boolean) =>
    Uint8Array.from({ length: n * n }, (_, i) => (inside(i % n, Math.floor(i / n)) ? 1 : 0));
  it('gives 1 for a segment, 2 for a filled square, log2 3 for a Sierpinski triangle', () => {
    const n = 1024;
    expect(boxCountingDimension2D(image(n, (x, y) => x === y), n, n).dimension).toBeCloseTo(1, 10);
    expect(boxCountingDimension2D(image(n, () => true), n, n).dimension).toBeCloseTo(2, 10);
    const sierpinski = boxCountingDimension2D(image(n, (x, y) => (x & y) === 0), n, n, { maxLevel: 10 });
    expect(sierpinski.dimension).toBeCloseTo(Math.log2(3), 10);
    expect(sierpinski.counts[0]).toBe(3);
  });
  it('normalizes to the set\'s bounding box (default) or to the image', () => {
    const n = 256;
    const small = image(n, (x, y) => x >= 64 && x < 128 && y >= 64 && y < 128);
    expect(boxCountingDimension2D(small, n, n, { maxLevel: 3 }).counts).toEqual([4, 16, 64]);
    expect(boxCountingDimension2D(small, n, n, { maxLevel: 3, normalize: 'grid' }).counts).toEqual([1, 1, 4]);
  });
  it('rejects masks of the wrong size by name', () => {
    expect(() => boxCountingDimension2D(new Uint8Array(10), 4, 4)).toThrow(/mask must have width \* height = 16/);
    expect(() => boxCountingDimension2D(new Uint8Array(16), 4, 4, { minLevel: 3, maxLevel: 2 })).toThrow(/maxLevel/);
  });
});
