// Optimizers (docs/semantics.md section 8): beta = 0 is GD bit for bit, the SIMD loops equal the
// scalar reference at every grid point (whole, on 1..4 threads and sliced by a tiny call budget),
// plans carry the optimizer into shards and checkpoints, and the options are validated strictly.
import { describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  sweep, additive, additiveND, multiplicative, defineLoss, sweepShard, mergeShards, simdSupported, planSweep, dimensionEnsemble,
  type Loss, type SweepOptions, type OptimizerOptions,
} from '../dist/index.js';
import { checkpointedSweep } from '../dist/cli/checkpoint.js';
import { setCallBudget, DEFAULT_CALL_BUDGET } from '../dist/lr/chunk.js';
import { FAMILY_CASES, CRITERION_CASES, expectSameRuns } from './helpers.js';
import { PUBLISHED_COUNTS } from './published-numbers.js';

const FIG2A = additive({ epsilon: 0.2, lambda: 0.1 });
const KERNELS = simdSupported() ? (['scalar', 'simd'] as const) : (['scalar'] as const);

/** Every criterion of the equality tests, the NaN-bounded threshold rule included. */
const CRITERIA: [string, SweepOptions][] = [
  ...CRITERION_CASES,
  ['threshold, NaN bounded', { x0: 1, criterion: { kind: 'threshold', nan: 'bounded' } }],
];
/** d-dimensional starts whose coordinates differ, so that every coordinate's buffer matters. */
const X0_ND = [1, -0.37, 0.61];

/** The start point of a case for a loss (its dimension). */
function withX0(loss: Loss, opts: SweepOptions): SweepOptions {
  return 'dim' in loss && loss.dim > 1 ? { ...opts, x0: X0_ND.map((v) => v * (opts.x0 as number)) } : opts;
}

const keep = { classes: true, intensity: true } as const;

describe('beta = 0 is gradient descent bit for bit', () => {
  it('momentum beta 0 gives the published Fig. 2a counts at levels 16, on every kernel', async () => {
    for (const kernel of KERNELS) {
      const r = await sweep(FIG2A, { x0: 1, levels: 16, kernel, optimizer: { kind: 'momentum', beta: 0 } });
      expect(r.boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2a);
      expect(r.plan.optimizer).toEqual({ kind: 'momentum', beta: 0 });
    }
  });

  for (const [name, loss] of FAMILY_CASES) {
    it(`${name}: momentum and Nesterov with beta 0 equal GD under every criterion (classes, intensities, steps)`, async () => {
      for (const [, c] of CRITERIA) {
        const common: SweepOptions = { ...withX0(loss, c), levels: 10, lr: [0, 2.5], threads: 1, keep };
        for (const kernel of KERNELS) {
          const gd = await sweep(loss, { ...common, kernel });
          for (const kind of ['momentum', 'nesterov'] as const) expectSameRuns(await sweep(loss, { ...common, kernel, optimizer: { kind, beta: 0 } }), gd);
        }
      }
    });
  }
});

describe('momentum beta 0.5', () => {
  it('gives other counts than GD, the same on every kernel and thread count', async () => {
    const common: SweepOptions = { x0: 1, levels: 14, lr: [0, 2], keep };
    const gd = await sweep(FIG2A, { ...common, threads: 1 });
    const ref = await sweep(FIG2A, { ...common, threads: 1, kernel: 'scalar', optimizer: { kind: 'momentum', beta: 0.5 } });
    expect(ref.boundaryCounts).not.toEqual(gd.boundaryCounts);
    for (const kernel of KERNELS) {
      for (const threads of [1, 2, 3, 4]) {
        const r = await sweep(FIG2A, { ...common, threads, kernel, optimizer: { kind: 'momentum', beta: 0.5 } });
        expect(r.kernel).toBe(kernel);
        expectSameRuns(r, ref);
      }
    }
  });
});

const OPTIMIZERS: OptimizerOptions[] = [
  { kind: 'momentum', beta: 0.5 },
  { kind: 'nesterov', beta: 0.7 },
  { kind: 'adam', beta1: 0.5, beta2: 0.9, epsilon: 1e-3 },
];

