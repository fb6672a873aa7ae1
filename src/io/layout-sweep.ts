/**
 * The file layout of learning-rate results: a sweep (its counts per level, and the classes
 * and intensities it kept) and an ensemble of replicas. Both carry their plan as attributes:
 * one per field in snake case for readers (family, epsilon, lambda, levels, criterion, ...)
 * and the whole plan as JSON (`plan`) to restore it exactly.
 */
import type { SweepPlan } from '../lr/plan.js';
import type { SweepResult } from '../lr/sweep.js';
import type { KernelVariant } from '../lr/kernel.js';
import type { DimensionEnsemble, Perturbation, Replica } from '../analysis/ensemble.js';
import {
  type Attribute, type ResultDocument, dataset, datasetNamed, int, jsonAttribute, maybeDataset, numberAttribute, stringAttribute,
} from './document.js';

/** A sweep's result as files hold it (`SweepResult`, or merged shards: without kernel and timing). */
export type SweepData = Pick<SweepResult, 'plan' | 'boundaryCounts' | 'totalSteps'> & Partial<Omit<SweepResult, 'plan' | 'boundaryCounts' | 'totalSteps'>>;

/** "epsilon1" -> "epsilon1", "lrMin" -> "lr_min". */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The optimizer as attributes: `optimizer` (its kind) and `optimizer_<parameter>` (a plan stored before optimizers existed: gd). */
function optimizerAttributes(plan: SweepPlan): Record<string, Attribute> {
  const { kind, ...params } = plan.optimizer ?? { kind: 'gd' };
  return { optimizer: kind, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [`optimizer_${k}`, v])) };
}

/** The plan as attributes: the loss's fields, x0, grid, criterion, optimizer, and the plan as JSON. */
export function planAttributes(plan: SweepPlan): Record<string, Attribute> {
  const loss = Object.fromEntries(Object.entries(plan.loss).map(([k, v]) => [snake(k), k === 'dim' ? int(v as number) : v as Attribute]));
  return {
    ...loss,
    x0: plan.x0,
    ...(plan.x0Uniform ? { x0_uniform_min: plan.x0Uniform.min, x0_uniform_max: plan.x0Uniform.max, x0_uniform_seed: int(plan.x0Uniform.seed) } : {}),
    lr_min: plan.lrMin, lr_max: plan.lrMax, levels: int(plan.levels), points: int(2 ** plan.levels + 1), steps: int(plan.steps),
    grid: plan.grid, grid_offset: plan.gridOffset, phase: plan.phase,
    criterion: plan.criterion.kind, bound: plan.criterion.bound, inclusive: plan.criterion.inclusive,
    ...optimizerAttributes(plan),
    plan: JSON.stringify(plan),
  };
}

/** Which learning rate each grid point j is (as learningRate in src/lr/plan.ts), for the descriptions of classes and intensity. */
function gridNote(plan: SweepPlan): string {
  return `per grid point j = 0 .. 2^levels: lr_j = ${plan.grid === 'dyadic' ? 'lr_min + (lr_max - lr_min) * ((j + grid_offset) / 2^levels)'
    : 'lr_min for j = 0, else lr_min + ((lr_max - lr_min) / (2^levels - 1)) * (j - 1) (the published GPU grid)'}`;
}

/** A sweep as a result document: counts, and classes and intensity when kept. */
export function sweepDocument(result: SweepData, version: string): ResultDocument {
  const plan = result.plan;
  const n = plan.levels + 1;
  const note = gridNote(plan);
  const datasets = [dataset('counts', 'int64', [n], result.boundaryCounts, {
    units: 'boundary segments', description: '|B_N| for N = 2^k, k = 0..levels: segments of level k whose end points differ in class', dimensions: ['k'],
  })];
  if (result.divergent) {
    datasets.push(dataset('classes', 'uint8', [result.divergent.length], result.divergent, { units: '1 = diverged, 0 = bounded', description: note, dimensions: ['j'] }));
  }
  if (result.intensity) {
    datasets.push(dataset('intensity', 'float64', [result.intensity.length], result.intensity, {
      units: 'loss (summed over steps)', description: `sum of f over the steps of a bounded run, of 1/f for a divergent one; ${note}`, dimensions: ['j'],
    }));
  }
  return {
    attributes: {
      kind: 'sweep', package_version: version, ...planAttributes(plan), total_steps: int(result.totalSteps),
      ...(result.elapsedSeconds === undefined ? {} : { elapsed_seconds: result.elapsedSeconds }),
      ...(result.kernel === undefined ? {} : { kernel: result.kernel }),
      ...(result.threads === undefined ? {} : { threads: int(result.threads) }),
    },
    groups: {},
    datasets,
    primary: result.divergent ? 'classes' : result.intensity ? 'intensity' : 'counts',
  };
}

