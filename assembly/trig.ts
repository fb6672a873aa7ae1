import { GUARD } from "./guard";
/**
 * Lane-exact sine and cosine of two f64x2 vectors (WASM SIMD v128), four lanes at a time.
 *
 * Every lane returns bit for bit what AssemblyScript's scalar `Math.sin` / `Math.cos`
 * (NativeMath in node_modules/assemblyscript/std/assembly/math.ts, itself a port of musl)
 * return for the same input; NaN inputs give NaN (payload and sign of a NaN are not specified).
 *
 * API
 *   sincos4(a, b)  computes sin and cos of the four lanes of `a` and `b` with ONE shared argument
 *                  reduction per lane. Results are left in the module globals `SIN_A`, `COS_A`,
 *                  `SIN_B` and `COS_B` (read them right after the call; the next call overwrites
 *                  them). AssemblyScript functions cannot return several v128 values, and a v128
 *                  global costs one store and one load (no pointer argument, no aliasing with the
 *                  caller's arrays). sincos4 is `@inline`: the caller's loop gets the whole fast
 *                  path; the rare per-lane large reduction stays an out-of-line call. A caller with
 *                  a single vector passes it twice.
 *
 * Why two vectors
 *   One evaluation is a long dependency chain (reduction, polynomials) that leaves the CPU idle
 *   most of the time. The statements for `a` and `b` are zipped (each statement for `a` is
 *   followed by the same statement for `b`) so that the two independent chains sit next to each
 *   other in the code V8 emits and overlap in the CPU (binaryen still folds single-use values
 *   back into their uses, which keeps them a few instructions apart). Each vector does exactly
 *   its own lanes' operations; only the order of independent statements changes.
 *
 * How the scalar code is mirrored
 *   The scalar code branches per value; here every branch that at least one lane of either
 *   vector needs is computed for both vectors and the lanes are chosen with masks
 *   (v128.bitselect). A branch that no lane needs is skipped (v128.any_true / i64x2.all_true on
 *   the masks of both vectors). Each masked block names the branch of `NativeMath.sin`,
 *   `NativeMath.cos`, `rempio2`, `sin_kern` or `cos_kern` it mirrors. Floating-point operations
 *   are the scalar ones, in the scalar order: no fused multiply-add, no relaxed SIMD, no
 *   reassociation.
 *
 *   The scalar code tests `ix`, the high word of |x|, against constants H. For x with
 *   |x| = hi:lo, `ix < H` is exactly `|x| < f64(H:00000000)` and `ix <= H` is exactly
 *   `|x| < f64((H + 1):00000000)`; the thresholds below are those exact f64 values, compared
 *   as floats on |x| (NaN compares false everywhere, which sends it to the non-finite path).
 *
 *   Arguments too large for the Cody-Waite reduction (|x| >= 0x413921FB:00000000, about
 *   1.647e6, which the phases of the application do exceed) are reduced one lane at a time by
 *   `rempio2Slow`, a verbatim copy of AS's private `pio2_large_quot` (Payne-Hanek with a
 *   2/pi table) -- still one reduction for both sin and cos -- and then go through the same
 *   vector kernels as every other lane. Non-finite lanes get y0 = x - x (NaN), which the kernels
 *   propagate, as the scalar `return x - x` does.
 *
 *   `ASC_SHRINK_LEVEL` selects the same `rempio2` variant that the scalar code is compiled with
 *   (the |x| < 3pi/4 special case exists only at shrink level 0, i.e. -O3/-O2/-O1 builds).
 */

// ---------------------------------------------------------------------------------------------
// Results of sincos4
// ---------------------------------------------------------------------------------------------

/** sin of both lanes of the last `sincos4` argument `a`. */
export let SIN_A: v128 = f64x2(0.0, 0.0);
/** cos of both lanes of the last `sincos4` argument `a`. */
export let COS_A: v128 = f64x2(0.0, 0.0);
/** sin of both lanes of the last `sincos4` argument `b`. */
export let SIN_B: v128 = f64x2(0.0, 0.0);
/** cos of both lanes of the last `sincos4` argument `b`. */
export let COS_B: v128 = f64x2(0.0, 0.0);

// ---------------------------------------------------------------------------------------------
// Constants, each splatted to both lanes (bit patterns where the scalar source uses them).
//
// They live in 16-byte-aligned static data and are read with `k(NAME)` = v128.load: V8 builds a
// general v128.const from immediates with about four instructions at every use, while a load is
// one; this made the (then single-vector) sine and cosine about 20% faster than v128.const
// operands. All-zero and all-one vectors stay literals (`i64x2(0, 0)`, `i64x2(-1, -1)`): V8
// makes those with one instruction.
// ---------------------------------------------------------------------------------------------

