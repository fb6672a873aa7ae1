/**
 * The whole state of the explorer, and its text form in the URL hash: a link reproduces the view.
 * Numbers are written with `String(x)`, the shortest text that parses back to the same double,
 * so a deep zoom survives the round trip bit for bit.
 */
import {
  type BuiltinLoss, type Criterion, type SweepOptions, MAX_LEVELS, SD_CONFIGURATIONS, additive, multiplicative, quadratic, twoCosine,
} from 'fractal-trainability';

/** The one-dimensional losses the explorer offers: the built-in families, and a formula (formula.ts). */
export const FAMILIES_1D = ['quadratic', 'additive', 'multiplicative', 'twoCosine', 'formula'] as const;
/** The divergence criteria: f_k > bound, f_k >= bound, or the running sum of f_k >= bound. */
export const CRITERIA = ['threshold', 'inclusive', 'sum'] as const;
/** The parameter on the vertical axis of the map (`beta`: the optimizer's beta, beta1 for Adam). */
export const MAP_AXES = ['x0', 'eps', 'beta'] as const;
/** The optimizers (SweepOptions.optimizer; GD by default). */
export const OPTIMIZERS = ['gd', 'momentum', 'nesterov', 'adam'] as const;
/** The views: the learning-rate bar, the learning-rate map, the matrix-factorization slice. */
export const VIEWS = ['bar', 'map', 'mf', 'nn'] as const;
/** The network view's configurations: his overview (tanh, full batch, both axes 1e-3..1e6), then his six (`sd-...`). */
export const NN_CONFIGURATIONS = ['overview', ...SD_CONFIGURATIONS.map((c) => c.id)] as const;
/** The network view's colourings: his rank-based Spectral map, or two plain colours. */
export const NN_COLOURINGS = ['spectral', 'two-colour'] as const;
/** The network view's overview window on both axes (his default). */
export const NN_OVERVIEW: readonly [number, number] = [1e-3, 1e6];
/** Most pixels per side of the network map. */
export const MAX_NN_RESOLUTION = 512;

/** Everything a view depends on. */
export interface ViewState {
  readonly view: (typeof VIEWS)[number];
  readonly family: (typeof FAMILIES_1D)[number];
  /** epsilon (epsilon1 for two cosines), lambda (lambda1), and the second cosine. */
  readonly eps: number;
  readonly lambda: number;
  readonly eps2: number;
  readonly lambda2: number;
  readonly x0: number;
  readonly steps: number;
  readonly criterion: (typeof CRITERIA)[number];
  /** The formula loss (family `formula`): its text in x, its gradient ('' = derived), its parameters `name=value, ...`. */
  readonly formula: string;
  readonly gradient: string;
  readonly params: string;
  /** The optimizer; beta (beta1 for Adam), and Adam's beta2 and epsilon. */
  readonly optimizer: (typeof OPTIMIZERS)[number];
  readonly beta: number;
  readonly beta2: number;
  readonly adamEps: number;
  /** Divergence bound; undefined: the package's default for the criterion. */
  readonly bound?: number;
  /** Depth of the boundary count in the bar view (levels 0..this). */
  readonly levels: number;
  /** The bar's learning-rate window. */
  readonly lr: readonly [number, number];
  /** The map's own learning-rate window (each view keeps its own zoom). */
  readonly mapLr: readonly [number, number];
  /** Map: the vertical parameter and its window. */
  readonly axis: (typeof MAP_AXES)[number];
  readonly y: readonly [number, number];
  /**
   * Matrix-factorization slice (Liang and Montufar): (u.v - target)^2/2 + (mu/2)(|u|^2 + |v|^2),
   * u, v in R^d, GD with step size eta for mfSteps steps from every point of a 2-D slice: the
   * (u, v) plane when d = 1, else random orthonormal directions drawn from `seed`.
   */
  readonly d: number;
  readonly target: number;
  readonly mu: number;
  readonly eta: number;
  readonly mfSteps: number;
  readonly seed: number;
  /** The slice's windows: columns (u, or the first direction) and rows. */
  readonly u: readonly [number, number];
  readonly v: readonly [number, number];
  /**
   * Network view (Sohl-Dickstein): the configuration (network and phase space), GD steps, pixels
   * per side, colouring, and the log-spaced windows of x (input-layer lr, or the offset) and y.
   */
  readonly nn: string;
  readonly nnSteps: number;
  readonly nnRes: number;
  readonly nnColours: (typeof NN_COLOURINGS)[number];
  readonly nx: readonly [number, number];
  readonly ny: readonly [number, number];
}

/**
 * Liu's Fig. 1d (its map over (lr, eps) shows the fractal edge fanning out with eps), and
 * Liang and Montufar's Fig. 3 for the matrix-factorization slice.
 */