/** A sweep restored from its document (classes and intensity when the file has them). */
export function sweepFromDocument(doc: ResultDocument): SweepResult {
  const a = doc.attributes;
  const plan = jsonAttribute<SweepPlan>(a, 'plan');
  const classes = maybeDataset(doc, 'classes');
  const intensity = maybeDataset(doc, 'intensity');
  return {
    plan,
    boundaryCounts: Array.from(datasetNamed(doc, 'counts').data as ArrayLike<number>),
    grid: { lrMin: plan.lrMin, lrMax: plan.lrMax, levels: plan.levels, points: 2 ** plan.levels + 1 },
    ...(classes ? { divergent: Uint8Array.from(classes.data as ArrayLike<number>) } : {}),
    ...(intensity ? { intensity: Float64Array.from(intensity.data as ArrayLike<number>) } : {}),
    totalSteps: numberAttribute(a, 'total_steps'),
    elapsedSeconds: a.elapsed_seconds === undefined ? NaN : numberAttribute(a, 'elapsed_seconds'),
    kernel: (a.kernel === undefined ? 'scalar' : stringAttribute(a, 'kernel')) as KernelVariant,
    threads: a.threads === undefined ? 1 : numberAttribute(a, 'threads'),
  };
}

/** An ensemble (with the plan of its reference sweep). */
export type EnsembleData = DimensionEnsemble;

const nullToNaN = (v: number | null) => (v === null ? NaN : v);
const nanToNull = (v: number) => (Number.isNaN(v) ? null : v);

/** An ensemble as a result document: counts per replica and level, each replica's change and fit. */
export function ensembleDocument(e: EnsembleData, version: string): ResultDocument {
  const r = e.replicas.length;
  const n = e.plan.levels + 1;
  const per = (name: string, dtype: 'float64' | 'int32' | 'str', data: readonly number[] | readonly string[], units: string, description: string) =>
    dataset(name, dtype, [r], dtype === 'int32' ? Int32Array.from(data as number[]) : data, { units, description, dimensions: ['replica'] });
  const slopes = (name: string, data: readonly number[], description: string) =>
    dataset(name, 'float64', [e.localSlopes.length], data, { units: '1', description, dimensions: ['k'] });
  return {
    attributes: {
      kind: 'ensemble', package_version: version, ...planAttributes(e.plan), replicas: int(r), seed: int(e.seed), perturbations: e.perturbations,
      dimension: e.reference.dimension, stderr: e.reference.stderr, mean: e.mean, spread: e.spread,
      fits: JSON.stringify(e.replicas.map((x) => x.fit)),
    },
    groups: {},
    datasets: [
      dataset('counts', 'int64', [r, n], e.replicas.flatMap((x) => x.boundaryCounts), {
        units: 'boundary segments', description: '|B_N| per replica (row; 0 is the reference) and level k (column)', dimensions: ['replica', 'k'],
      }),
      per('dimension', 'float64', e.replicas.map((x) => x.fit.dimension), '1', 'fitted box dimension of each replica'),
      per('stderr', 'float64', e.replicas.map((x) => x.fit.stderr), '1', 'least-squares standard error of each replica\'s dimension'),
      per('grid_offset', 'float64', e.replicas.map((x) => x.change.gridOffset), 'finest grid spacings', 'grid offset added by each replica'),
      per('x0_ulps', 'int32', e.replicas.map((x) => x.change.x0Ulps), 'units in the last place', 'x0 shift of each replica'),
      per('phase', 'str', e.replicas.map((x) => x.change.phase), '', 'phase order of each replica: divide (2 pi x)/lambda, or multiply x (2 pi/lambda)'),
      slopes('local_slope_mean', e.localSlopes.map((s) => nullToNaN(s.mean)), 'mean over replicas of the local slope k -> k+1 (NaN: undefined)'),
      slopes('local_slope_spread', e.localSlopes.map((s) => nullToNaN(s.spread)), 'sample standard deviation over replicas of the local slope k -> k+1 (NaN: undefined)'),
    ],
    primary: 'counts',
  };
}

/** An ensemble restored from its document. */
export function ensembleFromDocument(doc: ResultDocument): EnsembleData {
  const a = doc.attributes;
  const plan = jsonAttribute<SweepPlan>(a, 'plan');
  const fits = jsonAttribute<Replica['fit'][]>(a, 'fits');
  const counts = datasetNamed(doc, 'counts');
  const n = counts.shape[1];
  const column = (name: string) => Array.from(datasetNamed(doc, name).data as ArrayLike<number>);
  const offsets = column('grid_offset');
  const ulps = column('x0_ulps');
  const phases = datasetNamed(doc, 'phase').data as readonly string[];
  const replicas: Replica[] = fits.map((fit, i) => ({
    change: { gridOffset: offsets[i], x0Ulps: ulps[i], phase: phases[i] as 'divide' | 'multiply' },
    boundaryCounts: Array.from(counts.data as ArrayLike<number>).slice(i * n, (i + 1) * n),
    fit,
  }));
  const means = column('local_slope_mean');
  const spreads = column('local_slope_spread');
  const perturbations = a.perturbations;
  return {
    plan, replicas, reference: fits[0], mean: numberAttribute(a, 'mean'), spread: numberAttribute(a, 'spread'),
    localSlopes: means.map((m, k) => ({ mean: nanToNull(m), spread: nanToNull(spreads[k]) })),
    seed: numberAttribute(a, 'seed'), perturbations: (Array.isArray(perturbations) ? perturbations : [perturbations]) as Perturbation[],
  };
}
