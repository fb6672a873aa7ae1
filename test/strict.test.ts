// Strict inputs: unknown keys (with the nearest valid one suggested), null, and derived quantities
// that overflow are refused with a TypeError/RangeError naming the option; whatever is accepted
// gives a plan that agrees with the inputs. And the CLI's exit codes: 2 for every bad command line.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  sweep, planSweep, learningRate, gridPoints, defaultBound, quadratic, additive, multiplicative, twoCosine, additiveND,
  multiplicativeND, validateLoss, dimensionOf, boxDimension, scalingRange, isConvex, minCurvature, scalarFactorization, matrixFactorization,
  initializationMap, planInitializationMap, quotientMap, planQuotientMap, criticalStepSize, smallStepSizes, renormalize,
  dimensionEnsemble, planEnsemble, roughness, multiplicativeConvexityBound, extremeMinimizers, boundaryMask, boxCountingDimension2D, runFactorization, inInvariantSet, tileImages, colourGrid, lmFigure,
  type Loss,
} from '../dist/index.js';
import { SWEEP_OPTION_KEYS } from '../dist/lr/plan.js';

const a = additive({ epsilon: 0.2, lambda: 0.1 });
const problem = scalarFactorization({ d: 1, y: 1 });

/** Expects `f` to throw a TypeError/RangeError whose message matches `message`. */
function refused(f: () => unknown, message: RegExp): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err, `expected a refusal matching ${message}`).toBeDefined();
  expect(err instanceof TypeError || err instanceof RangeError, String(err)).toBe(true);
  expect((err as Error).message).toMatch(message);
}

/** The same for a promise. */
async function rejected(p: Promise<unknown>, message: RegExp): Promise<void> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err, `expected a rejection matching ${message}`).toBeDefined();
  expect(err instanceof TypeError || err instanceof RangeError, String(err)).toBe(true);
  expect((err as Error).message).toMatch(message);
}