export const DEFAULT_STATE: ViewState = Object.freeze({
  view: 'bar', family: 'multiplicative', eps: 0.2, lambda: 0.1, eps2: 0.02, lambda2: 0.5,
  x0: 1, steps: 1000, criterion: 'threshold', bound: undefined, levels: 16,
  formula: 'x^2 + eps*cos(2*pi*x/lambda)', gradient: '', params: 'eps=0.2, lambda=0.1',
  optimizer: 'gd', beta: 0.5, beta2: 0.999, adamEps: 1e-8,
  lr: [0, 1.5], mapLr: [0, 1.5], axis: 'eps', y: [0, 0.4],
  d: 1, target: 0.5, mu: 0.2, eta: 1, mfSteps: 100, seed: 0, u: [-4, 4], v: [-4, 4],
  nn: 'overview', nnSteps: 100, nnRes: 48, nnColours: 'spectral', nx: NN_OVERVIEW, ny: NN_OVERVIEW,
} as const);

/** The default window of the map's vertical axis for each parameter. */
export const DEFAULT_Y: Record<ViewState['axis'], readonly [number, number]> = { x0: [0.5, 1.5], eps: [0, 0.4], beta: [0, 0.9] };

/** The built-in loss the state describes (validated by the package's constructors); formula losses: formula.ts. */
export function lossOf(s: ViewState, eps = s.eps): BuiltinLoss {
  switch (s.family) {
    case 'formula': throw new RangeError('a formula loss is made by formulaLossOf (web/src/formula.ts)');
    case 'quadratic': return quadratic();
    case 'additive': return additive({ epsilon: eps, lambda: s.lambda });
    case 'multiplicative': return multiplicative({ epsilon: eps, lambda: s.lambda });
    case 'twoCosine': return twoCosine({ epsilon1: eps, lambda1: s.lambda, epsilon2: s.eps2, lambda2: s.lambda2 });
  }
}

/** The criterion in the package's form. */
export function criterionOf(s: ViewState): Criterion {
  return s.criterion === 'sum'
    ? { kind: 'sum', bound: s.bound }
    : { kind: 'threshold', bound: s.bound, inclusive: s.criterion === 'inclusive' };
}

/**
 * The optimizer in the package's form, or undefined for GD (never passed: sweeps of this
 * version refuse the key, and GD is their default). `beta` overrides the state's (the map's beta rows).
 */
export function optimizerOf(s: ViewState, beta = s.beta): SweepOptions['optimizer'] {
  switch (s.optimizer) {
    case 'gd': return { kind: 'gd' };
    case 'momentum': case 'nesterov': return { kind: s.optimizer, beta };
    case 'adam': return { kind: 'adam', beta1: beta, beta2: s.beta2, epsilon: s.adamEps };
  }
}

/** Sweep options shared by both views (the window and levels are added per sweep). */
export function sweepBase(s: ViewState, x0 = s.x0, beta = s.beta): SweepOptions {
  return { x0, steps: s.steps, criterion: criterionOf(s), optimizer: optimizerOf(s, beta) };
}

/** Writes the state as `key=value&...` (the formula's texts URL-encoded; every other character is URL-safe). */
export function formatState(s: ViewState): string {
  const parts: Record<string, string> = {
    view: s.view, family: s.family, eps: String(s.eps), lambda: String(s.lambda),
    eps2: String(s.eps2), lambda2: String(s.lambda2), x0: String(s.x0), steps: String(s.steps),
    criterion: s.criterion, levels: String(s.levels), lr: `${s.lr[0]},${s.lr[1]}`, mapLr: `${s.mapLr[0]},${s.mapLr[1]}`, axis: s.axis, y: `${s.y[0]},${s.y[1]}`,
    d: String(s.d), target: String(s.target), mu: String(s.mu), eta: String(s.eta), mfSteps: String(s.mfSteps),
    seed: String(s.seed), u: `${s.u[0]},${s.u[1]}`, v: `${s.v[0]},${s.v[1]}`,
    nn: s.nn, nnSteps: String(s.nnSteps), nnRes: String(s.nnRes), nnColours: s.nnColours, nx: `${s.nx[0]},${s.nx[1]}`, ny: `${s.ny[0]},${s.ny[1]}`,
  };
  if (s.bound !== undefined) parts.bound = String(s.bound);
  if (s.family === 'formula') Object.assign(parts, { formula: encodeURIComponent(s.formula), gradient: encodeURIComponent(s.gradient), params: encodeURIComponent(s.params) });
  if (s.optimizer !== 'gd') Object.assign(parts, { optimizer: s.optimizer, beta: String(s.beta), beta2: String(s.beta2), adamEps: String(s.adamEps) });
  return Object.entries(parts).map(([k, v]) => `${k}=${v}`).join('&');
}

