/**
 * JAX's random numbers as Sohl-Dickstein's notebook drew them (early 2024): the threefry2x32
 * generator in JAX's non-partitionable mode (its default until JAX 0.5), `PRNGKey`, `split`,
 * `random_bits`, `uniform`, `normal` (float64, through XLA's f64 `ErfInv`) and `randint`
 * (int64, as under `jax_enable_x64`). Not hot code: it draws the weights and data once per
 * network. docs/nn.md section "Random numbers" gives the known-answer tests and how close the
 * normal draws provably are to JAX's.
 */

/** A JAX key: the uint32 pair [k0, k1]. */
export type JaxKey = readonly [number, number];

const ROTATIONS = [[13, 15, 26, 6], [17, 29, 16, 24]] as const;

const rotl = (x: number, r: number) => ((x << r) | (x >>> (32 - r))) >>> 0;

/** Threefry-2x32 with 20 rounds on one block: key (k0, k1), counter (x0, x1) -> two words. */
export function threefry2x32Block(k0: number, k1: number, x0: number, x1: number): [number, number] {
  const ks = [k0 >>> 0, k1 >>> 0, (k0 ^ k1 ^ 0x1bd11bda) >>> 0];
  let a = (x0 + ks[0]) >>> 0;
  let b = (x1 + ks[1]) >>> 0;
  for (let g = 0; g < 5; g++) {
    for (const r of ROTATIONS[g % 2]) {
      a = (a + b) >>> 0;
      b = (rotl(b, r) ^ a) >>> 0;
    }
    a = (a + ks[(g + 1) % 3]) >>> 0;
    b = (b + ks[(g + 2) % 3] + g + 1) >>> 0;
  }
  return [a, b];
}

/**
 * JAX's `threefry_2x32(key, counts)`: the counts (padded with one 0 when odd) are cut into a
 * first and a second half, the block function runs on (first[i], second[i]), and the output
 * is all first words followed by all second words (the pad dropped).
 */
export function threefry2x32(key: JaxKey, counts: Uint32Array): Uint32Array {
  const n = counts.length;
  const half = (n + (n % 2)) >> 1;
  const out = new Uint32Array(2 * half);
  for (let i = 0; i < half; i++) {
    const j = i + half;
    const [a, b] = threefry2x32Block(key[0], key[1], counts[i], j < n ? counts[j] : 0);
    out[i] = a;
    out[j] = b;
  }
  return n % 2 ? out.subarray(0, n) : out;
}

const iota = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

