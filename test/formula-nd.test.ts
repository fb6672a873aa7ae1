// d-dimensional formula losses (docs/formula.md "d dimensions"): sums over the coordinates with
// x_i, the gradient component per coordinate, bit for bit the built-in additiveND and
// multiplicativeND when written in their reference order.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defineLoss, sweep, additiveND, multiplicativeND, formulaMinCurvature, validateLoss, type Loss, type SweepOptions,
} from '../dist/index.js';
import { expectSameRuns } from './helpers.js';

const CACHE = mkdtempSync(join(tmpdir(), 'formula-nd-test-cache-'));
process.env.FRACTAL_TRAINABILITY_CACHE = CACHE;
afterAll(() => rmSync(CACHE, { recursive: true, force: true }));

const PARAMS = { eps: 0.2, lambda: 0.1 };
const ADDITIVE = {
  loss: 'sum(x_i^2 + eps*cos(2*pi*x_i/lambda))',
  gradient: '2*x_i - 2*pi*eps*sin(2*pi*x_i/lambda)/lambda',
};
const MULTIPLICATIVE = {
  loss: 'sum(x_i^2) * (1 + eps*sum(cos(2*pi*x_i/lambda)))',
  gradient: '2*x_i*(1 + eps*sum(cos(2*pi*x_i/lambda))) - 2*pi*sum(x_i^2)*eps*sin(2*pi*x_i/lambda)/lambda',
};

/** Sweeps both losses with the same options; expects identical classes, intensities, steps and counts. */
async function expectSame(a: Loss, b: Loss, o: SweepOptions): Promise<void> {
  const keep = { classes: true, intensity: true };
  const [p, q] = [await sweep(a, { ...o, keep }), await sweep(b, { ...o, keep })];
  expect(p.kernel).toBe('scalar');
  expectSameRuns(p, q);
}

describe('d-dimensional formulas equal the built-in families bit for bit', () => {
  for (const [name, spec, builtin] of [
    ['additiveND', ADDITIVE, additiveND],
    ['multiplicativeND', MULTIPLICATIVE, multiplicativeND],
  ] as const) {
    it(`${name}, d = 3 and d = 8, threshold and sum criteria, 2 threads`, async () => {
      for (const dim of [3, 8]) {
        const loss = await defineLoss({ ...spec, params: PARAMS, dim });
        expect(loss.dim).toBe(dim);
        const ref = builtin({ dim, epsilon: PARAMS.eps, lambda: PARAMS.lambda });
        const x0 = Array.from({ length: dim }, (_, i) => 1 - 0.3 * i);
        await expectSame(loss, ref, { x0, levels: 10, threads: 1 });
        await expectSame(loss, ref, { x0, levels: 9, threads: 2, criterion: { kind: 'sum', bound: 1e16 } });
      }
    });
  }
});

describe('d-dimensional formulas naming their coordinates', () => {
  it('x1 and x2 with the components separated by ";" give additiveND in 2 dimensions bit for bit', async () => {
    const loss = await defineLoss({
      dim: 2,
      loss: '(x1^2 + eps*cos(2*pi*x1/lambda)) + (x2^2 + eps*cos(2*pi*x2/lambda))',
      gradient: '2*x1 - 2*pi*eps*sin(2*pi*x1/lambda)/lambda; 2*x2 - 2*pi*eps*sin(2*pi*x2/lambda)/lambda',
      params: PARAMS,
    });
    await expectSame(loss, additiveND({ dim: 2, epsilon: PARAMS.eps, lambda: PARAMS.lambda }), { x0: [1, -0.4], levels: 10, threads: 2 });
  });
  it('derive one component per coordinate (Rosenbrock\'s valley) and run', async () => {
    const loss = await defineLoss({ dim: 2, loss: '(1 - x1)^2 + b*(x2 - x1^2)^2', params: { b: 10 } });
    expect(loss.gradient).toBe('-(2 * (1 - x1)) - 4 * (x1 * x2 - x1 ^ 3) * b; 2 * b * (x2 - x1 ^ 2)');
    const r = await sweep(loss, { x0: [0.5, 0.5], levels: 10, lr: [0, 0.2], threads: 1 });
    expect(r.boundaryCounts).toHaveLength(11);
  });
  it('name what is wrong', async () => {
    await expect(defineLoss({ dim: 2, loss: 'x1^2 + sum(x_i^2)' })).rejects.toThrow(/loss: a formula names its coordinates \(x1, x2, \.\.\.\) or sums over them .*, not both/);
    await expect(defineLoss({ dim: 2, loss: 'x1^2 + x2^2', gradient: '2*x1' })).rejects.toThrow(/gradient: a loss in x1 \.\. x2 needs 2 gradient components separated by ";" .* got 1/);
    await expect(defineLoss({ dim: 2, loss: 'x3^2' })).rejects.toThrow(/loss: names x3, beyond the dimension 2/);
    await expect(defineLoss({ dim: 2, loss: 'x1^2 + x2^2', gradient: '2*x_i; 2*x2' })).rejects.toThrow(/gradient: the gradient of a loss in x1, x2, \.\.\. is in x1, x2, \.\.\. too/);
    await expect(defineLoss({ dim: 2, loss: 'sum(x_i^2)', gradient: '2*x_i; 1' })).rejects.toThrow(/gradient: components separated by ";" are for a loss that names its coordinates .* at column 6/);
    await expect(defineLoss({ dim: 2, loss: 'sum(x1^2)' })).rejects.toThrow(/loss: x1 inside sum\(\.\.\.\): the terms of a sum are in x_i at column 5/);
    await expect(defineLoss({ dim: 2, loss: 'x1^2', params: { x2: 1 } })).rejects.toThrow(/loss\.params: "x2" names a coordinate/);
  });
});