/** Loads a two-lane constant from static data. */
// @ts-ignore: decorator
@inline export function k(p: usize): v128 {
  return v128.load(p);
}

// Thresholds on |x|: the f64 whose high word is the scalar code's constant and whose low word is 0.
export const PIO4_LIM   = memory.data<u64>([0x3FE921FC00000000, 0x3FE921FC00000000], 16); // sin/cos: ix <= 0x3FE921FB (|x| ~<= pi/4)
export const SIN_TINY   = memory.data<u64>([0x3E50000000000000, 0x3E50000000000000], 16); // sin:  ix < 0x3E500000 (|x| < 2^-26)
export const COS_TINY   = memory.data<u64>([0x3E46A09E00000000, 0x3E46A09E00000000], 16); // cos:  ix < 0x3E46A09E (|x| < 2^-27*sqrt(2))
export const PIO34_LIM  = memory.data<u64>([0x4002D97C00000000, 0x4002D97C00000000], 16); // rempio2: ix < 0x4002D97C (|x| < 3pi/4)
export const PIO2_HW_LO = memory.data<u64>([0x3FF921FB00000000, 0x3FF921FB00000000], 16); // rempio2: ix == 0x3FF921FB is
export const PIO2_HW_HI = memory.data<u64>([0x3FF921FC00000000, 0x3FF921FC00000000], 16); //   PIO2_HW_LO <= |x| < PIO2_HW_HI
export const MEDIUM_LIM = memory.data<u64>([0x413921FB00000000, 0x413921FB00000000], 16); // rempio2: ix < 0x413921FB (Cody-Waite)

// rempio2 constants (names as in AS / musl).
export const PIO2_1  = memory.data<u64>([0x3FF921FB54400000, 0x3FF921FB54400000], 16); // 1.57079632673412561417e+00
export const PIO2_1T = memory.data<u64>([0x3DD0B4611A626331, 0x3DD0B4611A626331], 16); // 6.07710050650619224932e-11
export const PIO2_2  = memory.data<u64>([0x3DD0B4611A600000, 0x3DD0B4611A600000], 16); // 6.07710050630396597660e-11
export const PIO2_2T = memory.data<u64>([0x3BA3198A2E037073, 0x3BA3198A2E037073], 16); // 2.02226624879595063154e-21
export const PIO2_3  = memory.data<u64>([0x3BA3198A2E000000, 0x3BA3198A2E000000], 16); // 2.02226624871116645580e-21
export const PIO2_3T = memory.data<u64>([0x397B839A252049C1, 0x397B839A252049C1], 16); // 8.47842766036889956997e-32
export const INVPIO2 = memory.data<u64>([0x3FE45F306DC9C883, 0x3FE45F306DC9C883], 16); // 0.63661977236758134308
export const TOINT   = memory.data<f64>([6755399441055744.0, 6755399441055744.0], 16); // 1.5 * 2^52

// sin_kern coefficients.
export const S1 = memory.data<u64>([0xBFC5555555555549, 0xBFC5555555555549], 16); // -1.66666666666666324348e-01
export const S2 = memory.data<u64>([0x3F8111111110F8A6, 0x3F8111111110F8A6], 16); //  8.33333333332248946124e-03
export const S3 = memory.data<u64>([0xBF2A01A019C161D5, 0xBF2A01A019C161D5], 16); // -1.98412698298579493134e-04
export const S4 = memory.data<u64>([0x3EC71DE357B1FE7D, 0x3EC71DE357B1FE7D], 16); //  2.75573137070700676789e-06
export const S5 = memory.data<u64>([0xBE5AE5E68A2B9CEB, 0xBE5AE5E68A2B9CEB], 16); // -2.50507602534068634195e-08
export const S6 = memory.data<u64>([0x3DE5D93A5ACFD57C, 0x3DE5D93A5ACFD57C], 16); //  1.58969099521155010221e-10

// cos_kern coefficients.
export const C1 = memory.data<u64>([0x3FA555555555554C, 0x3FA555555555554C], 16); //  4.16666666666666019037e-02
export const C2 = memory.data<u64>([0xBF56C16C16C15177, 0xBF56C16C16C15177], 16); // -1.38888888888741095749e-03
export const C3 = memory.data<u64>([0x3EFA01A019CB1590, 0x3EFA01A019CB1590], 16); //  2.48015872894767294178e-05
export const C4 = memory.data<u64>([0xBE927E4F809C52AD, 0xBE927E4F809C52AD], 16); // -2.75573143513906633035e-07
export const C5 = memory.data<u64>([0x3E21EE9EBDB4B1C4, 0x3E21EE9EBDB4B1C4], 16); //  2.08757232129817482790e-09
export const C6 = memory.data<u64>([0xBDA8FAE9BE8838D4, 0xBDA8FAE9BE8838D4], 16); // -1.13596475577881948265e-11