describe('typos are refused, naming the key and the nearest valid one (issue 13)', () => {
  it('sweep(loss, { level: 12 }) throws before any work', async () => {
    const t0 = performance.now();
    await rejected(sweep(a, { level: 12 } as never), /^unknown option 'level'; did you mean 'levels'\?$/);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it.each([
    ['lrs', { lrs: [0, 1] }, 'lr'],
    ['x_0', { x_0: 1 }, 'x0'],
    ['step', { step: 10 }, 'steps'],
    ['thread', { thread: 1 }, 'threads'],
    ['criteria', { criteria: { kind: 'sum' } }, 'criterion'],
    ['kernal', { kernal: 'scalar' }, 'kernel'],
    ['keeps', { keeps: { classes: true } }, 'keep'],
    ['onprogress', { onprogress: () => {} }, 'onProgress'],
    ['criterion.bund', { criterion: { kind: 'threshold', bund: 5 } }, 'criterion.bound'],
    ['criterion.inclusve', { criterion: { kind: 'threshold', inclusve: true } }, 'criterion.inclusive'],
    ['keep.class', { keep: { class: true } }, 'keep.classes'],
    ['x0.unifrom', { x0: { unifrom: [0, 1], seed: 1 } }, 'x0.uniform'],
  ])('%s', (key, options, suggestion) => {
    refused(() => planSweep(a, options as never), new RegExp(`^unknown option '${key}'; did you mean '${suggestion}'\\?$`));
  });

  it('{kind: "sum", inclusive: true}: inclusive belongs to the threshold criterion', () => {
    refused(() => planSweep(a, { criterion: { kind: 'sum', inclusive: true } as never }), /criterion\.inclusive applies to kind "threshold" only/);
  });

  it('the threshold criterion already accepts the key nan', () => {
    expect(planSweep(a, { criterion: { kind: 'threshold', nan: 'divergent' } as never }).criterion.kind).toBe('threshold');
  });

  it('a key far from every valid one lists the valid ones', () => {
    refused(() => planSweep(a, { zzzzzz: 1 } as never), /^unknown option 'zzzzzz'; known: x0, lr, levels, steps, criterion/);
  });

  it('loss parameters: lamda, in the constructors and in validateLoss', async () => {
    refused(() => additive({ epsilon: 0.2, lamda: 0.1 } as never), /^unknown option 'lamda' in additive parameters; did you mean 'lambda'\?$/);
    refused(() => validateLoss({ family: 'multiplicative', epsilon: 0.2, lambda: 0.1, lamda: 1 }), /'lamda' in multiplicative parameters; did you mean 'lambda'/);
    refused(() => twoCosine({ epsilon1: 0, lambda1: 1, epsilon2: 0, lambda2: 1, epsilon3: 0 } as never), /'epsilon3'.*did you mean 'epsilon1'/);
    refused(() => additiveND({ dim: 2, epsilon: 0, lambda: 1, dims: 2 } as never), /'dims'.*did you mean 'dim'/);
    refused(() => multiplicativeND({ dim: 2, epsilon: 0, lambda: 1, lambd: 2 } as never), /'lambd'.*did you mean 'lambda'/);
    refused(() => validateLoss({ family: 'quadratic', epsilon: 1 }), /'epsilon' in quadratic parameters; it takes none/);
    await rejected(sweep({ family: 'additive', epsilon: 0.2, lambda: 0.1, lamda: 1 } as never, { levels: 2 }), /lamda/);
  });

  it('the analysis and factorization APIs', async () => {
    refused(() => boxDimension([1, 2, 4, 8], { minlevel: 1 } as never), /^unknown option 'minlevel'; did you mean 'minLevel'\?$/);
    refused(() => scalingRange([1, 2, 4, 8], { mincount: 1 } as never), /'mincount'; did you mean 'minCount'/);
    refused(() => isConvex(multiplicative({ epsilon: 0.1, lambda: 1 }), { fMax: 2 } as never), /^unknown option 'fMax'; did you mean 'fmax'\?$/);
    refused(() => minCurvature(a, [0, 1], { perwavelength: 8 } as never), /did you mean 'perWavelength'/);
    refused(() => scalarFactorization({ d: 1, y: 1, mue: 0.1 } as never), /^unknown option 'mue'; did you mean 'mu'\?$/);
    refused(() => matrixFactorization({ d: 1, targets: [1] } as never), /'targets'; did you mean 'target'/);
    refused(() => boundaryMask([1, 0, 0, 1], 2, 2, { domian: [1, 1, 1, 1] } as never), /did you mean 'domain'/);
    refused(() => boxCountingDimension2D([1, 0, 0, 1], 2, 2, { normalise: 'grid' } as never), /did you mean 'normalize'/);
    refused(() => inInvariantSet([[1]], [[1]], { tol: 1 } as never), /'tol'/);
    refused(() => tileImages([{ width: 1, height: 1, data: new Uint8Array(3) }], { colums: 1 } as never), /did you mean 'columns'/);
    refused(() => colourGrid([0], 1, 1, { kind: 'categorical', colours: [[0, 0, 0]], missing: [1, 1, 1] } as never), /'colouring.missing'/);
    await rejected(initializationMap(problem, { stepSize: 1, resoluton: 4 } as never), /^unknown option 'resoluton'; did you mean 'resolution'\?$/);
    await rejected(quotientMap(problem, { stepSize: 1, resolutions: 4 } as never), /did you mean 'resolution'/);
    await rejected(runFactorization(problem, [[1, 1]], { stepSize: 1, step: 5 } as never), /did you mean 'steps'/);
    await rejected(dimensionEnsemble(a, { levels: 4 }, { replica: 2 } as never), /'replica' in ensemble options; did you mean 'replicas'/);
    await rejected(dimensionEnsemble(a, { levels: 4 }, { fit: { minlevel: 2 } } as never), /'fit.minlevel'; did you mean 'fit.minLevel'/);
    await rejected(lmFigure('lm-fig1', { resolutoin: 8 } as never), /did you mean 'resolution'/);
  });
});

describe('null is a wrong type, never "the default" (issue 13)', () => {
  it.each(['levels', 'steps', 'lr', 'x0', 'criterion', 'grid', 'gridOffset', 'phase', 'keep', 'kernel', 'threads', 'onProgress', 'signal'])('%s: null', (key) => {
    refused(() => planSweep(a, { [key]: null } as never), new RegExp(`^${key} must not be null`));
  });
  it('nested and in other APIs', async () => {
    refused(() => planSweep(a, { criterion: { kind: 'threshold', bound: null } } as never), /^criterion\.bound must not be null/);
    refused(() => planSweep(a, { keep: { classes: null } } as never), /^keep\.classes must not be null/);
    refused(() => additive({ epsilon: null, lambda: 0.1 } as never), /epsilon in additive parameters must not be null/);
    refused(() => boxDimension([1, 2, 4], { minPoints: null } as never), /minPoints must not be null/);
    refused(() => scalarFactorization({ d: 1, y: 1, mu: null } as never), /mu must not be null/);
    await rejected(initializationMap(problem, { stepSize: 1, extent: null } as never), /extent must not be null/);
  });
});

describe('derived quantities that overflow are refused, naming the input (issue 13)', () => {
  it('the lr range: its width and every grid value', () => {
    refused(() => planSweep(a, { lr: [-1.7e308, 1.7e308] }), /^lr = \[-1\.7e\+308, 1\.7e\+308\]: lr\[1\] - lr\[0\] = Infinity overflows/);
    // a finite width whose last grid point (pushed past lrMax by the offset) overflows
    refused(() => planSweep(a, { lr: [0, Number.MAX_VALUE], gridOffset: 0.999999, levels: 1 }), /^lr = .*learning rate at grid point 2 = Infinity overflows/);
    refused(() => planSweep(quadratic(), { x0: { uniform: [-1e308, 1e308], seed: 1 } }), /^x0\.uniform = .* overflows/);
    const plan = planSweep(a, { lr: [-1e307, 1e307], levels: 3 });
    for (let j = 0; j < gridPoints(plan); j++) expect(Number.isFinite(learningRate(plan, j))).toBe(true);
  });

  it('map extents and slices', async () => {
    await rejected(initializationMap(problem, { stepSize: 1, extent: 1e308 }), /^extent = \[-1e\+308, 1e\+308\]: extent\[1\] - extent\[0\] = Infinity overflows/);
    refused(() => planInitializationMap(problem, { stepSize: 1, extent: [-1e308, 1e308, 0, 1] }), /extent x = .* overflows/);
    refused(() => planInitializationMap(problem, { stepSize: 1, extent: 1e308 / 3, center: [1.5e308, 0], directions: [[1, 0], [0, 1]] }),
      /the slice \(extent, center, directions\): \|center\[0\]\| .* overflows/);
    refused(() => planQuotientMap(problem, { stepSize: 1, z: [-1.7e308, 1.7e308] }), /^z = .*z\[1\] - z\[0\] = Infinity overflows/);
  });

  it('critical step sizes', () => {
    refused(() => criticalStepSize([1e154], [1e154], 1), /^u, v and y: w = \|u\|\^2 \+ \|v\|\^2 = Infinity overflows/);
    refused(() => criticalStepSize([1e100], [1e100], 1), /u, v and y: w\^2 - 16 y \(z - y\) = Infinity overflows/);
    refused(() => smallStepSizes([1], [1], 1, Number.MAX_VALUE), /4 mu \+ Q = Infinity overflows/);
    refused(() => inInvariantSet([[1e200, 0]], [[0, 1e200]]), /U and V: .* overflows/);
    expect(criticalStepSize([1e50], [1e50], 1)).toBeGreaterThan(0);
  });

  it('renormalize: x0 and b', () => {
    refused(() => renormalize(a, 'x' as never, 2), /^x0 must be a number or an array of 1 numbers; got string/);
    refused(() => renormalize(a, { length: 1 } as never, 2), /^x0 must be a number or an array/);
    expect(() => renormalize(additiveND({ dim: 3, epsilon: 0.2, lambda: 0.1 }), [1, 2], 2)).toThrow(RangeError);
    refused(() => renormalize(additiveND({ dim: 3, epsilon: 0.2, lambda: 0.1 }), [1, 2], 2), /^x0 must have length 3 \(the loss's dim\); got length 2/);
    refused(() => renormalize(a, 1, 1e200), /^b = 1e\+200: b\^2 = Infinity overflows/);
    refused(() => renormalize(a, 1, 1e-200), /^b = 1e-200: .*overflows/);
    expect(renormalize(additiveND({ dim: 2, epsilon: 0.2, lambda: 0.1 }), [1, 2], 2).x0).toEqual([0.5, 1]);
  });

  it('convexity, roughness, minimizers, stopping thresholds and ensemble replicas', () => {
    refused(() => roughness(additive({ epsilon: 1, lambda: 1e-200 })), /^epsilon and lambda: epsilon \/ lambda\^2 = Infinity overflows/);
    expect(isConvex(additive({ epsilon: 0, lambda: 1e-200 }))).toBe(true); // not 0 / 0
    refused(() => minCurvature(quadratic(), [-1.7e308, 1.7e308]), /^range = .*range\[1\] - range\[0\] = Infinity overflows/);
    refused(() => multiplicativeConvexityBound(1e200, 1e-10), /^lambda and fmax: .* overflows/);
    refused(() => extremeMinimizers([1e200], [1e200], 1, 0), /^u and v: .* overflows/);
    refused(() => planInitializationMap(scalarFactorization({ d: 1, y: 1e154, mu: 2e154 }), { stepSize: 1, tolerance: 1.7e308, divergence: Number.MAX_VALUE }), /^tolerance = 1\.7e\+308: L_min \+ tolerance/);
    refused(() => planEnsemble(quadratic(), { x0: Number.MAX_VALUE, levels: 4 }, { replicas: 4, perturbations: ['x0-ulps'] }), /^replica \d \(perturbed by .*x0 must be a finite number/);
  });

  it('wavelengths whose frequency 2 pi / lambda overflows', () => {
    refused(() => additive({ epsilon: 0.2, lambda: 1e-310 }), /^lambda = 1e-310: 2 pi \/ lambda = Infinity overflows/);
  });

  it('threads are bounded', () => {
    refused(() => planSweep(a, { threads: 1024 }), /^threads must be an integer in \[1, \d+\]; got 1024/);
  });
});

// ---- property tests ------------------------------------------------------------------------

/** Junk of every type: null, non-finite and huge numbers, strings, booleans, arrays, nested objects. */
const junk = fc.oneof(
  fc.constantFrom(null, undefined, NaN, Infinity, -Infinity, 1e308, -1.7e308, 2 ** 53, -0, 0, 1, -1, 0.5, 1e-310, '', 'x', '1', true, false),
  fc.double(),
  fc.integer({ min: -100, max: 100 }),
  fc.string({ maxLength: 4 }),
  fc.array(fc.oneof(fc.double(), fc.constant(null)), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('kind', 'bound', 'a', 'classes', 'uniform', 'seed'), fc.oneof(fc.double(), fc.boolean()), { maxKeys: 2 }),
);

/** Values that might be right for each sweep option, mixed with junk. */
const sweepValues: Record<string, fc.Arbitrary<unknown>> = {
  x0: fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 3 }),
    fc.record({ uniform: fc.tuple(fc.double({ min: -2, max: 0, noNaN: true }), fc.double({ min: 0.5, max: 2, noNaN: true })), seed: fc.nat(1000) })),
  lr: fc.oneof(fc.tuple(fc.double({ min: -2, max: 1, noNaN: true }), fc.double({ min: 1, max: 3, noNaN: true })),
    fc.tuple(fc.constantFrom(-1.7e308, -1e308, 0), fc.constantFrom(1e308, 1.7e308, Number.MAX_VALUE))),
  levels: fc.integer({ min: -2, max: 42 }),
  steps: fc.oneof({ arbitrary: fc.integer({ min: -2, max: 5000 }), weight: 6 }, fc.constant(2 ** 31)),
  criterion: fc.oneof(
    { arbitrary: fc.record({ kind: fc.constantFrom('threshold', 'sum'), bound: fc.double({ min: -1e10, max: 1e10, noNaN: true }), inclusive: fc.boolean() },
      { requiredKeys: ['kind'] }), weight: 6 },
    fc.record({ kind: fc.constantFrom('threshold', 'sum', 'other'), bound: fc.double(), inclusive: fc.boolean() }, { requiredKeys: [] }),
    fc.record({ kind: fc.constant('threshold'), bund: fc.double() }),
  ),
  grid: fc.constantFrom('dyadic', 'dyadic', 'published-gpu', 'other'),
  gridOffset: fc.oneof(fc.double({ min: 0, max: 1 }), fc.constantFrom(0, 0.5, 1)),
  phase: fc.constantFrom('divide', 'multiply', 'multiply', 'add'),
  keep: fc.record({ classes: fc.boolean(), intensity: fc.boolean() }, { requiredKeys: [] }),
  kernel: fc.constantFrom('auto', 'scalar', 'simd', 'scalar', 'gpu'),
  threads: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 4 }), weight: 6 }, fc.integer({ min: 0, max: 2000 })),
  onProgress: fc.constant(() => {}),
  signal: fc.constant(new AbortController().signal),
};