function num(key: string, text: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new RangeError(`${key} must be a finite number; got ${JSON.stringify(text)}`);
  return v;
}

function choice<T extends string>(key: string, text: string, allowed: readonly T[]): T {
  if (!allowed.includes(text as T)) {
    throw new RangeError(`${key} must be one of ${allowed.join(', ')}; got ${JSON.stringify(text)}`);
  }
  return text as T;
}

function window2(key: string, text: string): [number, number] {
  const parts = text.split(',');
  if (parts.length !== 2) throw new RangeError(`${key} must be two numbers "min,max"; got ${JSON.stringify(text)}`);
  const w: [number, number] = [num(`${key} min`, parts[0]), num(`${key} max`, parts[1])];
  if (!(w[0] < w[1])) throw new RangeError(`${key} must satisfy min < max; got ${JSON.stringify(text)}`);
  return w;
}

/** A window of a log-spaced axis: min > 0. */
function positiveWindow(key: string, text: string): [number, number] {
  const w = window2(key, text);
  if (!(w[0] > 0)) throw new RangeError(`${key} must be positive (the axis is log-spaced); got ${JSON.stringify(text)}`);
  return w;
}

/**
 * Reads a state from a URL hash (with or without '#'); missing keys take their defaults.
 * Throws RangeError naming the key when a value cannot be read.
 */
export function parseState(hash: string): ViewState {
  const kv = new Map<string, string>();
  for (const part of hash.replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) kv.set(part.slice(0, eq), decodeURIComponent(part.slice(eq + 1)));
  }
  const d = DEFAULT_STATE;
  const get = <T>(key: string, read: (key: string, text: string) => T, fallback: T): T => {
    const text = kv.get(key);
    return text === undefined ? fallback : read(key, text);
  };
  const integer = (key: string, text: string, min: number, max: number) => {
    const v = num(key, text);
    if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${key} must be an integer in [${min}, ${max}]; got ${text}`);
    return v;
  };
  const axis = get('axis', (k, t) => choice(k, t, MAP_AXES), d.axis);
  return {
    view: get('view', (k, t) => choice(k, t, VIEWS), d.view),
    family: get('family', (k, t) => choice(k, t, FAMILIES_1D), d.family),
    eps: get('eps', num, d.eps),
    lambda: get('lambda', num, d.lambda),
    eps2: get('eps2', num, d.eps2),
    lambda2: get('lambda2', num, d.lambda2),
    x0: get('x0', num, d.x0),
    steps: get('steps', (k, t) => integer(k, t, 1, 1e6), d.steps),
    criterion: get('criterion', (k, t) => choice(k, t, CRITERIA), d.criterion),
    bound: get('bound', num, undefined),
    formula: get('formula', (_k, t) => t, d.formula),
    gradient: get('gradient', (_k, t) => t, d.gradient),
    params: get('params', (_k, t) => t, d.params),
    optimizer: get('optimizer', (k, t) => choice(k, t, OPTIMIZERS), d.optimizer),
    beta: get('beta', num, d.beta),
    beta2: get('beta2', num, d.beta2),
    adamEps: get('adamEps', num, d.adamEps),
    levels: get('levels', (k, t) => integer(k, t, 1, MAX_LEVELS), d.levels),
    lr: get('lr', window2, d.lr),
    mapLr: get('mapLr', window2, d.mapLr),
    axis,
    y: get('y', window2, DEFAULT_Y[axis]),
    d: get('d', (k, t) => integer(k, t, 1, 2048), d.d),
    target: get('target', num, d.target),
    mu: get('mu', num, d.mu),
    eta: get('eta', num, d.eta),
    mfSteps: get('mfSteps', (k, t) => integer(k, t, 1, 1e6), d.mfSteps),
    seed: get('seed', (k, t) => integer(k, t, 0, Number.MAX_SAFE_INTEGER), d.seed),
    u: get('u', window2, d.u),
    v: get('v', window2, d.v),
    nn: get('nn', (k, t) => choice(k, t, NN_CONFIGURATIONS), d.nn),
    nnSteps: get('nnSteps', (k, t) => integer(k, t, 1, 100000), d.nnSteps),
    nnRes: get('nnRes', (k, t) => integer(k, t, 2, MAX_NN_RESOLUTION), d.nnRes),
    nnColours: get('nnColours', (k, t) => choice(k, t, NN_COLOURINGS), d.nnColours),
    nx: get('nx', positiveWindow, d.nx),
    ny: get('ny', positiveWindow, d.ny),
  };
}