describe.runIf(simdSupported())('the optimizers\' SIMD loops equal the scalar reference at every grid point', () => {
  for (const [name, loss] of FAMILY_CASES) {
    it(`${name}: every optimizer and criterion, whole and under a call budget of 7`, async () => {
      for (const optimizer of OPTIMIZERS) {
        for (const [, c] of CRITERIA) {
          const common: SweepOptions = { ...withX0(loss, c), levels: 10, lr: [0, 3], threads: 1, keep, optimizer };
          const ref = await sweep(loss, { ...common, kernel: 'scalar' });
          const fast = await sweep(loss, { ...common, kernel: 'simd' });
          expect(fast.kernel).toBe('simd');
          expectSameRuns(fast, ref);
        }
        const small: SweepOptions = { ...withX0(loss, CRITERIA[0][1]), levels: 6, lr: [0, 3], threads: 1, keep, optimizer };
        const whole = await sweep(loss, { ...small, kernel: 'scalar' });
        setCallBudget(7);
        try {
          for (const kernel of KERNELS) expectSameRuns(await sweep(loss, { ...small, kernel }), whole);
        } finally {
          setCallBudget(DEFAULT_CALL_BUDGET);
        }
      }
    });
  }

  it('losses that turn NaN (or reach Infinity), under both NaN rules: SIMD equals scalar, and beta 0 equals GD', async () => {
    const cases: [Loss, SweepOptions][] = [
      [multiplicative({ epsilon: 2, lambda: 0.1 }), { x0: 1, levels: 10, lr: [0, 3] }],
      [multiplicative({ epsilon: 2, lambda: 0.1 }), { x0: 1, levels: 10, lr: [0, 3], criterion: { kind: 'threshold', bound: 1e300 } }],
      [FAMILY_CASES[5][1], { x0: X0_ND.map((v) => 30 * v), levels: 9, lr: [0, 3], criterion: { kind: 'threshold', bound: 1e300 } }],
    ];
    for (const [loss, opts] of cases) {
      for (const nan of ['divergent', 'bounded'] as const) {
        const common: SweepOptions = { ...opts, criterion: { kind: 'threshold', ...opts.criterion, nan } as SweepOptions['criterion'], threads: 1, keep };
        for (const optimizer of OPTIMIZERS) {
          expectSameRuns(await sweep(loss, { ...common, optimizer, kernel: 'simd' }), await sweep(loss, { ...common, optimizer, kernel: 'scalar' }));
        }
        const gd = await sweep(loss, { ...common, kernel: 'scalar' });
        for (const kernel of KERNELS) expectSameRuns(await sweep(loss, { ...common, kernel, optimizer: { kind: 'nesterov', beta: 0 } }), gd);
      }
    }
  });

  it('a random x0 per grid point (x0.uniform): SIMD equals scalar', async () => {
    const common: SweepOptions = { x0: { uniform: [-2, 2], seed: 7 }, levels: 10, lr: [0, 3], threads: 1, keep };
    for (const optimizer of OPTIMIZERS) {
      const loss = multiplicative({ epsilon: 0.2, lambda: 0.1 });
      expectSameRuns(await sweep(loss, { ...common, optimizer, kernel: 'simd' }), await sweep(loss, { ...common, optimizer, kernel: 'scalar' }));
    }
  });
});

describe('threads 1..4 equal one thread for every optimizer', () => {
  for (const [name, loss] of FAMILY_CASES.filter(([n]) => n === 'twoCosine' || n === 'multiplicativeND')) {
    it(`${name}`, async () => {
      for (const optimizer of OPTIMIZERS) {
        const common: SweepOptions = { ...withX0(loss, { x0: 1 }), levels: 12, lr: [0, 3], keep, optimizer };
        const one = await sweep(loss, { ...common, threads: 1 });
        for (const threads of [2, 3, 4]) expectSameRuns(await sweep(loss, { ...common, threads }), one);
      }
    }, 60_000);
  }
});

