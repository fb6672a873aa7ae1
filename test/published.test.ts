// The reference path reproduces the published raw counts bit for bit (docs/semantics.md section 3).
import { describe, expect, it } from 'vitest';
import { sweep, additive, multiplicative, quadratic, boxDimension } from '../dist/index.js';
import { PUBLISHED_COUNTS } from './published-numbers.js';
import { PUBLISHED_COUNTS as PACKAGE_COUNTS } from '../dist/published.js';
import { countsFromClasses } from './helpers.js';

const eps = 0.2;
const lambda = 0.1;

describe('published counts, levels 0..16', () => {
  it('Fig. 2a (additive) on the scalar reference kernel', async () => {
    const r = await sweep(additive({ epsilon: eps, lambda }), { levels: 16, kernel: 'scalar' });
    expect(r.boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2a);
    expect(r.kernel).toBe('scalar');
  });
  it('Fig. 2b (multiplicative) on the scalar reference kernel', async () => {
    const r = await sweep(multiplicative({ epsilon: eps, lambda }), { levels: 16, kernel: 'scalar' });
    expect(r.boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2b);
  });
  it('Fig. 2a and 2b on the default (automatic) kernel', async () => {
    const a = await sweep(additive({ epsilon: eps, lambda }), { levels: 16 });
    const b = await sweep(multiplicative({ epsilon: eps, lambda }), { levels: 16 });
    expect(a.boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2a);
    expect(b.boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2b);
  });
});

describe('the package\'s copy of the published numbers', () => {
  it('equals the tests\' own copy', () => {
    expect(PACKAGE_COUNTS).toEqual(PUBLISHED_COUNTS);
  });
});

describe('quadratic sanity check (Fig. S2)', () => {
  it('has one boundary at every level, just above lr = 1', async () => {
    const r = await sweep(quadratic(), { levels: 16, keep: { classes: true } });
    expect(r.boundaryCounts).toEqual(new Array(17).fill(1));
    expect(boxDimension(r.boundaryCounts).dimension).toBe(0);
    const firstDivergent = r.divergent!.indexOf(1);
    const lr = 1.5 * (firstDivergent / 2 ** 16);
    expect(lr).toBeGreaterThan(1);
    expect(lr).toBeLessThan(1.01); // 1000 steps need |1 - 2 lr|^1000 > 1e4
    expect([...r.divergent!.subarray(firstDivergent)].every((c) => c === 1)).toBe(true);
  });
});

describe('streamed counts equal counts from the kept classes', () => {
  it.each([
    ['additive', additive({ epsilon: eps, lambda })],
    ['multiplicative', multiplicative({ epsilon: eps, lambda })],
  ])('%s, levels 17, several chunks and threads', async (_, loss) => {
    const r = await sweep(loss, { levels: 17, keep: { classes: true }, threads: 2 });
    expect(r.boundaryCounts).toEqual(countsFromClasses(r.divergent!, 17));
  });
});