const TYPOS = ['level', 'lrs', 'x_0', 'step', 'thread', 'criteria', 'kernal', 'keeps', 'onprogress', 'Levels', 'gridoffset', 'bound'];

/** Option objects: some valid keys with plausible or junk values, sometimes a typo too. */
function optionObjects(values: Record<string, fc.Arbitrary<unknown>>, typos: readonly string[], required: readonly string[] = []): fc.Arbitrary<Record<string, unknown>> {
  const keyed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, fc.oneof({ arbitrary: v, weight: 12 }, { arbitrary: junk, weight: 1 })]));
  return fc.tuple(
    fc.record(keyed, { requiredKeys: [...required] as never }),
    fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: fc.tuple(fc.constantFrom(...typos), junk), weight: 1 }),
  ).map(([o, typo]) => (typo ? { ...o, [typo[0]]: typo[1] } : o));
}

/** A refusal must be a TypeError/RangeError whose message names one of the object's keys (or a required one left out). */
function namesAKey(err: unknown, o: object, required: readonly string[] = []): void {
  expect(err instanceof TypeError || err instanceof RangeError, String(err)).toBe(true);
  const message = (err as Error).message;
  const names = [...Object.keys(o), ...required.filter((k) => !(k in o))];
  expect(names.some((k) => message.includes(`'${k}'`) || (/^\w+$/.test(k) && new RegExp(`\\b${k}\\b`).test(message))), `${message} names none of ${names.join(', ')}`).toBe(true);
}

