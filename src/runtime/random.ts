/**
 * Seeded randomness, in one place: a counter-based generator. `uniform(seed, stream, index)`
 * is a pure function of its three integers, so a draw is the same in every thread, chunk,
 * run and resumed run (the Fig. S4/S5 recipes draw their initial points and the seeds of
 * their fresh-x0 sweeps here; the kernel then draws each grid point's x0 from such a seed).
 */
import { integerIn } from '../validate.js';

/** Largest seed (seeds are unsigned 32-bit integers). */
export const MAX_SEED = 2 ** 32 - 1;

/** A 32-bit integer hash with good avalanche ("lowbias32", C. Wellons' hash-prospector). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A uniform double in [0, 1) with 53 random bits, determined by a seed (0..2^32-1), a
 * stream (0..2^32-1, e.g. which sweep) and an index (0..2^53, e.g. which grid point).
 * Arguments are not validated here (it runs per grid point); use `checkSeed` at the boundary.
 */
export function uniform(seed: number, stream: number, index: number): number {
  let h = mix(seed ^ 0x243f6a88);
  h = mix(h ^ stream);
  h = mix(h ^ (index >>> 0));
  h = mix(h ^ Math.floor(index / 2 ** 32));
  const hi = mix(h ^ 0x9e3779b9) >>> 5; // 27 bits
  const lo = mix(h ^ 0x85ebca6b) >>> 6; // 26 bits
  return (hi * 2 ** 26 + lo) / 2 ** 53;
}

/** A uniform double in [min, max), as `uniform` but scaled. */
export function uniformIn(min: number, max: number, seed: number, stream: number, index: number): number {
  return min + (max - min) * uniform(seed, stream, index);
}

/** Requires a seed: an integer in [0, 2^32 - 1]. */
export function checkSeed(name: string, seed: unknown): number {
  return integerIn(name, seed, 0, MAX_SEED);
}
