// Convexity thresholds (docs/semantics.md section 5).
import { describe, expect, it } from 'vitest';
import {
  additive, twoCosine, multiplicative, quadratic, isConvex, minCurvature, roughness, curvature,
  CRITICAL_ROUGHNESS_ADDITIVE, multiplicativeConvexityBound, commonPeriod,
} from '../dist/index.js';

describe('additive', () => {
  it('turns non-convex exactly at theta+ = 1/(2 pi^2)', () => {
    expect(CRITICAL_ROUGHNESS_ADDITIVE).toBeCloseTo(0.0507, 4);
    const lambda = 0.3;
    const critical = CRITICAL_ROUGHNESS_ADDITIVE * lambda ** 2;
    expect(isConvex(additive({ epsilon: critical * 0.999, lambda }))).toBe(true);
    expect(isConvex(additive({ epsilon: critical * 1.001, lambda }))).toBe(false);
    expect(roughness(additive({ epsilon: 0.2, lambda: 0.1 }))).toBeCloseTo(20, 12);
  });
  it('has min curvature 2 - 4 pi^2 eps / lambda^2', () => {
    const l = additive({ epsilon: 0.01, lambda: 0.5 });
    const m = minCurvature(l, [-1, 1]);
    expect(m.value).toBeCloseTo(2 - (4 * Math.PI ** 2 * 0.01) / 0.25, 9);
  });
});

describe('two cosines (Fig. 4a red curve)', () => {
  it('uses the common period 1.5 of lambda 0.3 and 0.5', () => {
    expect(commonPeriod(0.3, 0.5)).toBeCloseTo(1.5, 12);
  });
  it('is convex iff 2 - eps1 (2pi/l1)^2 - eps2 (2pi/l2)^2 >= 0 for non-negative amplitudes', () => {
    const w1 = (2 * Math.PI) / 0.3;
    const w2 = (2 * Math.PI) / 0.5;
    for (const eps1 of [0, 0.001, 0.002, 0.003, 0.004]) {
      const eps2max = (2 - eps1 * w1 * w1) / (w2 * w2); // boundary for this eps1
      if (eps2max > 0) {
        expect(isConvex(twoCosine({ epsilon1: eps1, lambda1: 0.3, epsilon2: eps2max * 0.99, lambda2: 0.5 }))).toBe(true);
      }
      expect(isConvex(twoCosine({ epsilon1: eps1, lambda1: 0.3, epsilon2: Math.max(0, eps2max) * 1.01 + 1e-6, lambda2: 0.5 }))).toBe(false);
    }
  });
  it('finds the minimum numerically when an amplitude is negative', () => {
    const l = twoCosine({ epsilon1: -0.004, lambda1: 0.3, epsilon2: 0.004, lambda2: 0.5 });
    const m = minCurvature(l, [0, 1.5]);
    for (let x = 0; x <= 1.5; x += 0.0001) expect(curvature(l, x)).toBeGreaterThanOrEqual(m.value - 1e-9);
  });
});

describe('quadratic and multiplicative', () => {
  it('quadratic is convex; multiplicative is not, except inside |x| < sqrt(fmax) for tiny eps (eq. S3)', () => {
    expect(isConvex(quadratic())).toBe(true);
    expect(isConvex(multiplicative({ epsilon: 0.2, lambda: 0.1 }))).toBe(false);
    const lambda = 0.5;
    const fmax = 1e4;
    const bound = multiplicativeConvexityBound(lambda, fmax);
    expect(bound).toBeCloseTo(lambda ** 2 / (2 * Math.PI ** 2 * fmax), 15);
    expect(isConvex(multiplicative({ epsilon: bound * 0.5, lambda }), { fmax })).toBe(true);
    expect(isConvex(multiplicative({ epsilon: bound * 2, lambda }), { fmax })).toBe(false);
  });
});