const LOSSES: Loss[] = [quadratic(), a, multiplicative({ epsilon: 0.2, lambda: 0.1 }), additiveND({ dim: 2, epsilon: 0.2, lambda: 0.1 })];

describe('property: random option objects', () => {
  it('planSweep either refuses naming an option or plans exactly what was asked', () => {
    const x0For = (dim: number) => fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }),
      fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: dim, maxLength: dim }), sweepValues.x0);
    const cases = fc.constantFrom(...LOSSES).chain((loss) => fc.tuple(fc.constant(loss), optionObjects({ ...sweepValues, x0: x0For(dimensionOf(loss)) }, TYPOS)));
    fc.assert(fc.property(cases, ([loss, o]) => {
      let plan;
      try {
        plan = planSweep(loss, o as never);
      } catch (err) {
        namesAKey(err, o);
        return;
      }
      for (const k of Object.keys(o)) expect(SWEEP_OPTION_KEYS as readonly string[]).toContain(k);
      const given = <T>(k: string, d: T) => (o[k] === undefined ? d : o[k]);
      expect(plan.levels).toBe(given('levels', 20));
      expect(plan.steps).toBe(given('steps', 1000));
      expect([plan.lrMin, plan.lrMax]).toEqual(given('lr', [0, 1.5]));
      expect(plan.grid).toBe(given('grid', 'dyadic'));
      expect(plan.gridOffset).toBe(given('gridOffset', 0));
      expect(plan.phase).toBe(given('phase', 'divide'));
      const x0 = given('x0', 1) as number | number[] | { uniform: [number, number]; seed: number };
      if (typeof x0 === 'number') expect(plan.x0.every((v) => Object.is(v, x0))).toBe(true);
      else if (Array.isArray(x0)) expect(plan.x0).toEqual(x0);
      else expect(plan.x0Uniform).toEqual({ min: x0.uniform[0], max: x0.uniform[1], seed: x0.seed });
      const c = given('criterion', { kind: 'threshold' }) as { kind: 'threshold' | 'sum'; bound?: number; inclusive?: boolean };
      expect(plan.criterion).toEqual({ kind: c.kind, bound: c.bound ?? defaultBound(plan.loss, c.kind), inclusive: c.inclusive ?? false, nan: 'divergent' });
      const keep = given('keep', {}) as { classes?: boolean; intensity?: boolean };
      expect([plan.keepClasses, plan.keepIntensity]).toEqual([keep.classes ?? false, keep.intensity ?? false]);
      expect(Number.isFinite(learningRate(plan, 0)) && Number.isFinite(learningRate(plan, gridPoints(plan) - 1))).toBe(true);
    }), { numRuns: 6000 });
  });

  it('the loss constructors and validateLoss either refuse naming a parameter or keep every value', () => {
    const param = fc.oneof({ arbitrary: fc.double({ min: -5, max: 5, noNaN: true }), weight: 3 }, { arbitrary: fc.integer({ min: -1, max: 70000 }), weight: 1 },
      { arbitrary: junk, weight: 1 });
    const families = {
      additive: [additive, ['epsilon', 'lambda']], multiplicative: [multiplicative, ['epsilon', 'lambda']],
      twoCosine: [twoCosine, ['epsilon1', 'lambda1', 'epsilon2', 'lambda2']],
      additiveND: [additiveND, ['dim', 'epsilon', 'lambda']], multiplicativeND: [multiplicativeND, ['dim', 'epsilon', 'lambda']],
    } as const;
    const typos = ['lamda', 'epsilon3', 'eps', 'Lambda', 'dims', 'family2'];
    const cases = fc.constantFrom(...Object.keys(families) as (keyof typeof families)[])
      .chain((family) => fc.tuple(fc.constant(family), optionObjects(Object.fromEntries(families[family][1].map((k) => [k, param])), typos), fc.boolean()));
    fc.assert(fc.property(cases, ([family, o, viaValidate]) => {
      const [make, keys] = families[family];
      let loss: Record<string, unknown>;
      try {
        loss = (viaValidate ? validateLoss({ family, ...o }) : (make as (p: unknown) => Loss)(o)) as never;
      } catch (err) {
        namesAKey(err, o, keys);
        return;
      }
      expect(Object.keys(o).every((k) => (keys as readonly string[]).includes(k))).toBe(true);
      expect(loss).toEqual({ family, ...o });
    }), { numRuns: 2000 });
  });

  const runValues: Record<string, fc.Arbitrary<unknown>> = {
    stepSize: fc.oneof(fc.double({ min: 0, max: 3 }), fc.constant(1)),
    steps: fc.integer({ min: -1, max: 5000 }),
    tolerance: fc.oneof({ arbitrary: fc.double({ min: 1e-9, max: 1, noNaN: true }), weight: 5 }, fc.double({ min: -1, max: 200 })),
    divergence: fc.oneof({ arbitrary: fc.double({ min: 2, max: 1000, noNaN: true }), weight: 5 }, fc.double({ min: -1, max: 1000 })),
    saddleTolerance: fc.oneof({ arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 5 }, fc.double({ min: -1, max: 1 })),
    threads: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 4 }), weight: 6 }, fc.integer({ min: 0, max: 2000 })),
    resolution: fc.oneof(fc.integer({ min: 0, max: 40000 }), fc.tuple(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }))),
  };
  const mapValues: Record<string, fc.Arbitrary<unknown>> = {
    ...runValues,
    coordinate: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 1 }), weight: 4 }, fc.integer({ min: -1, max: 8 })),
    extent: fc.oneof({ arbitrary: fc.double({ min: 0, max: 10 }), weight: 4 }, fc.constantFrom(1e308, 1e154, 1e300),
      fc.tuple(fc.double({ min: -5, max: 0 }), fc.double({ min: 0, max: 5 }), fc.double({ min: -1e308, max: 0 }), fc.double({ min: 0, max: 1e308 }))),
    center: fc.array(fc.oneof(fc.double({ min: -3, max: 3 }), fc.constantFrom(1e308, -1e308)), { minLength: 2, maxLength: 3 }),
    directions: fc.tuple(fc.array(fc.double({ min: -1, max: 1 }), { minLength: 2, maxLength: 2 }), fc.array(fc.double({ min: -1, max: 1 }), { minLength: 2, maxLength: 2 })),
    seed: fc.integer({ min: -1, max: 5 }),
    slice: fc.integer({ min: -1, max: 3 }),
    value: fc.constantFrom('squaredNorm', 'imbalance', 'coordinate', 'iterations', 'norm'),
  };
  const mapTypos = ['resoluton', 'stepsize', 'extents', 'centre', 'direction', 'steps_', 'tolerence', 'threads '];
  const problems = [problem, scalarFactorization({ d: 1, y: 0.5, mu: 0.1 }), matrixFactorization({ d: 2, target: [1, 0.5] })];

  it('initialization maps: planInitializationMap refuses naming an option or plans exactly what was asked', () => {
    fc.assert(fc.property(fc.constantFrom(...problems), optionObjects(mapValues, mapTypos, ['stepSize']), (p, o) => {
      let planned;
      try {
        planned = planInitializationMap(p, o as never);
      } catch (err) {
        namesAKey(err, o, ['stepSize']);
        return;
      }
      const { plan, valueName } = planned;
      const given = <T>(k: string, d: T) => (o[k] === undefined ? d : o[k]);
      expect(plan.stepSize).toBe(o.stepSize);
      expect(plan.stops.steps).toBe(given('steps', 1000));
      expect(plan.stops.coordinate).toBe(given('coordinate', 0));
      const r = given('resolution', 256) as number | [number, number];
      expect([plan.axes.width, plan.axes.height]).toEqual(typeof r === 'number' ? [r, r] : r);
      const e = given('extent', 1) as number | number[];
      expect([...plan.axes.x, ...plan.axes.y]).toEqual(typeof e === 'number' ? [-e, e, -e, e] : e);
      if (o.center !== undefined) expect(plan.center).toEqual(o.center);
      if (o.directions !== undefined) expect(plan.directions).toEqual(o.directions);
      expect(valueName).toBe(given('value', 'squaredNorm'));
      for (const x of plan.axes.x) for (const y of plan.axes.y) {
        plan.center.forEach((c, i) => expect(Number.isFinite(c + x * plan.directions[0][i] + y * plan.directions[1][i])).toBe(true));
      }
    }), { numRuns: 3000 });
  });

  it('quotient maps: planQuotientMap refuses naming an option or plans exactly what was asked', () => {
    const values = {
      ...runValues,
      z: fc.oneof(fc.tuple(fc.double({ min: -3, max: 0 }), fc.double({ min: 0, max: 3 })), fc.constant([-1.7e308, 1.7e308])),
      w: fc.tuple(fc.double({ min: -1, max: 1 }), fc.double({ min: 0, max: 1e308 })),
    };
    fc.assert(fc.property(optionObjects(values, ['zz', 'W', 'resolutions', 'coordinate'], ['stepSize']), (o) => {
      let plan;
      try {
        plan = planQuotientMap(problem, o as never);
      } catch (err) {
        namesAKey(err, o, ['stepSize']);
        return;
      }
      const given = <T>(k: string, d: T) => (o[k] === undefined ? d : o[k]);
      expect(plan.stepSize).toBe(o.stepSize);
      expect(plan.axes.x).toEqual(given('z', [-2.5, 3]));
      expect(plan.axes.y).toEqual(given('w', [0, 10]));
      expect(Number.isFinite(plan.axes.x[1] - plan.axes.x[0]) && Number.isFinite(plan.axes.y[1] - plan.axes.y[0])).toBe(true);
    }), { numRuns: 1500 });
  });

  it('factorization problems and fits refuse naming an option or keep every value', () => {
    const values = { d: fc.integer({ min: -1, max: 3000 }), y: fc.double({ min: -3, max: 3 }), mu: fc.double({ min: -1, max: 1 }) };
    fc.assert(fc.property(optionObjects(values, ['mue', 'D', 'target', 'why']), (o) => {
      let p;
      try {
        p = scalarFactorization(o as never);
      } catch (err) {
        namesAKey(err, o, ['d', 'y']);
        return;
      }
      expect(p).toEqual({ d: o.d, dy: 1, target: [o.y], mu: o.mu ?? 0 });
    }), { numRuns: 1000 });
    const fits = { minLevel: fc.integer({ min: -1, max: 8 }), maxLevel: fc.integer({ min: -1, max: 8 }), minPoints: fc.integer({ min: 0, max: 8 }) };
    const counts = [1, 2, 4, 8, 16, 32, 64];
    fc.assert(fc.property(optionObjects(fits, ['minlevel', 'max_level', 'points']), (o) => {
      let fit;
      try {
        fit = boxDimension(counts, o as never);
      } catch (err) {
        namesAKey(err, o);
        return;
      }
      const lo = (o.minLevel as number | undefined) ?? 0;
      const hi = (o.maxLevel as number | undefined) ?? 6;
      expect(fit.levels.every((k) => k >= lo && k <= hi)).toBe(true);
    }), { numRuns: 1000 });
  });
});