// Plain numbers and bit masks.
export const HALF    = memory.data<f64>([0.5, 0.5], 16);
export const ONE     = memory.data<f64>([1.0, 1.0], 16);
export const I64_ONE = memory.data<u64>([1, 1], 16);
export const SIGN    = memory.data<u64>([0x8000000000000000, 0x8000000000000000], 16);
export const EXP     = memory.data<u64>([0x7FF0000000000000, 0x7FF0000000000000], 16);
export const EXP_16  = memory.data<u64>([0x0100000000000000, 0x0100000000000000], 16); // 16 << 52
export const EXP_49  = memory.data<u64>([0x0310000000000000, 0x0310000000000000], 16); // 49 << 52

// ---------------------------------------------------------------------------------------------
// sincos4
// ---------------------------------------------------------------------------------------------

/**
 * Computes sin and cos of the four lanes of `a` and `b` (one argument reduction per lane) and
 * stores them in `SIN_A`, `COS_A`, `SIN_B` and `COS_B`. Each lane equals scalar `Math.sin` /
 * `Math.cos` bit for bit. Statements for `a` and `b` alternate (see the module comment).
 */
// @ts-ignore: decorator
@inline
export function sincos4(a: v128, b: v128): void {
  let axA = f64x2.abs(a);
  let axB = f64x2.abs(b);

  // sin: `if (ux < 0x3E500000) return x;`  cos: `if (ux < 0x3E46A09E) return 1.0;` -- when every
  // lane is below the smaller threshold (cos's), both answers are immediate (GD converging to 0
  // spends most of its steps here).
  if (i64x2.all_true(v128.and(f64x2.lt(axA, k(COS_TINY)), f64x2.lt(axB, k(COS_TINY))))) {
    SIN_A = a;
    COS_A = k(ONE);
    SIN_B = b;
    COS_B = k(ONE);
    return;
  }

  // sin/cos: `if (ux <= 0x3FE921FB)`, |x| ~<= pi/4: no reduction, kernels on (x, 0).
  let smallA = f64x2.lt(axA, k(PIO4_LIM));
  let smallB = f64x2.lt(axB, k(PIO4_LIM));

  // Reduced argument y0 + y1 and quadrant n (only the low two bits of each i64 lane are used).
  // Defaults are the no-reduction values of the small lanes: y0 = x, y1 = 0, n = 0.
  let y0A = a;
  let y0B = b;
  let y1A = i64x2(0, 0);
  let y1B = i64x2(0, 0);
  let nA  = i64x2(0, 0);
  let nB  = i64x2(0, 0);

  if (!i64x2.all_true(v128.and(smallA, smallB))) {
    // ---- rempio2, `if (ix < 0x413921FB)`: medium Cody-Waite reduction, computed for all lanes.
    // `q = nearest(x * invpio2)`: adding and subtracting 1.5*2^52 rounds to nearest-even exactly
    // like f64.nearest for |x * invpio2| < 2^51, and leaves q's low bits in the low bits of t.
    let tA = f64x2.add(f64x2.mul(a, k(INVPIO2)), k(TOINT));
    let tB = f64x2.add(f64x2.mul(b, k(INVPIO2)), k(TOINT));
    let qA = f64x2.sub(tA, k(TOINT));
    let qB = f64x2.sub(tB, k(TOINT));
    let rA = f64x2.sub(a, f64x2.mul(qA, k(PIO2_1)));
    let rB = f64x2.sub(b, f64x2.mul(qB, k(PIO2_1)));
    let wA = f64x2.mul(qA, k(PIO2_1T)); // 1st round good to 85 bits
    let wB = f64x2.mul(qB, k(PIO2_1T));
    y0A = f64x2.sub(rA, wA);
    y0B = f64x2.sub(rB, wB);
    nA = tA;
    nB = tB;

    // Lanes that really take this path (the others are overwritten below); used only to avoid
    // running the extra rounds for lanes that do not need them.
    let mediumA = f64x2.lt(axA, k(MEDIUM_LIM));
    let mediumB = f64x2.lt(axB, k(MEDIUM_LIM));
    if (ASC_SHRINK_LEVEL < 1) {
      mediumA = v128.andnot(mediumA, f64x2.lt(axA, k(PIO34_LIM)));
      mediumB = v128.andnot(mediumB, f64x2.lt(axB, k(PIO34_LIM)));
    } else {
      mediumA = v128.andnot(mediumA, smallA);
      mediumB = v128.andnot(mediumB, smallB);
    }

    // `j - ey > 16`, with j and ey the biased exponents of x and y0 (ey <= j always holds here),
    // is `ey < j - 16`, i.e. |y0| < 2^(j - 16 - 1023): a power of two built from x's exponent.
    let expA = v128.and(a, k(EXP));
    let expB = v128.and(b, k(EXP));
    let need2A = v128.and(f64x2.lt(f64x2.abs(y0A), i64x2.sub(expA, k(EXP_16))), mediumA);
    let need2B = v128.and(f64x2.lt(f64x2.abs(y0B), i64x2.sub(expB, k(EXP_16))), mediumB);
    if (v128.any_true(v128.or(need2A, need2B))) {
      // `if (i > 16)`: 2nd iteration, good to 118 bits (t = r).
      let w2A = f64x2.mul(qA, k(PIO2_2));
      let w2B = f64x2.mul(qB, k(PIO2_2));
      let r2A = f64x2.sub(rA, w2A);
      let r2B = f64x2.sub(rB, w2B);
      w2A = f64x2.sub(f64x2.mul(qA, k(PIO2_2T)), f64x2.sub(f64x2.sub(rA, r2A), w2A));
      w2B = f64x2.sub(f64x2.mul(qB, k(PIO2_2T)), f64x2.sub(f64x2.sub(rB, r2B), w2B));
      let y02A = f64x2.sub(r2A, w2A);
      let y02B = f64x2.sub(r2B, w2B);

      // `if (i > 49)` with i recomputed from the new y0: |y0| < 2^(j - 49 - 1023).
      let need3A = v128.and(f64x2.lt(f64x2.abs(y02A), i64x2.sub(expA, k(EXP_49))), need2A);
      let need3B = v128.and(f64x2.lt(f64x2.abs(y02B), i64x2.sub(expB, k(EXP_49))), need2B);
      if (v128.any_true(v128.or(need3A, need3B))) {
        // 3rd iteration, 151 bits (t = r of the 2nd).
        let w3A = f64x2.mul(qA, k(PIO2_3));
        let w3B = f64x2.mul(qB, k(PIO2_3));
        let r3A = f64x2.sub(r2A, w3A);
        let r3B = f64x2.sub(r2B, w3B);
        w3A = f64x2.sub(f64x2.mul(qA, k(PIO2_3T)), f64x2.sub(f64x2.sub(r2A, r3A), w3A));
        w3B = f64x2.sub(f64x2.mul(qB, k(PIO2_3T)), f64x2.sub(f64x2.sub(r2B, r3B), w3B));
        let y03A = f64x2.sub(r3A, w3A);
        let y03B = f64x2.sub(r3B, w3B);
        r2A  = v128.bitselect(r3A, r2A, need3A);
        r2B  = v128.bitselect(r3B, r2B, need3B);
        w2A  = v128.bitselect(w3A, w2A, need3A);
        w2B  = v128.bitselect(w3B, w2B, need3B);
        y02A = v128.bitselect(y03A, y02A, need3A);
        y02B = v128.bitselect(y03B, y02B, need3B);
      }
      rA  = v128.bitselect(r2A, rA, need2A);
      rB  = v128.bitselect(r2B, rB, need2B);
      wA  = v128.bitselect(w2A, wA, need2A);
      wB  = v128.bitselect(w2B, wB, need2B);
      y0A = v128.bitselect(y02A, y0A, need2A);
      y0B = v128.bitselect(y02B, y0B, need2B);
    }
    // `y1 = (r - y0) - w` with the r, w of the last round the lane ran.
    y1A = f64x2.sub(f64x2.sub(rA, y0A), wA);
    y1B = f64x2.sub(f64x2.sub(rB, y0B), wB);

    if (ASC_SHRINK_LEVEL < 1) {
      // ---- rempio2, `if (ix < 0x4002D97C)`: |x| < 3pi/4, special case with n = +-1.
      // The positive and negative branches are the same with the constants' signs taken
      // from x (x + c == x - (-c) exactly).
      let bandA = v128.andnot(f64x2.lt(axA, k(PIO34_LIM)), smallA);
      let bandB = v128.andnot(f64x2.lt(axB, k(PIO34_LIM)), smallB);
      if (v128.any_true(v128.or(bandA, bandB))) {
        let sgnA = v128.and(a, k(SIGN));
        let sgnB = v128.and(b, k(SIGN));
        let p1A  = v128.or(k(PIO2_1), sgnA);
        let p1B  = v128.or(k(PIO2_1), sgnB);
        let p1tA = v128.or(k(PIO2_1T), sgnA);
        let p1tB = v128.or(k(PIO2_1T), sgnB);
        let zA   = f64x2.sub(a, p1A);
        let zB   = f64x2.sub(b, p1B);
        // `ix != 0x3FF921FB`: 33+53 bit pi is good enough.
        let by0A = f64x2.sub(zA, p1tA);
        let by0B = f64x2.sub(zB, p1tB);
        let by1A = f64x2.sub(f64x2.sub(zA, by0A), p1tA);
        let by1B = f64x2.sub(f64x2.sub(zB, by0B), p1tB);
        // `ix == 0x3FF921FB`: near pi/2, use 33+33+53 bit pi.
        let nearPio2A = v128.and(f64x2.ge(axA, k(PIO2_HW_LO)), f64x2.lt(axA, k(PIO2_HW_HI)));
        let nearPio2B = v128.and(f64x2.ge(axB, k(PIO2_HW_LO)), f64x2.lt(axB, k(PIO2_HW_HI)));
        if (v128.any_true(v128.or(nearPio2A, nearPio2B))) {
          let p2A  = v128.or(k(PIO2_2), sgnA);
          let p2B  = v128.or(k(PIO2_2), sgnB);
          let p2tA = v128.or(k(PIO2_2T), sgnA);
          let p2tB = v128.or(k(PIO2_2T), sgnB);
          let z2A  = f64x2.sub(zA, p2A);
          let z2B  = f64x2.sub(zB, p2B);
          let ny0A = f64x2.sub(z2A, p2tA);
          let ny0B = f64x2.sub(z2B, p2tB);
          let ny1A = f64x2.sub(f64x2.sub(z2A, ny0A), p2tA);
          let ny1B = f64x2.sub(f64x2.sub(z2B, ny0B), p2tB);
          by0A = v128.bitselect(ny0A, by0A, nearPio2A);
          by0B = v128.bitselect(ny0B, by0B, nearPio2B);
          by1A = v128.bitselect(ny1A, by1A, nearPio2A);
          by1B = v128.bitselect(ny1B, by1B, nearPio2B);
        }
        // q = 1 for positive x, -1 for negative x.
        let bnA = v128.bitselect(i64x2(-1, -1), k(I64_ONE), i64x2.shr_s(a, 63));
        let bnB = v128.bitselect(i64x2(-1, -1), k(I64_ONE), i64x2.shr_s(b, 63));
        y0A = v128.bitselect(by0A, y0A, bandA);
        y0B = v128.bitselect(by0B, y0B, bandB);
        y1A = v128.bitselect(by1A, y1A, bandA);
        y1B = v128.bitselect(by1B, y1B, bandB);
        nA  = v128.bitselect(bnA, nA, bandA);
        nB  = v128.bitselect(bnB, nB, bandB);
      }
    }

    // ---- rempio2, |x| >= 0x413921FB:00000000 (pio2_large_quot), and sin/cos `ux >= 0x7FF00000`
    // (Inf or NaN): one lane at a time. `!(|x| < MEDIUM_LIM)` also holds for NaN.
    let slowA = v128.not(f64x2.lt(axA, k(MEDIUM_LIM)));
    let slowB = v128.not(f64x2.lt(axB, k(MEDIUM_LIM)));
    if (v128.any_true(v128.or(slowA, slowB))) {
      reduceSlow(a, b, i64x2.bitmask(slowA) | (i64x2.bitmask(slowB) << 2));
      y0A = v128.bitselect(v128.load(SLOW_Y0), y0A, slowA);
      y0B = v128.bitselect(v128.load(SLOW_Y0, 16), y0B, slowB);
      y1A = v128.bitselect(v128.load(SLOW_Y1), y1A, slowA);
      y1B = v128.bitselect(v128.load(SLOW_Y1, 16), y1B, slowB);
      nA  = v128.bitselect(v128.load(SLOW_N), nA, slowA);
      nB  = v128.bitselect(v128.load(SLOW_N, 16), nB, slowB);
    }

    // Small lanes (|x| ~<= pi/4) are not reduced: back to y0 = x, y1 = 0, n = 0.
    y0A = v128.bitselect(a, y0A, smallA);
    y0B = v128.bitselect(b, y0B, smallB);
    y1A = v128.andnot(y1A, smallA);
    y1B = v128.andnot(y1B, smallB);
    nA  = v128.andnot(nA, smallA);
    nB  = v128.andnot(nB, smallB);
  }

  // ---- Kernels, shared by all lanes. Small lanes run them on (x, 0), which is exactly
  // `cos_kern(x, 0)`; their sine uses the `iy == 0` form of sin_kern (below).
  let zA = f64x2.mul(y0A, y0A);
  let zB = f64x2.mul(y0B, y0B);
  let wA = f64x2.mul(zA, zA);
  let wB = f64x2.mul(zB, zB);

  // sin_kern(y0, y1, 1):
  //   r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6); v = z * x;
  //   return x - ((z * (0.5 * y - v * r) - y) - v * S1);
  let sr1A = f64x2.add(k(S2), f64x2.mul(zA, f64x2.add(k(S3), f64x2.mul(zA, k(S4)))));
  let sr1B = f64x2.add(k(S2), f64x2.mul(zB, f64x2.add(k(S3), f64x2.mul(zB, k(S4)))));
  let sr2A = f64x2.mul(f64x2.mul(zA, wA), f64x2.add(k(S5), f64x2.mul(zA, k(S6))));
  let sr2B = f64x2.mul(f64x2.mul(zB, wB), f64x2.add(k(S5), f64x2.mul(zB, k(S6))));
  let srA = f64x2.add(sr1A, sr2A);
  let srB = f64x2.add(sr1B, sr2B);
  let vA = f64x2.mul(zA, y0A);
  let vB = f64x2.mul(zB, y0B);
  let stA = f64x2.mul(zA, f64x2.sub(f64x2.mul(k(HALF), y1A), f64x2.mul(vA, srA)));
  let stB = f64x2.mul(zB, f64x2.sub(f64x2.mul(k(HALF), y1B), f64x2.mul(vB, srB)));
  let sA = f64x2.sub(y0A, f64x2.sub(f64x2.sub(stA, y1A), f64x2.mul(vA, k(S1))));
  let sB = f64x2.sub(y0B, f64x2.sub(f64x2.sub(stB, y1B), f64x2.mul(vB, k(S1))));

  // cos_kern(y0, y1):
  //   r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  //   hz = 0.5 * z; w = 1.0 - hz; return w + (((1.0 - w) - hz) + (z * r - x * y));
  let cr1A = f64x2.mul(zA, f64x2.add(k(C1), f64x2.mul(zA, f64x2.add(k(C2), f64x2.mul(zA, k(C3))))));
  let cr1B = f64x2.mul(zB, f64x2.add(k(C1), f64x2.mul(zB, f64x2.add(k(C2), f64x2.mul(zB, k(C3))))));
  let cr2A = f64x2.mul(f64x2.mul(wA, wA), f64x2.add(k(C4), f64x2.mul(zA, f64x2.add(k(C5), f64x2.mul(zA, k(C6))))));
  let cr2B = f64x2.mul(f64x2.mul(wB, wB), f64x2.add(k(C4), f64x2.mul(zB, f64x2.add(k(C5), f64x2.mul(zB, k(C6))))));
  let crA = f64x2.add(cr1A, cr2A);
  let crB = f64x2.add(cr1B, cr2B);
  let hzA = f64x2.mul(k(HALF), zA);
  let hzB = f64x2.mul(k(HALF), zB);
  let cwA = f64x2.sub(k(ONE), hzA);
  let cwB = f64x2.sub(k(ONE), hzB);
  let ctA = f64x2.sub(f64x2.mul(zA, crA), f64x2.mul(y0A, y1A));
  let ctB = f64x2.sub(f64x2.mul(zB, crB), f64x2.mul(y0B, y1B));
  let cA = f64x2.add(cwA, f64x2.add(f64x2.sub(f64x2.sub(k(ONE), cwA), hzA), ctA));
  let cB = f64x2.add(cwB, f64x2.add(f64x2.sub(f64x2.sub(k(ONE), cwB), hzB), ctB));

  // sin: `x = n & 1 ? cos_kern(y0, y1) : sin_kern(y0, y1, 1); return n & 2 ? -x : x;`
  // cos: `x = n & 1 ? sin_kern(y0, y1, 1) : cos_kern(y0, y1); return (n + 1) & 2 ? -x : x;`
  // Negation flips the sign bit: bit 1 of n (resp. n + 1) shifted to bit 63.
  let oddA = i64x2.shr_s(i64x2.shl(nA, 63), 63);
  let oddB = i64x2.shr_s(i64x2.shl(nB, 63), 63);
  let sinA = v128.xor(v128.bitselect(cA, sA, oddA), v128.and(i64x2.shl(nA, 62), k(SIGN)));
  let sinB = v128.xor(v128.bitselect(cB, sB, oddB), v128.and(i64x2.shl(nB, 62), k(SIGN)));
  let cosA = v128.xor(v128.bitselect(sA, cA, oddA), v128.and(i64x2.shl(i64x2.add(nA, k(I64_ONE)), 62), k(SIGN)));
  let cosB = v128.xor(v128.bitselect(sB, cB, oddB), v128.and(i64x2.shl(i64x2.add(nB, k(I64_ONE)), 62), k(SIGN)));

  if (v128.any_true(v128.or(smallA, smallB))) {
    // sin, |x| ~<= pi/4: `return sin_kern(x, 0.0, 0)`, i.e. `x + v * (S1 + z * r)` (n = 0 here).
    let s0A = f64x2.add(y0A, f64x2.mul(vA, f64x2.add(k(S1), f64x2.mul(zA, srA))));
    let s0B = f64x2.add(y0B, f64x2.mul(vB, f64x2.add(k(S1), f64x2.mul(zB, srB))));
    sinA = v128.bitselect(s0A, sinA, smallA);
    sinB = v128.bitselect(s0B, sinB, smallB);
    // sin: `if (ux < 0x3E500000) return x;`   cos: `if (ux < 0x3E46A09E) return 1.0;`
    sinA = v128.bitselect(a, sinA, f64x2.lt(axA, k(SIN_TINY)));
    sinB = v128.bitselect(b, sinB, f64x2.lt(axB, k(SIN_TINY)));
    cosA = v128.bitselect(k(ONE), cosA, f64x2.lt(axA, k(COS_TINY)));
    cosB = v128.bitselect(k(ONE), cosB, f64x2.lt(axB, k(COS_TINY)));
  }

  SIN_A = sinA;
  COS_A = cosA;
  SIN_B = sinB;
  COS_B = cosB;
}