/** `jax.random.PRNGKey(seed)` for an integer seed in [0, 2^53): [seed >> 32, seed & 0xffffffff]. */
export function prngKey(seed: number): JaxKey {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be an integer in [0, ${Number.MAX_SAFE_INTEGER}]; got ${seed}`);
  return [Math.floor(seed / 2 ** 32) >>> 0, seed >>> 0];
}

/** `jax.random.split(key, num)` (non-partitionable): threefry on counts 0 .. 2 num - 1, as num pairs. */
export function split(key: JaxKey, num = 2): JaxKey[] {
  const bits = threefry2x32(key, iota(2 * num));
  return Array.from({ length: num }, (_, i) => [bits[2 * i], bits[2 * i + 1]] as const);
}

/** `random_bits(key, 32, (size,))`: threefry on counts 0 .. size - 1. */
export function randomBits32(key: JaxKey, size: number): Uint32Array {
  return threefry2x32(key, iota(size));
}

/** `random_bits(key, 64, (size,))`: threefry on counts 0 .. 2 size - 1; word i = first[i] << 32 | second[i]. */
export function randomBits64(key: JaxKey, size: number): BigUint64Array {
  const bits = threefry2x32(key, iota(2 * size));
  const out = new BigUint64Array(size);
  for (let i = 0; i < size; i++) out[i] = (BigInt(bits[i]) << 32n) | BigInt(bits[size + i]);
  return out;
}

/** `jax.random.uniform(key, (size,), float32, minval, maxval)` (values rounded to float32). */
export function uniform32(key: JaxKey, size: number, minval = 0, maxval = 1): Float32Array {
  const bits = randomBits32(key, size);
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  const out = new Float32Array(size);
  const lo = Math.fround(minval);
  const span = Math.fround(Math.fround(maxval) - lo);
  for (let i = 0; i < size; i++) {
    u[0] = (bits[i] >>> 9) | 0x3f800000;
    const x = Math.fround(f[0] - 1);
    out[i] = Math.max(lo, Math.fround(Math.fround(x * span) + lo));
  }
  return out;
}

/** `jax.random.uniform(key, (size,), float64, minval, maxval)`. */
export function uniform64(key: JaxKey, size: number, minval = 0, maxval = 1): Float64Array {
  const bits = randomBits64(key, size);
  const f = new Float64Array(1);
  const u = new BigUint64Array(f.buffer);
  const out = new Float64Array(size);
  const span = maxval - minval;
  for (let i = 0; i < size; i++) {
    u[0] = (bits[i] >> 12n) | 0x3ff0000000000000n;
    out[i] = Math.max(minval, (f[0] - 1) * span + minval);
  }
  return out;
}

/** Horner's rule as XLA's EvaluatePolynomial writes it: p = c[0]; p = p x + c[i]. */
function horner(c: readonly number[], from: number, to: number, x: number, p: number): number {
  for (let i = from; i < to; i++) p = c[i] + p * x;
  return p;
}

const W_LT_6_25 = [
  -3.6444120640178196996e-21, -1.685059138182016589e-19, 1.2858480715256400167e-18, 1.115787767802518096e-17,
  -1.333171662854620906e-16, 2.0972767875968561637e-17, 6.6376381343583238325e-15, -4.0545662729752068639e-14,
  -8.1519341976054721522e-14, 2.6335093153082322977e-12, -1.2975133253453532498e-11, -5.4154120542946279317e-11,
  1.051212273321532285e-09, -4.1126339803469836976e-09, -2.9070369957882005086e-08, 4.2347877827932403518e-07,
  -1.3654692000834678645e-06, -1.3882523362786468719e-05, 0.0001867342080340571352, -0.00074070253416626697512,
  -0.0060336708714301490533, 0.24015818242558961693, 1.6536545626831027356,
];
const W_LT_16 = [
  2.2137376921775787049e-09, 9.0756561938885390979e-08, -2.7517406297064545428e-07, 1.8239629214389227755e-08,
  1.5027403968909827627e-06, -4.013867526981545969e-06, 2.9234449089955446044e-06, 1.2475304481671778723e-05,
  -4.7318229009055733981e-05, 6.8284851459573175448e-05, 2.4031110387097893999e-05, -0.0003550375203628474796,
  0.00095328937973738049703, -0.0016882755560235047313, 0.0024914420961078508066, -0.0037512085075692412107,
  0.005370914553590063617, 1.0052589676941592334, 3.0838856104922207635,
];
const W_GE_16 = [
  -2.7109920616438573243e-11, -2.5556418169965252055e-10, 1.5076572693500548083e-09, -3.7894654401267369937e-09,
  7.6157012080783393804e-09, -1.4960026627149240478e-08, 2.9147953450901080826e-08, -6.7711997758452339498e-08,
  2.2900482228026654717e-07, -9.9298272942317002539e-07, 4.5260625972231537039e-06, -1.9681778105531670567e-05,
  7.5995277030017761139e-05, -0.00021503011930044477347, -0.00013871931833623122026, 1.0103004648645343977,
  4.8499064014085844221,
];

/**
 * XLA's f64 `ErfInv` (Giles' approximation): w = -log1p(-x^2); a polynomial of degree 22 in
 * w - 3.125 (w < 6.25), 18 in sqrt(w) - 3.25 (w < 16) or 16 in sqrt(w) - 5, times x; +-1 give
 * +-Number.MAX_VALUE. The same operations in the same order, each an IEEE f64 operation.
 */
export function erfInv64(x: number): number {
  const w = -Math.log1p(-x * x);
  let p: number;
  if (w < 6.25) p = horner(W_LT_6_25, 1, 23, w - 3.125, W_LT_6_25[0]);
  else if (w < 16) p = horner(W_LT_16, 1, 19, Math.sqrt(w) - 3.25, W_LT_16[0]);
  else p = horner(W_GE_16, 1, 17, Math.sqrt(w) - 5, W_GE_16[0]);
  return Math.abs(x) === 1 ? x * Number.MAX_VALUE : p * x;
}

/** nextafter(-1, 0) = -1 + 2^-53, the lower bound of the uniform draw under `normal`. */
const NEXT_AFTER_MINUS_ONE = -1 + 2 ** -53;

/** `jax.random.normal(key, (size,), float64)`: sqrt(2) erf_inv(uniform on [nextafter(-1, 0), 1)). */
export function normal64(key: JaxKey, size: number): Float64Array {
  const u = uniform64(key, size, NEXT_AFTER_MINUS_ONE, 1);
  return u.map((v) => Math.SQRT2 * erfInv64(v));
}

/**
 * `jax.random.randint(key, (size,), minval, maxval)` with JAX's default integer under
 * `jax_enable_x64` (int64): two 64-bit draws from split(key) combined modulo the span.
 */
export function randint(key: JaxKey, size: number, minval: number, maxval: number): number[] {
  if (!Number.isSafeInteger(minval) || !Number.isSafeInteger(maxval)) throw new RangeError(`randint bounds must be safe integers; got ${minval}, ${maxval}`);
  const [k1, k2] = split(key);
  const higher = randomBits64(k1, size);
  const lower = randomBits64(k2, size);
  const span = maxval > minval ? BigInt(maxval - minval) : 1n;
  const mask = (1n << 64n) - 1n;
  let multiplier = (1n << 32n) % span;
  multiplier = ((multiplier * multiplier) & mask) % span;
  const out: number[] = [];
  for (let i = 0; i < size; i++) {
    const offset = ((((higher[i] % span) * multiplier) & mask) + (lower[i] % span)) & mask;
    out.push(minval + Number(offset % span));
  }
  return out;
}
