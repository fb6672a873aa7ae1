// tanh in f64 with the same operations in the scalar form and the f64x2 form, so that both
// kernel paths give identical bits (Math.tanh cannot be vectorized). Cephes' tanh: for
// |x| < 0.625 x + x z P(z)/Q(z) with z = x^2; else 1 - 2 / (exp(2|x|) + 1) with Cephes' exp
// (Cody-Waite reduction, rational Pade form, 2^n from its bit pattern); +-1 for |x| >= 22
// (where tanh rounds to +-1). Accurate to about 2 ulp (test/nn-network.test.ts checks it).

const TP0: f64 = -9.64399179425052238628E-1;
const TP1: f64 = -9.92877231001918586564E1;
const TP2: f64 = -1.61468768441708447952E3;
const TQ0: f64 = 1.12811678491632931402E2;
const TQ1: f64 = 2.23548839060100448583E3;
const TQ2: f64 = 4.84406305325125486048E3;
const EP0: f64 = 1.26177193074810590878E-4;
const EP1: f64 = 3.02994407707441961300E-2;
const EP2: f64 = 9.99999999999999999910E-1;
const EQ0: f64 = 3.00198505138664455042E-6;
const EQ1: f64 = 2.52448340349684104192E-3;
const EQ2: f64 = 2.27265548208155028766E-1;
const EQ3: f64 = 2.00000000000000000009E0;
const C1: f64 = 6.93145751953125E-1;
const C2: f64 = 1.42860682030941723212E-6;
const LOG2E: f64 = 1.4426950408889634073599;
/** 2^52 + 1023: adding n puts n + 1023 in the low mantissa bits. */
const MAGIC: f64 = 4503599627371519.0;
const SMALL: f64 = 0.625;
const BIG: f64 = 22.0;

/** exp(x) for 0 <= x <= 44 (scalar). */
// @ts-ignore: decorator
@inline function exp1(x: f64): f64 {
  const n = Math.floor(LOG2E * x + 0.5);
  let r = x - n * C1;
  r = r - n * C2;
  const rr = r * r;
  const px = r * ((EP0 * rr + EP1) * rr + EP2);
  const q = (((EQ0 * rr + EQ1) * rr + EQ2) * rr + EQ3);
  const e = 1.0 + 2.0 * (px / (q - px));
  return e * reinterpret<f64>(reinterpret<i64>(n + MAGIC) << 52);
}

/** tanh(x) (scalar). NaN gives NaN. */
export function tanh1(x: f64): f64 {
  const a = Math.abs(x);
  const z = x * x;
  const small = x + x * z * (((TP0 * z + TP1) * z + TP2) / (((z + TQ0) * z + TQ1) * z + TQ2));
  const big = copysign<f64>(1.0 - 2.0 / (exp1(2.0 * Math.min(a, BIG)) + 1.0), x);
  const t = a < SMALL ? small : big;
  return a >= BIG ? copysign<f64>(1.0, x) : t;
}

/** exp(x) lane by lane for 0 <= x <= 44. */
// @ts-ignore: decorator
@inline function exp2v(x: v128): v128 {
  const n = f64x2.floor(f64x2.add(f64x2.mul(f64x2.splat(LOG2E), x), f64x2.splat(0.5)));
  let r = f64x2.sub(x, f64x2.mul(n, f64x2.splat(C1)));
  r = f64x2.sub(r, f64x2.mul(n, f64x2.splat(C2)));
  const rr = f64x2.mul(r, r);
  const px = f64x2.mul(r, f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.splat(EP0), rr), f64x2.splat(EP1)), rr), f64x2.splat(EP2)));
  const q = f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.splat(EQ0), rr), f64x2.splat(EQ1)), rr), f64x2.splat(EQ2)), rr), f64x2.splat(EQ3));
  const e = f64x2.add(f64x2.splat(1.0), f64x2.mul(f64x2.splat(2.0), f64x2.div(px, f64x2.sub(q, px))));
  return f64x2.mul(e, i64x2.shl(f64x2.add(n, f64x2.splat(MAGIC)), 52));
}

/** tanh1's `small` lane by lane: x + x z P(z) / Q(z). */
// @ts-ignore: decorator
@inline function small2(x: v128): v128 {
  const z = f64x2.mul(x, x);
  const num = f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.splat(TP0), z), f64x2.splat(TP1)), z), f64x2.splat(TP2));
  const den = f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(z, f64x2.splat(TQ0)), z), f64x2.splat(TQ1)), z), f64x2.splat(TQ2));
  return f64x2.add(x, f64x2.mul(f64x2.mul(x, z), f64x2.div(num, den)));
}

/** tanh1's `big` lane by lane, with its +-1 for |x| >= 22. */
// @ts-ignore: decorator
@inline function big2(x: v128, a: v128, sign: v128): v128 {
  const e = exp2v(f64x2.mul(f64x2.splat(2.0), f64x2.min(a, f64x2.splat(BIG))));
  const bigAbs = f64x2.sub(f64x2.splat(1.0), f64x2.div(f64x2.splat(2.0), f64x2.add(e, f64x2.splat(1.0))));
  const big = v128.or(v128.andnot(bigAbs, i64x2.splat(0x8000000000000000)), sign);
  return v128.bitselect(v128.or(f64x2.splat(1.0), sign), big, f64x2.ge(a, f64x2.splat(BIG)));
}

/**
 * tanh lane by lane: the operations of `tanh1`, each lane taking the branch tanh1 takes; a
 * branch no lane takes is skipped (the lanes' bits are the same either way).
 */
// @ts-ignore: decorator
@inline export function tanh2(x: v128): v128 {
  const sign = v128.and(x, i64x2.splat(0x8000000000000000));
  const a = f64x2.abs(x);
  const lt = f64x2.lt(a, f64x2.splat(SMALL));
  if (!v128.any_true(lt)) return big2(x, a, sign);
  if (i64x2.all_true(lt)) return small2(x);
  return v128.bitselect(small2(x), big2(x, a, sign), lt);
}
