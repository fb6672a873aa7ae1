// Critical step sizes of factorization (Liang and Montufar, Theorems 1, 5, 29): the closed
// forms against hand computations, and against gradient descent run in the kernel.
import { describe, expect, it } from 'vitest';
import {
  criticalStepSize, criticalStepSizeMatrix, inInvariantSet, smallStepSizes, extremeMinimizers, scalarFactorization,
  matrixFactorization, runFactorization, initializationMap, minimumLoss, toParameters,
} from '../dist/index.js';
import { rng } from './helpers.js';

const gaussian = (next: () => number) => () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());

describe('criticalStepSize (Theorem 1)', () => {
  it('is 4/w for y = 0 and u = v (docs/semantics.md section 7)', () => {
    expect(criticalStepSize([1, 2, 3], [1, 2, 3], 0)).toBeCloseTo(4 / 28, 15);
    expect(criticalStepSize([0.5], [0.5], 0)).toBeCloseTo(8, 15);
    expect(criticalStepSize([0], [0], 0)).toBe(Infinity);
  });
  it('matches hand computations of min(1/|y|, 8/(w + sqrt(w^2 - 16 y (z - y))))', () => {
    // u = v = 1, y = 0.3: z = 1, w = 2, Q = 2 + sqrt(4 - 3.36) = 2.8
    expect(criticalStepSize([1], [1], 0.3)).toBeCloseTo(8 / 2.8, 14);
    // the origin: Q = 4|y|, so 1/|y| wins
    expect(criticalStepSize([0], [0], 0.9)).toBeCloseTo(1 / 0.9, 15);
    expect(criticalStepSize([0, 0], [0, 0], -0.5)).toBe(2);
  });
  it("reproduces the paper's Fig. 7 (eta = 1, y = 0.3 and 0.9): D' = {eta* > 1} is where GD converges, and strictly contains Wang et al.'s set", async () => {
    for (const y of [0.3, 0.9]) {
      const problem = scalarFactorization({ d: 1, y });
      const map = await initializationMap(problem, {
        stepSize: 1, steps: 20000, tolerance: 1e-10, divergence: 1e6, extent: 3, resolution: 121, directions: [[1, 0], [0, 1]], threads: 1,
      });
      let decisive = 0;
      let agree = 0;
      let wangInside = 0;
      let onlyOurs = 0;
      for (let r = 0; r < map.height; r++) {
        for (let c = 0; c < map.width; c++) {
          const u = -3 + 6 * (c / 120);
          const v = 3 - 6 * (r / 120);
          const eta = criticalStepSize([u], [v], y);
          const wang = 1 < 4 / (u * u + v * v + 4 * Math.abs(y));
          if (wang) {
            wangInside++;
            expect(eta).toBeGreaterThan(1); // Wang et al.'s set lies inside D'
          } else if (eta > 1) onlyOurs++;
          if (Math.abs(eta - 1) < 0.03 || Math.abs(u + v) < 1e-9) continue; // near the boundary, or the saddle's line u = -v
          decisive++;
          if ((eta > 1) === (map.outcome[r * map.width + c] === 0)) agree++;
        }
      }
      expect(agree / decisive).toBeGreaterThanOrEqual(0.99);
      expect(wangInside).toBeGreaterThan(0);
      expect(onlyOurs).toBeGreaterThan(wangInside / 10); // a strict (and sizeable) subset
    }
  });
  it('separates convergence (0.97 eta*) from non-convergence (1.03 eta*) for 99% of random draws, d = 1..10, y in [-1, 1]', async () => {
    const next = rng(2024);
    const g = gaussian(next);
    const draws = Array.from({ length: 1000 }, () => {
      const d = 1 + Math.floor(next() * 10);
      const y = -1 + 2 * next();
      const u = Array.from({ length: d }, g);
      const v = Array.from({ length: d }, g);
      return { d, y, theta: [...u, ...v], eta: criticalStepSize(u, v, y) };
    });
    for (const [factor, expectConverged] of [[0.97, true], [1.03, false]] as const) {
      let ok = 0;
      for (const dr of draws) {
        const [r] = await runFactorization(scalarFactorization({ d: dr.d, y: dr.y }), [dr.theta], {
          stepSize: factor * dr.eta, steps: 20000, tolerance: 1e-10, divergence: 1e6,
        });
        if ((r.outcome === 'minimizer') === expectConverged) ok++;
      }
      expect(ok / draws.length).toBeGreaterThanOrEqual(0.99);
    }
  });
});