// ---------------------------------------------------------------------------------------------
// Scalar reduction of the lanes that are not finite or too large for Cody-Waite.
// `reduceSlow` runs them one at a time through `rempio2Slow`. `pio2_large_quot` / `pio2_right` /
// `umuldi` below are a verbatim copy of AS's private ones (from jdh8/metallic), with the output
// globals renamed, so that sin and cos share one reduction, and a zero word before the table.
// ---------------------------------------------------------------------------------------------

// Lanes of `reduceSlow`: lane l of `a` at offset 8 l, lane l of `b` at 16 + 8 l.
const SLOW_X  = memory.data(32 + GUARD, 16);
const SLOW_Y0 = memory.data(32 + GUARD, 16);
const SLOW_Y1 = memory.data(32 + GUARD, 16);
const SLOW_N  = memory.data(32 + GUARD, 16);

/**
 * Reduces the lanes of `a` (bits 0 and 1 of `lanes`) and `b` (bits 2 and 3) one at a time;
 * writes their y0, y1 and quadrant (i64) to SLOW_Y0, SLOW_Y1 and SLOW_N (other lanes untouched).
 */
function reduceSlow(a: v128, b: v128, lanes: i32): void {
  v128.store(SLOW_X, a);
  v128.store(SLOW_X, b, 16);
  for (let l = 0; l < 4; l++) {
    if (lanes & (1 << l)) {
      const o = <usize>l << 3;
      const n = rempio2Slow(load<f64>(SLOW_X + o));
      store<f64>(SLOW_Y0 + o, slow_y0);
      store<f64>(SLOW_Y1 + o, slow_y1);
      store<i64>(SLOW_N + o, <i64>n);
    }
  }
}

