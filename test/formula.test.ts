// Losses from formulas (docs/formula.md): defineLoss compiles a formula into the scalar kernel;
// the reference formula of Fig. 2a gives the published counts bit for bit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  defineLoss, sweep, additive, validateLoss, formulaMinCurvature, minCurvature, sweepShard, mergeShards,
  dimensionEnsemble, FormulaError, simdSupported, type FormulaLoss,
} from '../dist/index.js';
import { PUBLISHED_COUNTS } from './published-numbers.js';
import { speedRatio } from './helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REFERENCE = {
  loss: 'x^2 + eps*cos(2*pi*x/lambda)',
  gradient: '2*x - 2*pi*eps*sin(2*pi*x/lambda)/lambda',
  params: { eps: 0.2, lambda: 0.1 },
};
// a cache of our own, so that "a new formula" is new on disk too
const CACHE = mkdtempSync(join(tmpdir(), 'formula-test-cache-'));
process.env.FRACTAL_TRAINABILITY_CACHE = CACHE;

let reference: FormulaLoss;
beforeAll(async () => {
  reference = await defineLoss(REFERENCE);
});
afterAll(() => rmSync(CACHE, { recursive: true, force: true }));

describe('the Fig. 2a formula', () => {
  it('gives the published counts on the scalar kernel and under auto (SIMD where the engine has it)', async () => {
    const scalar = await sweep(reference, { levels: 16, kernel: 'scalar', threads: 1 });
    expect(scalar.kernel).toBe('scalar');
    expect(scalar.boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2a);
    const auto = await sweep(reference, { levels: 16, threads: 1 });
    expect(auto.kernel).toBe(simdSupported() ? 'simd' : 'scalar');
    expect(auto.boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2a);
  });
  it('gives the published counts on 2 threads', async () => {
    const r = await sweep(reference, { levels: 16, threads: 2 });
    expect(r.threads).toBe(2);
    expect(r.boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2a);
  });
  it('runs without a gradient (derived symbolically) and reports its counts', async () => {
    const derived = await defineLoss({ loss: REFERENCE.loss, params: REFERENCE.params });
    expect(derived.gradient).toBe('2 * x - 2 * eps * pi * sin(2 * pi * x / lambda) / lambda');
    const r = await sweep(derived, { levels: 16, threads: 2 });
    console.log(`derived gradient ${derived.gradient}: counts ${r.boundaryCounts.join(' ')}`);
    expect(r.boundaryCounts).toHaveLength(17);
    expect(r.boundaryCounts.slice(0, 14)).toEqual(PUBLISHED_COUNTS.fig2a.slice(0, 14));
  });
  it('Fig. 2b (multiplicative) as a formula gives the published counts too', async () => {
    const fx = await defineLoss({
      loss: 'x^2*(1 + eps*cos(2*pi*x/lambda))',
      gradient: '2*x*(1 + eps*cos(2*pi*x/lambda)) - 2*pi*x^2*eps*sin(2*pi*x/lambda)/lambda',
      params: { eps: 0.2, lambda: 0.1 },
    });
    const r = await sweep(fx, { levels: 16, threads: 2 });
    expect(r.boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2b);
  });
  it('takes another parameter value without compiling, and gives the built-in family\'s counts for it', async () => {
    await sweep(reference, { levels: 2, threads: 1 }); // its kernel is compiled now
    const other = await defineLoss({ ...REFERENCE, params: { eps: 0.3, lambda: 0.07 } });
    const t0 = performance.now();
    const r = await sweep(other, { levels: 14, threads: 1 });
    const overhead = (performance.now() - t0) / 1000 - r.elapsedSeconds;
    expect(overhead).toBeLessThan(0.1);
    const b = await sweep(additive({ epsilon: 0.3, lambda: 0.07 }), { levels: 14, threads: 1, kernel: 'scalar' });
    expect(r.boundaryCounts).toEqual(b.boundaryCounts);
  });
  it('is plain data: a JSON round trip (a plan file, a shard) sweeps the same', async () => {
    const back = validateLoss(JSON.parse(JSON.stringify(reference)));
    expect(back).toEqual(reference);
    expect(structuredClone(reference)).toEqual(reference);
    const r = await sweep(back, { levels: 12, threads: 1 });
    expect(r.boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2a.slice(0, 13));
  });
  it('sweeps in shards that merge to the single sweep, and in a dimension ensemble', async () => {
    const shards = await Promise.all([0, 1, 2].map((index) => sweepShard(reference, { levels: 14, threads: 1 }, { index, of: 3 })));
    expect(mergeShards(shards).boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2a.slice(0, 15));
    const e = await dimensionEnsemble(reference, { levels: 12, threads: 1 }, { replicas: 2, perturbations: ['grid-offset'] });
    expect(e.replicas).toHaveLength(2);
  });
});