describe('d-dimensional formulas', () => {
  it('derive their gradient per coordinate (chain rule through the sums) and run', async () => {
    const loss = await defineLoss({ loss: MULTIPLICATIVE.loss, params: PARAMS, dim: 3 });
    expect(loss.gradient).toBe('(eps * sum(cos(2 * pi * x_i / lambda)) + 1) * (2 * x_i) + (sum(x_i ^ 2) * eps) * (-(2 * pi * sin(2 * pi * x_i / lambda) / lambda))');
    const r = await sweep(loss, { x0: [1, 0.5, -0.3], levels: 10, threads: 1 });
    expect(r.boundaryCounts).toHaveLength(11);
    const additive = await defineLoss({ loss: ADDITIVE.loss, params: PARAMS, dim: 2 });
    expect(additive.gradient).toBe('2 * x_i - 2 * eps * pi * sin(2 * pi * x_i / lambda) / lambda');
  });
  it('are plain data (a plan file round trip), and refuse the SIMD kernel by name and curvature', async () => {
    const loss = await defineLoss({ ...ADDITIVE, params: PARAMS, dim: 4 });
    expect(validateLoss(JSON.parse(JSON.stringify(loss)))).toEqual(loss);
    expect((await sweep(loss, { levels: 4 })).kernel).toBe('scalar');
    await expect(sweep(loss, { levels: 4, kernel: 'simd' })).rejects.toThrow(/kernel "simd" runs one-dimensional formula losses only; got dim 4/);
    await expect(sweep(loss, { levels: 4, x0: [1, 2] })).rejects.toThrow(/x0 must have length 4/);
    await expect(formulaMinCurvature(loss, [0, 1])).rejects.toThrow(/one-dimensional formula loss; got dim 4/);
  });
  it('name what is wrong: x_i outside a sum, x in d dimensions, sum in one, nested sums', async () => {
    await expect(defineLoss({ loss: 'x_i^2', dim: 2 })).rejects.toThrow(/loss: x_i stands for a coordinate inside sum\(\.\.\.\) only .* at column 1/);
    await expect(defineLoss({ loss: 'sum(x^2)', dim: 2 })).rejects.toThrow(/loss: a d-dimensional formula names the coordinates x1, x2, ... or, inside sum.* at column 5/);
    await expect(defineLoss({ loss: 'x^2 + sum(x)' })).rejects.toThrow(/loss: sum\(\.\.\.\) sums over the coordinates of a d-dimensional loss; give dim > 1 .* at column 7/);
    await expect(defineLoss({ loss: 'sum(sum(x_i))', dim: 2 })).rejects.toThrow(/loss: sums cannot be nested/);
    await expect(defineLoss({ loss: 'sum(x_i^2)', gradient: '2*y_i', dim: 2 })).rejects.toThrow(/gradient: unknown name "y_i" .* at column 3/);
  });
});
