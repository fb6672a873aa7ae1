/**
 * Random two-dimensional slices of parameter space: two orthonormal directions drawn from a
 * seed (Gaussian vectors, Gram-Schmidt), reproducible on every platform (src/random.ts).
 */
import { uniform, checkSeed } from '../runtime/random.js';
import { integerIn } from '../validate.js';
import { dot } from './vectors.js';

/** A standard normal vector of length n (Box-Muller on the seeded uniforms of stream `stream`). */
function gaussianVector(n: number, seed: number, stream: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    const r = Math.sqrt(-2 * Math.log(1 - uniform(seed, stream, 2 * i)));
    return r * Math.cos(2 * Math.PI * uniform(seed, stream, 2 * i + 1));
  });
}

/** `x / |x|`. */
function normalize(x: number[]): number[] {
  const n = Math.sqrt(dot(x, x));
  return x.map((v) => v / n);
}

/**
 * Two orthonormal directions in R^n drawn from `seed` (0..2^32-1); `slice` (default 0) picks
 * another independent pair from the same seed.
 */
export function randomDirections(n: number, seed: number, slice = 0): [number[], number[]] {
  checkSeed('seed', seed);
  integerIn('slice', slice, 0, 2 ** 30);
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`n must be an integer >= 2 (a 2-D slice needs two directions); got ${n}`);
  const first = normalize(gaussianVector(n, seed, 2 * slice));
  const g = gaussianVector(n, seed, 2 * slice + 1);
  const c = dot(g, first);
  return [first, normalize(g.map((x, i) => x - c * first[i]))];
}