describe('compile time and speed', () => {
  // The target is 4 s for compile and first sweep on the 2-core development machine (docs/formula.md has the
  // measured numbers); the bound here is generous, as the machine is shared and tests run side by side.
  it('compiles a new formula in a fresh process (SIMD kernel under auto), sweeps it (levels 16), and never compiles it again', async () => {
    // a fresh hash (an unused parameter), so no cache has it; a fresh process, so nothing is loaded or warm
    const spec = { ...REFERENCE, params: { ...REFERENCE.params, run: Math.random() } };
    const cold = `import { defineLoss, sweep } from ${JSON.stringify(join(ROOT, 'dist/index.js'))};
      const t0 = performance.now();
      const loss = await defineLoss(${JSON.stringify(spec)});
      const r = await sweep(loss, { levels: 16 });
      const total = (performance.now() - t0) / 1000;
      console.log(JSON.stringify({ loss, counts: r.boundaryCounts, sweep: r.elapsedSeconds, total, threads: r.threads, kernel: r.kernel }));`;
    const run = JSON.parse(String(execFileSync(process.execPath, ['--input-type=module', '-e', cold], { env: process.env })));
    const compile = run.total - run.sweep;
    console.log(`new formula, fresh process: defineLoss + compile ${compile.toFixed(2)} s + sweep ${run.sweep.toFixed(2)} s = ${run.total.toFixed(2)} s (levels 16, ${run.kernel} kernel, ${run.threads} threads)`);
    expect(run.counts).toEqual(PUBLISHED_COUNTS.fig2a);
    expect(run.total).toBeLessThan(15);
    const fresh = run.loss as FormulaLoss;
    // this process: from the disk cache; the entry is not rewritten (nothing compiled)
    const entries = readdirSync(CACHE).filter((f) => f.endsWith('.json'));
    const before = new Map(entries.map((f) => [f, statSync(join(CACHE, f)).mtimeMs]));
    const t1 = performance.now();
    const again = await sweep(fresh, { levels: 8 });
    const overhead = (performance.now() - t1) / 1000 - again.elapsedSeconds;
    console.log(`same formula in another process (disk cache): ${(overhead * 1000).toFixed(1)} ms before the sweep`);
    expect(again.boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2a.slice(0, 9));
    for (const [f, mtime] of before) expect(statSync(join(CACHE, f)).mtimeMs).toBe(mtime);
    const t2 = performance.now();
    const third = await sweep(fresh, { levels: 4 });
    const memory = (performance.now() - t2) / 1000 - third.elapsedSeconds;
    console.log(`same formula again, this process (memory cache): ${(memory * 1000).toFixed(1)} ms before the sweep`);
    expect(memory).toBeLessThan(0.1);
  });
  it('sweeps at no less than 0.8 of the built-in family\'s speed on the scalar kernel', async () => {
    const builtin = additive({ epsilon: 0.2, lambda: 0.1 });
    const o = { levels: 14, kernel: 'scalar' as const, threads: 1 };
    const ratio = await speedRatio(reference, builtin, o, 0.8, 'levels 14, 1 thread, scalar');
    expect(ratio).toBeGreaterThanOrEqual(0.8);
  });
});

