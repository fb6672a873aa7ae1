// Bad input: a RangeError or TypeError naming the parameter, its value and the allowed range;
// the kernel is never reached and stays usable.
import { describe, expect, it } from 'vitest';
import {
  sweep, additive, multiplicative, twoCosine, additiveND, multiplicativeND, quadratic, renormalize, type Loss,
} from '../dist/index.js';
import { PUBLISHED_COUNTS } from './published-numbers.js';

const a = additive({ epsilon: 0.2, lambda: 0.1 });

describe('loss descriptors', () => {
  it.each([
    [() => additive({ epsilon: NaN, lambda: 0.1 }), RangeError, /epsilon must be a finite number; got NaN/],
    [() => additive({ epsilon: 0.2, lambda: 0 }), RangeError, /lambda must be a finite number > 0; got 0/],
    [() => multiplicative({ epsilon: Infinity, lambda: 0.1 }), RangeError, /epsilon must be a finite number; got Infinity/],
    [() => multiplicative({ epsilon: 0.2, lambda: -1 }), RangeError, /lambda must be a finite number > 0; got -1/],
    [() => twoCosine({ epsilon1: 0, lambda1: 0.3, epsilon2: 0, lambda2: -Infinity }), RangeError, /lambda2 must be a finite number > 0; got -Infinity/],
    [() => additiveND({ dim: 0, epsilon: 0.2, lambda: 0.1 }), RangeError, /dim must be an integer in \[1, 65536\]; got 0/],
    [() => multiplicativeND({ dim: 2.5, epsilon: 0.2, lambda: 0.1 }), RangeError, /dim must be an integer in \[1, 65536\]; got 2.5/],
    [() => additive({ epsilon: '0.2' as unknown as number, lambda: 0.1 }), TypeError, /epsilon must be a number; got "0.2"/],
  ])('%#: throws with the parameter named', (make, type, message) => {
    expect(make).toThrow(type);
    expect(make).toThrow(message);
  });
});

describe('sweep options', () => {
  const cases: [string, Loss, object, RegExp][] = [
    ['levels too high', a, { levels: 41 }, /levels must be an integer in \[0, 40\]; got 41/],
    ['levels negative', a, { levels: -1 }, /levels must be an integer in \[0, 40\]; got -1/],
    ['steps < 1', a, { steps: 0 }, /steps must be an integer in \[1, 2147483647\]; got 0/],
    ['lr min >= max', a, { lr: [1, 1] }, /lr must satisfy min < max; got \[1, 1\]/],
    ['lr NaN', a, { lr: [NaN, 1] }, /lr\[0\] \(min\) must be a finite number; got NaN/],
    ['x0 infinite', a, { x0: Infinity }, /x0 must be a finite number; got Infinity/],
    ['x0 wrong length', additiveND({ dim: 3, epsilon: 0.2, lambda: 0.1 }), { x0: [1, 2] }, /x0 must have length 3 \(the loss's dim\); got length 2/],
    ['x0 NaN entry', additiveND({ dim: 2, epsilon: 0.2, lambda: 0.1 }), { x0: [1, NaN] }, /x0\[1\] must be a finite number; got NaN/],
    ['unknown criterion', a, { criterion: { kind: 'loss' } }, /criterion.kind must be one of "threshold", "sum"; got "loss"/],
    ['bound NaN', a, { criterion: { kind: 'sum', bound: NaN } }, /criterion.bound must be a finite number; got NaN/],
    ['threads 0', a, { threads: 0 }, /threads must be an integer in \[1, \d+\]; got 0/],
    ['unknown kernel', a, { kernel: 'gpu' }, /kernel must be one of "auto", "scalar", "simd"; got "gpu"/],
    ['keep at huge levels', a, { levels: 30, keep: { classes: true } }, /levels must be at most 28 when keep.classes or keep.intensity is set; got 30/],
    ['unknown family', { family: 'cubic' } as unknown as Loss, {}, /loss.family must be one of .*; got "cubic"/],
    ['hand-made loss with bad lambda', { family: 'additive', epsilon: 0.2, lambda: NaN } as Loss, {}, /lambda must be a finite number > 0; got NaN/],
  ];
  it.each(cases)('%s', async (_, loss, options, message) => {
    await expect(sweep(loss, options)).rejects.toThrow(message);
  });
  it('errors are RangeError or TypeError', async () => {
    await expect(sweep(a, { levels: 99 })).rejects.toBeInstanceOf(RangeError);
    await expect(sweep(a, { levels: '3' as unknown as number })).rejects.toBeInstanceOf(TypeError);
    await expect(sweep(a, { x0: 'one' as unknown as number })).rejects.toBeInstanceOf(TypeError);
  });
  it('renormalize rejects a non-positive b', () => {
    expect(() => renormalize(quadratic(), 1, 0)).toThrow(/b must be a finite number > 0; got 0/);
  });
  it('the package still gives the published counts after all those errors', async () => {
    const r = await sweep(a, { levels: 16 });
    expect(r.boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2a);
  });
});