describe('formula losses run every optimizer on both kernels', () => {
  it('the Fig. 2a formula with its reference gradient equals the built-in family under momentum and Adam, scalar and SIMD', async () => {
    const formula = await defineLoss({
      loss: 'x^2 + eps*cos(2*pi*x/lambda)', gradient: '2*x - 2*pi*eps*sin(2*pi*x/lambda)/lambda', params: { eps: 0.2, lambda: 0.1 },
    });
    for (const optimizer of OPTIMIZERS.slice(0, 1).concat(OPTIMIZERS.slice(2))) {
      const common: SweepOptions = { x0: 1, levels: 12, lr: [0, 3], threads: 1, keep, optimizer };
      const reference = await sweep(FIG2A, { ...common, kernel: 'scalar' });
      for (const kernel of ['scalar', 'simd'] as const) {
        const f = await sweep(formula, { ...common, kernel });
        expect(f.kernel).toBe(kernel);
        expectSameRuns(f, reference);
      }
    }
  }, 60_000);
  it('a d-dimensional formula in the reference order equals additiveND under momentum and Adam', async () => {
    const formula = await defineLoss({
      loss: 'sum(x_i^2 + eps*cos(2*pi*x_i/lambda))', gradient: '2*x_i - 2*pi*eps*sin(2*pi*x_i/lambda)/lambda', params: { eps: 0.2, lambda: 0.1 }, dim: 3,
    });
    for (const optimizer of OPTIMIZERS.slice(0, 1).concat(OPTIMIZERS.slice(2))) {
      const common: SweepOptions = { x0: 0.3, levels: 9, lr: [0, 3], threads: 1, keep, optimizer, kernel: 'scalar' };
      expectSameRuns(await sweep(formula, common), await sweep(additiveND({ epsilon: 0.2, lambda: 0.1, dim: 3 }), common));
    }
  }, 60_000);
});

describe('the plan carries the optimizer', () => {
  it('shards of another optimizer do not merge; ensembles keep it; a checkpoint of another optimizer is refused', async () => {
    const options: SweepOptions = { x0: 1, levels: 8, lr: [0, 3] };
    const a = await sweepShard(FIG2A, { ...options, optimizer: { kind: 'momentum', beta: 0.5 } }, { index: 0, of: 2 });
    const b = await sweepShard(FIG2A, { ...options, optimizer: { kind: 'momentum', beta: 0.6 } }, { index: 1, of: 2 });
    expect(() => mergeShards([a, b])).toThrow(/optimizer/);
    const c = await sweepShard(FIG2A, { ...options, optimizer: { kind: 'momentum', beta: 0.5 } }, { index: 1, of: 2 });
    const whole = await sweep(FIG2A, { ...options, optimizer: { kind: 'momentum', beta: 0.5 } });
    expect(mergeShards([a, c]).boundaryCounts).toEqual(whole.boundaryCounts);

    const e = await dimensionEnsemble(FIG2A, { ...options, optimizer: { kind: 'adam' } }, { replicas: 2 });
    expect(e.plan.optimizer).toEqual({ kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    expect(e.replicas[0].boundaryCounts).toEqual((await sweep(FIG2A, { ...options, optimizer: { kind: 'adam' } })).boundaryCounts);

    const dir = await mkdtemp(join(tmpdir(), 'optim-checkpoint-'));
    try {
      await checkpointedSweep(FIG2A, { ...options, optimizer: { kind: 'nesterov', beta: 0.5 } }, dir);
      await expect(checkpointedSweep(FIG2A, { ...options, optimizer: { kind: 'adam' } }, dir)).rejects.toThrow(/optimizer/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('optimizer validation', () => {
  it.each([
    [{ kind: 'momentum', beta: 1 }, /optimizer.beta must be a finite number in \[0, 1\); got 1/],
    [{ kind: 'momentum', beta: -0.1 }, /optimizer.beta must be a finite number in \[0, 1\); got -0.1/],
    [{ kind: 'adam', beta2: Number.NaN }, /optimizer.beta2/],
    [{ kind: 'adam', epsilon: 0 }, /optimizer.epsilon must be a finite number > 0; got 0/],
    [{ kind: 'gd', beta: 0.5 }, /optimizer.beta applies to kind "momentum" and "nesterov" only; got it with kind "gd"/],
    [{ kind: 'momentum', betta: 0.5 }, /betta.*beta/],
    [{ kind: 'sgd' }, /optimizer.kind must be one of "gd", "momentum", "nesterov", "adam"; got "sgd"/],
  ])('%j is refused', (optimizer, message) => {
    expect(() => planSweep(FIG2A, { optimizer: optimizer as OptimizerOptions })).toThrow(message);
  });

  it('fills in the defaults', () => {
    expect(planSweep(FIG2A).optimizer).toEqual({ kind: 'gd' });
    expect(planSweep(FIG2A, { optimizer: { kind: 'nesterov' } }).optimizer).toEqual({ kind: 'nesterov', beta: 0.9 });
    expect(planSweep(FIG2A, { optimizer: { kind: 'adam' } }).optimizer).toEqual({ kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  });
});
