// JAX's threefry2x32 random numbers (non-partitionable mode): known-answer vectors from
// Random123 (the ones JAX's own tests use) and values printed in JAX's documentation.
import { describe, expect, it } from 'vitest';
import { threefry2x32Block, threefry2x32, prngKey, split, uniform32, uniform64, normal64, erfInv64, randint } from '../dist/nn/jax-random.js';

describe('threefry2x32', () => {
  it('matches the Random123 20-round known-answer vectors', () => {
    expect(threefry2x32Block(0, 0, 0, 0)).toEqual([0x6b200159, 0x99ba4efe]);
    expect(threefry2x32Block(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff)).toEqual([0x1cb996fc, 0xbb002be7]);
    expect(threefry2x32Block(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3)).toEqual([0xc4923a9c, 0x483df7a0]);
  });
  it('pairs the first half of the counts with the second and pads odd counts', () => {
    const counts = Uint32Array.from([0x243f6a88, 0x243f6a88, 0x85a308d3, 0x85a308d3]);
    expect(Array.from(threefry2x32([0x13198a2e, 0x03707344], counts))).toEqual([0xc4923a9c, 0xc4923a9c, 0x483df7a0, 0x483df7a0]);
    const odd = threefry2x32([0, 0], Uint32Array.from([0]));
    expect(Array.from(odd)).toEqual([0x6b200159]);
  });
});

describe('JAX keys and draws (documentation values, non-partitionable mode)', () => {
  it('PRNGKey and split', () => {
    expect(prngKey(0)).toEqual([0, 0]);
    expect(prngKey(42)).toEqual([0, 42]);
    expect(split(prngKey(0))).toEqual([[4146024105, 967050713], [2718843009, 1272950319]]);
    expect(split(prngKey(42))[0]).toEqual([2465931498, 3679230171]);
  });
  it('uniform float32', () => {
    expect(uniform32(prngKey(0), 1)[0]).toBe(Math.fround(0.41845703));
    expect(uniform32(split(prngKey(0))[1], 1)[0]).toBe(Math.fround(0.10536897));
  });
  it('uniform float64 lies in [minval, maxval) and uses 52 random bits', () => {
    const u = uniform64(prngKey(7), 1000, -1 + 2 ** -53, 1);
    for (const v of u) { expect(v).toBeGreaterThanOrEqual(-1 + 2 ** -53); expect(v).toBeLessThan(1); }
    const v = uniform64(prngKey(7), 1000);
    for (const x of v) expect(Number.isInteger(x * 2 ** 52)).toBe(true);
  });
  it('XLA f64 ErfInv is the inverse error function to a few ulp, odd, and infinite-like at +-1', () => {
    expect(erfInv64(0)).toBe(0);
    expect(erfInv64(0.5)).toBeCloseTo(0.4769362762044699, 15);
    expect(erfInv64(-0.5)).toBe(-erfInv64(0.5));
    expect(erfInv64(0.999)).toBeCloseTo(2.326753765513525, 13);
    const xs = Array.from({ length: 2001 }, (_, i) => 1 - 10 ** (-i / 125));
    for (let i = 1; i < xs.length; i++) if (xs[i] > xs[i - 1]) expect(erfInv64(xs[i])).toBeGreaterThan(erfInv64(xs[i - 1]));
    expect(erfInv64(1)).toBe(Number.MAX_VALUE);
  });
  it('normal float64 has unit variance and is sqrt(2) erfinv of the uniform', () => {
    const z = normal64(prngKey(0), 20000);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
    const u = uniform64(prngKey(0), 3, -1 + 2 ** -53, 1);
    expect(Array.from(normal64(prngKey(0), 3))).toEqual(Array.from(u, (v) => Math.SQRT2 * erfInv64(v)));
  });
  it('randint stays in [minval, maxval) and covers it', () => {
    const keys = split(prngKey(42), 50);
    const seen = new Set<number>();
    for (const k of keys) for (const i of randint(k, 16, 0, 272)) { expect(i).toBeGreaterThanOrEqual(0); expect(i).toBeLessThan(272); seen.add(i); }
    expect(seen.size).toBeGreaterThan(230);
    expect(randint(prngKey(1), 4, 5, 5)).toEqual([5, 5, 5, 5]);
  });
});