export let slow_y0: f64 = 0;
export let slow_y1: f64 = 0;
let slow_res128_hi: u64 = 0;

/**
 * Bits of 2/pi (AS's PIO2_TABLE), after a zero word. For |x| < 2^22 `pio2_large_quot` computes
 * a negative word offset and reads the u64 before the table; its low bits enter the quadrant.
 * AS's own table is preceded by whatever static data the build puts there (in the kernels at
 * the time of writing: the last word of a MAX_DIM-long buffer, zero unless a run with
 * dim = MAX_DIM wrote it). Zero is the right value (the bits of 2/pi above the table are 0);
 * the explicit zero word keeps this copy independent of its neighbours in memory.
 */
const PIO2_TABLE = memory.data<u64>([
  0x0000000000000000,
  0x00000000A2F9836E, 0x4E441529FC2757D1, 0xF534DDC0DB629599, 0x3C439041FE5163AB,
  0xDEBBC561B7246E3A, 0x424DD2E006492EEA, 0x09D1921CFE1DEB1C, 0xB129A73EE88235F5,
  0x2EBB4484E99C7026, 0xB45F7E413991D639, 0x835339F49C845F8B, 0xBDF9283B1FF897FF,
  0xDE05980FEF2F118B, 0x5A0A6D1F6D367ECF, 0x27CB09B74F463F66, 0x9E5FEA2D7527BAC7,
  0xEBE5F17B3D0739F7, 0x8A5292EA6BFB5FB1, 0x1F8D5D0856033046, 0xFC7B6BABF0CFBC20,
  0x9AF4361DA9E39161, 0x5EE61B086599855F, 0x14A068408DFFD880, 0x4D73273106061557
]);

