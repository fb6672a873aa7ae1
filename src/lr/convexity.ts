/**
 * Curvature and convexity of the 1D loss families (docs/semantics.md section 5). Fractal
 * trainability boundaries appear where the loss GD sees turns non-convex.
 */
import { type Loss, type BuiltinLoss, builtinLoss } from './losses.js';
import { CRITICAL_ROUGHNESS_ADDITIVE } from './renormalize.js';
import { finiteDerived, finiteNumber, integerIn, numberAbove, record } from '../validate.js';

const TAU = 2 * Math.PI;

/** f''(x) of a one-dimensional loss (for additiveND: of each coordinate's term). */
export function curvature(loss: Loss, x: number): number {
  const l = builtinLoss('curvature', loss);
  switch (l.family) {
    case 'quadratic': return 2;
    case 'additive': case 'additiveND': {
      const w = TAU / l.lambda;
      return 2 - l.epsilon * w * w * Math.cos(w * x);
    }
    case 'multiplicative': {
      const w = TAU / l.lambda;
      const a = w * x;
      return 2 * (1 + l.epsilon * Math.cos(a)) - 4 * x * l.epsilon * w * Math.sin(a) - x * x * l.epsilon * w * w * Math.cos(a);
    }
    case 'twoCosine': {
      const w1 = TAU / l.lambda1;
      const w2 = TAU / l.lambda2;
      return 2 - l.epsilon1 * w1 * w1 * Math.cos(w1 * x) - l.epsilon2 * w2 * w2 * Math.cos(w2 * x);
    }
    case 'multiplicativeND':
      throw new RangeError('curvature needs a one-dimensional loss (or additiveND); got multiplicativeND');
  }
}

/** The shortest wavelength in a loss (Infinity for the quadratic). */
function shortestWavelength(l: BuiltinLoss): number {
  if (l.family === 'quadratic') return Infinity;
  if (l.family === 'twoCosine') return Math.min(l.lambda1, l.lambda2);
  return l.lambda;
}

/**
 * The minimum of f'' over [from, to], with its location: dense sampling (`perWavelength`
 * samples per shortest wavelength, default 64, and always x = 0 when inside) refined by a
 * golden-section search around the best sample.
 */
export function minCurvature(
  loss: Loss, range: readonly [number, number], options: { perWavelength?: number } = {},
): { x: number; value: number } {
  const l = builtinLoss('minCurvature', loss);
  const [from, to] = curvatureRange(range);
  const per = integerIn('perWavelength', record('options', options, ['perWavelength']).perWavelength ?? 64, 4, 4096);
  const lambda = shortestWavelength(l);
  const samples = Math.max(2, Math.ceil(((to - from) / lambda) * per) + 1);
  if (!(samples <= 2 ** 25)) {
    throw new RangeError(`range [${from}, ${to}] holds too many wavelengths (${samples} samples > 2^25); narrow it`);
  }
  return minimumOf((x) => curvature(l, x), from, to, samples);
}

/** Internal: validates a range [from, to] with from <= to. */
export function curvatureRange(range: unknown): [number, number] {
  if (!Array.isArray(range) || range.length !== 2) throw new TypeError('range must be an array [from, to]');
  const from = finiteNumber('range[0] (from)', range[0]);
  const to = finiteNumber('range[1] (to)', range[1]);
  if (!(from <= to)) throw new RangeError(`range must satisfy from <= to; got [${from}, ${to}]`);
  finiteDerived(`range = [${from}, ${to}]`, 'range[1] - range[0]', to - from);
  return [from, to];
}

/**
 * Internal: the minimum of f over [from, to] (validated, from <= to), with its location:
 * `samples` evenly spaced samples (and x = 0 when inside) refined by a golden-section search
 * around the best one.
 */
export function minimumOf(f: (x: number) => number, from: number, to: number, samples: number): { x: number; value: number } {
  let best = { x: from, value: f(from) };
  const consider = (x: number) => {
    const v = f(x);
    if (v < best.value) best = { x, value: v };
  };
  if (from <= 0 && 0 <= to) consider(0);
  const h = (to - from) / (samples - 1);
  for (let i = 1; i < samples; i++) consider(from + i * h);
  // golden-section refinement of the bracket around the best sample
  let a = Math.max(from, best.x - h);
  let b = Math.min(to, best.x + h);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 80 && b - a > 1e-15 * Math.max(1, Math.abs(best.x)); it++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (f(c) < f(d)) b = d;
    else a = c;
  }
  consider((a + b) / 2);
  return best;
}

/**
 * Whether the loss is convex: additive when theta+ <= 1/(2 pi^2); two cosines when f'' >= 0
 * over a common period; the quadratic always. The multiplicative loss is never convex on
 * the whole line; with `fmax` the answer is for the region GD sees before the bound,
 * |x| <= sqrt(fmax) (the paper's Fig. S3 argument), computed numerically.
 */
export function isConvex(loss: Loss, options: { fmax?: number } = {}): boolean {
  const l = builtinLoss('isConvex', loss);
  const o = record('options', options, ['fmax']);
  const fmax = o.fmax === undefined ? undefined : numberAbove('fmax', o.fmax, 0);
  switch (l.family) {
    case 'quadratic': return true;
    case 'additive': case 'additiveND':
      return l.epsilon === 0 || Math.abs(l.epsilon) / l.lambda ** 2 <= CRITICAL_ROUGHNESS_ADDITIVE; // 0 / 0 when lambda^2 underflows
    case 'twoCosine': {
      // with both amplitudes >= 0 both cosines peak at x = 0, which minCurvature always samples
      const period = commonPeriod(l.lambda1, l.lambda2);
      return minCurvature(l, [0, period]).value >= 0;
    }
    case 'multiplicative': case 'multiplicativeND':
      if (l.epsilon === 0) return true;
      if (fmax === undefined || l.family === 'multiplicativeND') return false;
      return minCurvature(l, [-Math.sqrt(fmax), Math.sqrt(fmax)]).value >= 0;
  }
}

/** A common period of two wavelengths (their least common multiple when the ratio is a fraction p/q with q <= 1000; else 1000 times the longer). */
export function commonPeriod(lambda1: number, lambda2: number): number {
  numberAbove('lambda1', lambda1, 0);
  numberAbove('lambda2', lambda2, 0);
  const r = lambda1 / lambda2;
  for (let q = 1; q <= 1000; q++) {
    const p = Math.round(r * q);
    if (p > 0 && Math.abs(r * q - p) < 1e-9 * q) return finiteDerived('lambda1 and lambda2', 'their common period', lambda1 * q);
  }
  return finiteDerived('lambda1 and lambda2', 'their common period', 1000 * Math.max(lambda1, lambda2));
}

/**
 * Eq. S3 of the paper: the multiplicative loss restricted to |x| < sqrt(fmax) turns
 * non-convex roughly where epsilon exceeds lambda^2 / (2 pi^2 fmax) (the red curves of Fig. S3).
 */
export function multiplicativeConvexityBound(lambda: number, fmax: number): number {
  return finiteDerived('lambda and fmax', 'lambda^2 / (2 pi^2 fmax)', numberAbove('lambda', lambda, 0) ** 2 / (2 * Math.PI ** 2 * numberAbove('fmax', fmax, 0)));
}
