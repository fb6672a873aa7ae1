/**
 * Sohl-Dickstein's two-layer network (arXiv:2402.06184, his public notebook): width n, input
 * dimension n, one output, no biases, mean-field parametrization h = phi(X W0 / sqrt(n)),
 * yhat = (h W1 / sqrt(n)) / sqrt(n); weights, inputs and targets N(0, 1) from JAX's
 * `PRNGKey(seed)` chain exactly as his notebook draws them (docs/nn.md).
 */
import { integerIn, oneOf, record } from '../validate.js';
import { type JaxKey, prngKey, split, normal64, randint } from './jax-random.js';

/** The activations: tanh(sqrt(2) z), sqrt(2) relu(z), z. */
export const ACTIVATIONS = ['tanh', 'relu', 'identity'] as const;
/** An activation name. */
export type Activation = (typeof ACTIVATIONS)[number];

/** Most hidden units (the kernel's MAX_WIDTH). */
export const MAX_WIDTH = 64;
/** Most data points (the kernel's MAX_DATA). */
export const MAX_DATA = 4096;
/** Most minibatch indices per step. */
export const MAX_MINIBATCH = 256;

/** Options of `twoLayerNetwork` (defaults: his full-batch tanh configuration). */
export interface TwoLayerNetworkOptions {
  /** Default `tanh`. */
  activation?: Activation;
  /** Hidden units n (also the input dimension); default 16. */
  width?: number;
  /** Data points N; default 272 (= n^2 + n, his "dataset_param_multiple = 1"). */
  data?: number;
  /** Indices per step drawn with replacement (his minibatch 16); default none (full batch). */
  minibatch?: number;
  /** Seed of `PRNGKey(seed)` for weights and data (default 0, his). */
  seed?: number;
  /** Seed of the minibatch key chain `split(PRNGKey(minibatchSeed), steps)` (default 42, his). */
  minibatchSeed?: number;
}

/** A network and its data, as plain data (safe to send to a worker). */
export interface TwoLayerNetwork {
  readonly activation: Activation;
  readonly width: number;
  readonly data: number;
  /** Indices per step, or 0 for full batch. */
  readonly minibatch: number;
  readonly seed: number;
  readonly minibatchSeed: number;
  /** Initial input-layer weights, width x width, row i = input i (row-major). */
  readonly w0: Float64Array;
  /** Initial output-layer weights (width). */
  readonly w1: Float64Array;
  /** Inputs, data x width (row-major). */
  readonly x: Float64Array;
  /** Targets (data). */
  readonly y: Float64Array;
}

/**
 * Builds his network and data: rng = PRNGKey(seed); rng, s = split(rng); the two weight
 * matrices from split(s, 2), each normal(key, shape); rng, s = split(rng); X = normal(s, (N, n));
 * rng, s = split(rng); Y = normal(s, (N, 1)). All float64.
 */
export function twoLayerNetwork(options: TwoLayerNetworkOptions = {}): TwoLayerNetwork {
  const o = record('options', options);
  const activation = oneOf('activation', o.activation ?? 'tanh', ACTIVATIONS);
  const width = integerIn('width', o.width ?? 16, 1, MAX_WIDTH);
  const data = integerIn('data', o.data ?? 272, 1, MAX_DATA);
  const minibatch = o.minibatch === undefined ? 0 : integerIn('minibatch', o.minibatch, 1, MAX_MINIBATCH);
  const seed = integerIn('seed', o.seed ?? 0, 0, Number.MAX_SAFE_INTEGER);
  const minibatchSeed = integerIn('minibatchSeed', o.minibatchSeed ?? 42, 0, Number.MAX_SAFE_INTEGER);
  let rng: JaxKey = prngKey(seed);
  let sub: JaxKey;
  [rng, sub] = split(rng);
  const [k0, k1] = split(sub, 2);
  const w0 = normal64(k0, width * width);
  const w1 = normal64(k1, width);
  [rng, sub] = split(rng);
  const x = normal64(sub, data * width);
  [rng, sub] = split(rng);
  const y = normal64(sub, data);
  return { activation, width, data, minibatch, seed, minibatchSeed, w0, w1, x, y };
}

/**
 * His minibatch indices for a run of `steps`: for the keys of split(PRNGKey(minibatchSeed),
 * steps), randint(key, (minibatch,), 0, data); step t uses row t.
 */
export function minibatchIndices(net: TwoLayerNetwork, steps: number): Int32Array {
  const out = new Int32Array(steps * net.minibatch);
  if (net.minibatch === 0) return out;
  const keys = split(prngKey(net.minibatchSeed), steps);
  keys.forEach((k, t) => out.set(randint(k, net.minibatch, 0, net.data), t * net.minibatch));
  return out;
}

/** Checks that `net` is a network made by `twoLayerNetwork` (or has its shape). */
export function checkNetwork(net: unknown): TwoLayerNetwork {
  const n = record('net', net) as unknown as TwoLayerNetwork;
  oneOf('net.activation', n.activation, ACTIVATIONS);
  const width = integerIn('net.width', n.width, 1, MAX_WIDTH);
  const data = integerIn('net.data', n.data, 1, MAX_DATA);
  integerIn('net.minibatch', n.minibatch, 0, MAX_MINIBATCH);
  const arrays: [string, unknown, number][] = [['net.w0', n.w0, width * width], ['net.w1', n.w1, width], ['net.x', n.x, data * width], ['net.y', n.y, data]];
  for (const [name, a, length] of arrays) {
    if (!(a instanceof Float64Array) || a.length !== length) throw new TypeError(`${name} must be a Float64Array of length ${length}; got ${a instanceof Float64Array ? `length ${a.length}` : typeof a}`);
  }
  return n;
}