/**
 * Reduces one lane: sets `slow_y0`, `slow_y1` and returns the quadrant, exactly as
 * `rempio2(x, u, sign)` does for |x| >= 0x413921FB:00000000. Non-finite x (sin/cos
 * `return x - x`) gives y0 = x - x = NaN, y1 = 0, n = 0; the kernels turn the NaN into NaN results.
 */
// @ts-ignore: decorator
@inline
export function rempio2Slow(x: f64): i32 {
  let u = reinterpret<u64>(x);
  if ((<u32>(u >> 32) & 0x7FFFFFFF) >= 0x7FF00000) {
    slow_y0 = x - x;
    slow_y1 = 0;
    return 0;
  }
  let q = pio2_large_quot(x, u);
  return select(-q, q, (u >> 63) != 0); // rempio2: `select(-q, q, sign)`
}

// @ts-ignore: decorator
@inline
function umuldi(u: u64, v: u64): u64 {
  let u1: u64 , v1: u64, w0: u64, w1: u64, t: u64;

  u1 = u & 0xFFFFFFFF;
  v1 = v & 0xFFFFFFFF;

  u >>= 32;
  v >>= 32;

  t  = u1 * v1;
  w0 = t & 0xFFFFFFFF;
  t  = u * v1 + (t >> 32);
  w1 = t >> 32;
  t  = u1 * v + (t & 0xFFFFFFFF);

  slow_res128_hi = u * v + w1 + (t >> 32);
  return (t << 32) + w0;
}