// ---- the command line ----------------------------------------------------------------------

const CLI = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));

/** Runs the CLI; resolves to its exit code, stdout and stderr. */
function cli(args: readonly string[], cwd: string): Promise<{ status: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ status: child.exitCode ?? (err as { code?: number } | null)?.code ?? null, stdout, stderr });
    });
  });
}

describe('CLI exit codes (issue 13)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fractal-strict-'));
  const notShard = join(dir, 'not-a-shard.json');
  writeFileSync(notShard, '{"format": "something else"}\n');
  const bad: [string, string[], RegExp][] = [
    ['no subcommand', [], /Usage: fractal-gd/],
    ['unknown subcommand', ['swep'], /unknown command 'swep'/],
    ['unknown flag', ['sweep', '--level', '4'], /unknown option '--level'/],
    ['missing value', ['sweep', '--levels'], /argument missing/],
    ['invalid choice', ['sweep', '--family', 'cubic'], /Allowed choices/],
    ['too many arguments', ['sweep', 'extra'], /too many arguments/],
    ['value out of range', ['sweep', '--levels', '41'], /levels must be an integer in \[0, 40\]; got 41/],
    ['not a number', ['sweep', '--steps', 'ten'], /steps must be an integer.*got NaN/],
    ['lr overflow', ['sweep', '--lr-min=-1.7e308', '--lr-max=1.7e308'], /lr\[1\] - lr\[0\] = Infinity overflows/],
    ['too many threads', ['sweep', '--threads', '1024'], /threads must be an integer in/],
    ['critical step size overflow', ['mf', 'critical', '--u', '1e154', '--v', '1e154', '--y', '1'], /overflows/],
    ['map extent overflow', ['mf', 'map', '--step-size', '1', '--extent', '1e308'], /extent\[1\] - extent\[0\] = Infinity overflows/],
    ['missing file', ['merge', join(dir, 'missing.json')], /cannot read .*missing\.json/],
    ['a folder for a file', ['merge', dir], /cannot read/],
    ['missing shard folder', ['reproduce', 'fig2a', '--shards', join(dir, 'nope')], /--shards must be a readable folder/],
    ['unknown figure', ['reproduce', 'fig9z'], /figure must be one of/],
    ['bad plan value', ['plan', '--of', '0'], /--of must be an integer/],
    ['missing required flag', ['shard', '--of', '4'], /required option '--out <file>'/],
    ['bad range', ['dimension', '--range', '5'], /--range must be two levels/],
  ];
  it('every bad command line exits 2 with the problem named', async () => {
    const runs = await Promise.all(bad.map(([, args]) => cli(args, dir))); // mostly waiting: run them side by side
    bad.forEach(([what, , message], i) => {
      expect(runs[i].stderr, what).toMatch(message);
      expect(runs[i].status, `${what}: ${runs[i].stderr}`).toBe(2);
    });
  });

  it('a good command line exits 0; a refused file content exits 1', async () => {
    const [ok, content, plan] = await Promise.all([
      cli(['sweep', '--levels', '3', '--steps', '50', '--threads', '1', '--json', '--quiet'], dir), cli(['merge', notShard], dir),
      cli(['plan', '--of', '4', '--threads', '64', '--target', 'slurm'], dir), // threads of the compute nodes, not of this machine
    ]);
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/--cpus-per-task=64/);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).boundaryCounts).toHaveLength(4);
    expect(content.stderr).toMatch(/not-a-shard\.json: format must be/);
    expect(content.status).toBe(1);
  });

  it('--help lists the exit codes, for every subcommand', async () => {
    for (const r of await Promise.all([['--help'], ['sweep', '--help'], ['mf', 'map', '--help']].map((args) => cli(args, dir)))) {
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/Exit codes:\n\s+0\s+success\n\s+1\s+the run failed[\s\S]*\n\s+2\s+usage error/);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
});
