/**
 * log10 and powers of ten rounded to the nearest double from 200-bit fixed-point arithmetic,
 * so that box sizes computed as numpy computes `logspace(1, log10(m), k).astype(int)` do not
 * depend on how this engine's Math.pow rounds (it is not correctly rounded; numpy's libm
 * nearly always is). Not hot code: a few calls per box count.
 */

const BITS = 200n;
const ONE = 1n << BITS;

/** x (a double with exponent >= -200) as a fixed-point BigInt, truncated. */
function fixed(x: number): bigint {
  if (x === 0) return 0n;
  const e = Math.floor(Math.log2(Math.abs(x)));
  const m = BigInt(Math.round(x * 2 ** (52 - e))); // exact: 53 significant bits
  const shift = BigInt(e - 52) + BITS;
  return shift >= 0n ? m << shift : m >> -shift;
}

/** The double nearest v / 2^200 (ties to even); v > 0. */
function toDouble(v: bigint): number {
  const length = v.toString(2).length;
  const drop = length - 53;
  if (drop <= 0) return Number(v) / 2 ** Number(BITS);
  let q = v >> BigInt(drop);
  const rem = v - (q << BigInt(drop));
  const half = 1n << BigInt(drop - 1);
  if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  return Number(q) * 2 ** (drop - Number(BITS));
}

/** 2 atanh(t) for a fixed-point t with |t| <= 1/3. */
function twoAtanh(t: bigint): bigint {
  const t2 = (t * t) >> BITS;
  let term = t;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = (term * t2) >> BITS;
  }
  return 2n * sum;
}

const LN2 = twoAtanh(ONE / 3n);
const LN10 = 3n * LN2 + twoAtanh(ONE / 9n);

/** ln of a positive fixed-point value. */
function ln(v: bigint): bigint {
  let k = 0n;
  while (v >= 2n * ONE) { v >>= 1n; k++; }
  while (v < ONE) { v <<= 1n; k--; }
  return k * LN2 + twoAtanh(((v - ONE) << BITS) / (v + ONE));
}

/** exp of a fixed-point value. */
function exp(z: bigint): bigint {
  let k = z / LN2;
  let r = z - k * LN2;
  if (r < 0n) { r += LN2; k--; }
  let term = ONE;
  let sum = 0n;
  for (let n = 1n; term !== 0n; n++) {
    sum += term;
    term = (term * r) / (n << BITS);
  }
  return k >= 0n ? sum << k : sum >> -k;
}

/** log10(x) rounded to the nearest double (x > 0, a double). */
export function log10Nearest(x: number): number {
  const v = ln(fixed(x));
  const q = (v << BITS) / LN10;
  return q < 0n ? -toDouble(-q) : toDouble(q);
}

/** 10^y rounded to the nearest double (|y| small enough that the result is a normal double). */
export function pow10Nearest(y: number): number {
  return toDouble(exp((fixed(y) * LN10) >> BITS));
}