describe('errors point at the formula', () => {
  it('names the position of a syntax error', async () => {
    const err = await defineLoss({ loss: 'x^2 + cos(' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormulaError);
    expect((err as FormulaError).column).toBe(11);
    expect((err as Error).message).toMatch(/^loss: unexpected end of expression at column 11\n {2}x\^2 \+ cos\(\n {12}\^$/);
  });
  it('names an unknown name, an unknown function and where they are', async () => {
    await expect(defineLoss({ loss: 'x^2 + eps*cos(x)' })).rejects.toThrow(/loss: unknown name "eps" .* at column 7/);
    await expect(defineLoss({ loss: 'x^2 + foo(x)' })).rejects.toThrow(/loss: unknown function "foo" .* at column 7/);
    await expect(defineLoss({ loss: 'x^2', gradient: '2*y' })).rejects.toThrow(/gradient: unknown name "y" .* at column 3/);
    await expect(defineLoss({ loss: 'x^2 + 1e400*x' })).rejects.toThrow(/loss: a number beyond the doubles \(it reads as Infinity\)/);
  });
  it('refuses what this version cannot run, naming it', async () => {
    await expect(defineLoss({ loss: 'x^2', dim: 2 })).rejects.toThrow(/loss: a d-dimensional formula names the coordinates x1, x2, \.\.\. or, inside sum\(\.\.\.\), x_i \(x is for dim 1\) at column 1/);
    await expect(defineLoss({ loss: 'x^2', dim: 65537 })).rejects.toThrow(/loss\.dim .*65536.* got 65537/);
    await expect(defineLoss({ loss: 'x^2', params: { x: 1 } })).rejects.toThrow(/"x" is reserved/);
    await expect(sweep(reference, { levels: 4, phase: 'multiply' })).rejects.toThrow(/phase applies to the built-in families only/);
    await expect(sweep({ ...reference, loss: 'x^2' }, { levels: 4 })).rejects.toThrow(/loss\.hash .* does not match/);
    expect(() => minCurvature(reference, [0, 1])).toThrow(/formulaMinCurvature/);
  });
});

describe('formulaMinCurvature', () => {
  it('agrees with the built-in family\'s closed form', async () => {
    const f = await formulaMinCurvature(reference, [0.3, 0.7]);
    const b = minCurvature(additive({ epsilon: 0.2, lambda: 0.1 }), [0.3, 0.7]);
    expect(f.value).toBeCloseTo(b.value, 9);
    expect(f.value).toBeCloseTo(2 - 0.2 * (2 * Math.PI / 0.1) ** 2, 9);
  });
  it('works for a formula that is not a cosine', async () => {
    const bumps = await defineLoss({ loss: 'x^2 + eps*abs(sin(2*pi*x/lambda))', params: { eps: 0.01, lambda: 0.5 } });
    const c = await formulaMinCurvature(bumps, [0.1, 0.2]);
    // f'' = 2 - eps*(2 pi/lambda)^2 |sin| between the kinks
    expect(c.value).toBeLessThan(2);
    expect(Number.isFinite(c.value)).toBe(true);
  });
  it('takes sign(u) in a given gradient as constant between its jumps (mathjs cannot differentiate sign)', async () => {
    const params = { eps: 0.2, lambda: 0.1 };
    const given = await defineLoss({
      loss: 'x^2 + eps*abs(sin(2*pi*x/lambda))',
      gradient: '2*x + 2*pi*eps/lambda*sign(sin(2*pi*x/lambda))*cos(2*pi*x/lambda)',
      params,
    });
    const derived = await defineLoss({ loss: 'x^2 + eps*abs(sin(2*pi*x/lambda))', params });
    const g = await formulaMinCurvature(given, [0, 1]);
    expect(g.value).toBeCloseTo(2 - 0.2 * (2 * Math.PI / 0.1) ** 2, 9);
    expect(g.value).toBeCloseTo((await formulaMinCurvature(derived, [0, 1])).value, 9);
    // nested signs: |x - |x|/2| has f'' = 0 between its kinks
    const nested = await defineLoss({ loss: 'abs(x - 0.5*abs(x))', gradient: 'sign(x - 0.5*abs(x))*(1 - 0.5*sign(x))' });
    expect((await formulaMinCurvature(nested, [-1, 1])).value).toBe(0);
  });
});