describe('criticalStepSizeMatrix (Theorem 29) and the invariant set W', () => {
  const U = [[1, 0], [0, 2], [0, 0]];
  const V = [[0.5, 0], [0, -1], [0, 0]];
  it('tells whether columns are pairwise orthogonal across U and V', () => {
    expect(inInvariantSet(U, V)).toBe(true);
    expect(inInvariantSet([[1, 1], [0, 1], [0, 0]], V)).toBe(false);
    expect(inInvariantSet([[1, 0], [0, 1]], [[0, 1], [0, 0]])).toBe(false); // <u^1, v^2> != 0
  });
  it('is the minimum of the scalar critical step sizes of the column pairs', () => {
    const eta = criticalStepSizeMatrix(U, V, [0.5, 0.2]);
    expect(eta).toBe(Math.min(criticalStepSize([1, 0, 0], [0.5, 0, 0], 0.5), criticalStepSize([0, 2, 0], [0, -1, 0], 0.2)));
    expect(criticalStepSizeMatrix(U, V, [[0.5, 0], [0, 0.2]])).toBe(eta);
  });
  it('predicts GD on the matrix problem from W', async () => {
    const problem = matrixFactorization({ d: 3, target: [0.5, 0.2] });
    const eta = criticalStepSizeMatrix(U, V, [0.5, 0.2]);
    const theta = toParameters(U, V);
    const [below, above] = await runFactorization(problem, [theta, theta], { stepSize: [0.97 * eta, 1.03 * eta], steps: 20000, tolerance: 1e-10, divergence: 1e6 });
    expect(below.outcome).toBe('minimizer');
    expect(above.outcome).not.toBe('minimizer');
  });
  it('rejects initializations outside W and non-diagonal targets by name', () => {
    expect(() => criticalStepSizeMatrix([[1, 1], [0, 1]], [[1, 0], [0, 1]], [0.5, 0.5])).toThrow(/invariant set W/);
    expect(() => criticalStepSizeMatrix(U, V, [[0.5, 0.1], [0, 0.2]])).toThrow(/Y must be diagonal/);
    expect(() => criticalStepSize([1, 2], [1], 0)).toThrow(/v must have length 2/);
    expect(() => criticalStepSize([1], [1], Number.NaN)).toThrow(RangeError);
  });
});

describe("Theorem 5's small step sizes", () => {
  it('converge, and below 4/(4 mu + Q) to the closest global minimizer (under Theorem 4\'s conditions)', async () => {
    const next = rng(5);
    const g = gaussian(next);
    // Theorem 4's conditions for a step size eta: 0 < mu < min(1/eta - |y|, 1/(2 eta))
    const allowed = (eta: number, y: number, mu: number) => mu > 0 && mu < Math.min(1 / eta - Math.abs(y), 1 / (2 * eta));
    const runs = { convergence: 0, closest: 0 };
    let closest = 0;
    while (runs.convergence < 200 || runs.closest < 200) {
      const d = 1 + Math.floor(next() * 10);
      const y = (next() < 0.5 ? -1 : 1) * (0.1 + 0.9 * next());
      const mu = (0.1 + 0.8 * next()) * Math.abs(y);
      const u = Array.from({ length: d }, g);
      const v = Array.from({ length: d }, g);
      const s = smallStepSizes(u, v, y, mu);
      const problem = scalarFactorization({ d, y, mu });
      const theta = [...u, ...v];
      if (allowed(0.97 * s.convergence, y, mu) && runs.convergence < 200) {
        runs.convergence++;
        const [r] = await runFactorization(problem, [theta], { stepSize: 0.97 * s.convergence, steps: 100000, tolerance: 1e-12, divergence: 1e8 });
        expect(r.outcome).toBe('minimizer');
      }
      if (allowed(0.97 * s.closestMinimizer, y, mu) && runs.closest < 200) {
        runs.closest++;
        const [r] = await runFactorization(problem, [theta], { stepSize: 0.97 * s.closestMinimizer, steps: 100000, tolerance: 1e-14, divergence: 1e8 });
        expect(r.outcome).toBe('minimizer');
        const p = extremeMinimizers(u, v, y, mu).closest;
        const dist = Math.hypot(...p[0].map((x, k) => x - r.final[k]), ...p[1].map((x, k) => x - r.final[d + k]));
        if (dist < 1e-5) closest++;
      }
    }
    expect(closest).toBe(200);
  });
  it('are the closed forms 8/(4 mu + Q) and 4/(4 mu + Q)', () => {
    const s = smallStepSizes([1], [1], 0.3, 0.1); // Q = 2.8
    expect(s.convergence).toBeCloseTo(8 / 3.2, 14);
    expect(s.closestMinimizer).toBeCloseTo(4 / 3.2, 14);
  });
  it('minimum loss and minimizers match the closed forms', () => {
    expect(minimumLoss(scalarFactorization({ d: 3, y: 0.5, mu: 0.2 }))).toBeCloseTo(0.2 * 0.5 - 0.02, 15);
    expect(minimumLoss(scalarFactorization({ d: 3, y: 0.5, mu: 0.7 }))).toBeCloseTo(0.125, 15);
    expect(minimumLoss(matrixFactorization({ d: 1, target: [0.9, -0.5], mu: 0.1 }))).toBeCloseTo(0.9 * 0.1 - 0.005 + 0.125, 15);
    const { closest, farthest } = extremeMinimizers([1, 0], [0, 1], 0.5, 0.2);
    const s = Math.sqrt(0.3 / 2);
    expect(closest[0][0]).toBeCloseTo(s, 15);
    expect(closest[1][1]).toBeCloseTo(s, 15);
    expect(farthest[0][1]).toBeCloseTo(-s, 15);
  });
});
