// The box-dimension fit against hand-computed least squares (docs/semantics.md section 4).
import { describe, expect, it } from 'vitest';
import { boxDimension, fitLine } from '../dist/index.js';

describe('fitLine', () => {
  it('matches a hand computation', () => {
    // x = 0,1,2,3; y = 1,3,4,8: mean x 1.5, mean y 4, Sxx = 5, Sxy = 11 -> slope 2.2, intercept 0.7
    // residuals -0.2*... : fitted 0.7, 2.9, 5.1, 7.3 -> r = 0.3, 0.1, -1.1, 0.7 -> SSR = 1.8
    const f = fitLine([0, 1, 2, 3], [1, 3, 4, 8]);
    expect(f.slope).toBeCloseTo(2.2, 12);
    expect(f.intercept).toBeCloseTo(0.7, 12);
    expect(f.stderr).toBeCloseTo(Math.sqrt(1.8 / 2 / 5), 12);
  });
  it('is exact on a line', () => {
    const f = fitLine([1, 2, 3], [5, 7, 9]);
    expect(f).toEqual({ slope: 2, intercept: 3, stderr: 0 });
  });
});

describe('boxDimension', () => {
  it('uses only the levels with |B| > 1 by default', () => {
    const counts = [1, 1, 1, 2, 4, 8, 16];
    const d = boxDimension(counts);
    expect(d.levels).toEqual([3, 4, 5, 6]);
    expect(d.dimension).toBeCloseTo(1, 12);
    expect(d.stderr).toBeCloseTo(0, 12);
    expect(d.intercept).toBeCloseTo(-2, 12);
  });
  it('gives 0 with fewer than minPoints usable levels', () => {
    expect(boxDimension([1, 1, 2, 4]).dimension).toBe(0);
    expect(boxDimension([1, 1, 2, 4], { minPoints: 2 }).dimension).toBeCloseTo(1, 12);
  });
  it('honours an explicit level range', () => {
    const counts = [1, 3, 9, 27, 30, 31];
    const d = boxDimension(counts, { minLevel: 1, maxLevel: 3 });
    expect(d.levels).toEqual([1, 2, 3]);
    expect(d.dimension).toBeCloseTo(Math.log2(3), 12);
  });
  it('rejects bad options by name', () => {
    expect(() => boxDimension([1, 2, 4], { minLevel: 5 })).toThrow(/minLevel must be an integer in \[0, 2\]; got 5/);
    expect(() => boxDimension([1, -2, 4])).toThrow(/counts\[1\]/);
  });
});