// @ts-ignore: decorator
@inline
function pio2_right(q0: u64, q1: u64): u64 {
  // Bits of pi/4
  const p0: u64 = 0xC4C6628B80DC1CD1;
  const p1: u64 = 0xC90FDAA22168C234;

  const Ox1p_64 = reinterpret<f64>(0x3BF0000000000000); // 0x1p-64
  const Ox1p_75 = reinterpret<f64>(0x3B40000000000000); // 0x1p-75

  let shift = clz(q1);

  q1 = q1 << shift | q0 >> (64 - shift);
  q0 <<= shift;

  let lo = umuldi(p1, q1);
  let hi = slow_res128_hi;

  let ahi = hi >> 11;
  let alo = lo >> 11 | hi << 53;
  let blo = <u64>(Ox1p_75 * <f64>p0 * <f64>q1 + Ox1p_75 * <f64>p1 * <f64>q0);

  slow_y0 = <f64>(ahi + u64(lo < blo));
  slow_y1 = Ox1p_64 * <f64>(alo + blo);

  return shift;
}

function pio2_large_quot(x: f64, u: i64): i32 {
  let magnitude = u & 0x7FFFFFFFFFFFFFFF;
  let offset = (magnitude >> 52) - 1045;
  let shift  = offset & 63;
  let tblPtr = PIO2_TABLE + 8 + (<i32>(offset >> 6) << 3); // + 8: past the zero word
  let s0: u64, s1: u64, s2: u64;

  let b0 = load<u64>(tblPtr, 0 << 3);
  let b1 = load<u64>(tblPtr, 1 << 3);
  let b2 = load<u64>(tblPtr, 2 << 3);

  // Get 192 bits of 0x1p-31 / pi with `offset` bits skipped
  if (shift) {
    let rshift = 64 - shift;
    let b3 = load<u64>(tblPtr, 3 << 3);
    s0 = b1 >> rshift | b0 << shift;
    s1 = b2 >> rshift | b1 << shift;
    s2 = b3 >> rshift | b2 << shift;
  } else {
    s0 = b0;
    s1 = b1;
    s2 = b2;
  }

  let significand = (u & 0x000FFFFFFFFFFFFF) | 0x0010000000000000;

  // First 128 bits of fractional part of x/(2pi)
  let blo = umuldi(s1, significand);
  let bhi = slow_res128_hi;

  let ahi = s0 * significand;
  let clo = (s2 >> 32) * (significand >> 32);
  let plo = blo + clo;
  let phi = ahi + bhi + u64(plo < clo);

  // r: u128 = p << 2
  let rlo = plo << 2;
  let rhi = phi << 2 | plo >> 62;

  // s: i128 = r >> 127
  let slo = <i64>rhi >> 63;
  let shi = slo >> 1;
  let q   = (<i64>phi >> 62) - slo;

  let shifter = 0x3CB0000000000000 - (pio2_right(rlo ^ slo, rhi ^ shi) << 52);
  let signbit = (u ^ rhi) & 0x8000000000000000;
  let coeff   = reinterpret<f64>(shifter | signbit);

  slow_y0 *= coeff;
  slow_y1 *= coeff;

  return <i32>q;
}
