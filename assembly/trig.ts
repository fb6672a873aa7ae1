/**
 * Lane-exact two-lane (f64x2, WASM SIMD v128) sine and cosine.
 *
 * Every lane returns bit for bit what AssemblyScript's scalar `Math.sin` / `Math.cos`
 * (NativeMath in node_modules/assemblyscript/std/assembly/math.ts, itself a port of musl)
 * return for the same input; NaN inputs give NaN (payload and sign of a NaN are not specified).
 *
 * API
 *   sincos2(x)  computes sin and cos of both lanes of `x` with ONE shared argument reduction.
 *               Results are left in the module globals `SIN2` and `COS2` (read them right after
 *               the call; the next call overwrites them). AssemblyScript functions cannot return
 *               two v128 values, and a v128 global costs one store and one load (no pointer
 *               argument, no aliasing with the caller's arrays). sincos2 is `@inline`: the
 *               caller's loop gets the whole fast path; the rare per-lane large reduction stays
 *               an out-of-line call.
 *   sin2(x)     = sincos2(x), then SIN2.
 *   cos2(x)     = sincos2(x), then COS2.
 *
 * How the scalar code is mirrored
 *   The scalar code branches per value; here every branch that at least one lane needs is
 *   computed for both lanes and the lanes are chosen with masks (v128.bitselect). A branch that
 *   no lane needs is skipped (v128.any_true / i64x2.all_true). Each masked block names the
 *   branch of `NativeMath.sin`, `NativeMath.cos`, `rempio2`, `sin_kern` or `cos_kern` it mirrors.
 *   Floating-point operations are the scalar ones, in the scalar order: no fused multiply-add,
 *   no relaxed SIMD, no reassociation.
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
// Results of sincos2
// ---------------------------------------------------------------------------------------------

/** sin of both lanes of the last `sincos2` argument. */
export let SIN2: v128 = f64x2(0.0, 0.0);
/** cos of both lanes of the last `sincos2` argument. */
export let COS2: v128 = f64x2(0.0, 0.0);

// ---------------------------------------------------------------------------------------------
// Constants, each splatted to both lanes (bit patterns where the scalar source uses them).
//
// They live in 16-byte-aligned static data and are read with `k(NAME)` = v128.load: V8 builds a
// general v128.const from immediates with about four instructions at every use, while a load is
// one; this made sincos2 about 20% faster than v128.const operands. All-zero and all-one
// vectors stay literals (`i64x2(0, 0)`, `i64x2(-1, -1)`): V8 makes those with one instruction.
// ---------------------------------------------------------------------------------------------

/** Loads a two-lane constant from static data. */
// @ts-ignore: decorator
@inline function k(p: usize): v128 {
  return v128.load(p);
}

// Thresholds on |x|: the f64 whose high word is the scalar code's constant and whose low word is 0.
const PIO4_LIM   = memory.data<u64>([0x3FE921FC00000000, 0x3FE921FC00000000], 16); // sin/cos: ix <= 0x3FE921FB (|x| ~<= pi/4)
const SIN_TINY   = memory.data<u64>([0x3E50000000000000, 0x3E50000000000000], 16); // sin:  ix < 0x3E500000 (|x| < 2^-26)
const COS_TINY   = memory.data<u64>([0x3E46A09E00000000, 0x3E46A09E00000000], 16); // cos:  ix < 0x3E46A09E (|x| < 2^-27*sqrt(2))
const PIO34_LIM  = memory.data<u64>([0x4002D97C00000000, 0x4002D97C00000000], 16); // rempio2: ix < 0x4002D97C (|x| < 3pi/4)
const PIO2_HW_LO = memory.data<u64>([0x3FF921FB00000000, 0x3FF921FB00000000], 16); // rempio2: ix == 0x3FF921FB is
const PIO2_HW_HI = memory.data<u64>([0x3FF921FC00000000, 0x3FF921FC00000000], 16); //   PIO2_HW_LO <= |x| < PIO2_HW_HI
const MEDIUM_LIM = memory.data<u64>([0x413921FB00000000, 0x413921FB00000000], 16); // rempio2: ix < 0x413921FB (Cody-Waite)

// rempio2 constants (names as in AS / musl).
const PIO2_1  = memory.data<u64>([0x3FF921FB54400000, 0x3FF921FB54400000], 16); // 1.57079632673412561417e+00
const PIO2_1T = memory.data<u64>([0x3DD0B4611A626331, 0x3DD0B4611A626331], 16); // 6.07710050650619224932e-11
const PIO2_2  = memory.data<u64>([0x3DD0B4611A600000, 0x3DD0B4611A600000], 16); // 6.07710050630396597660e-11
const PIO2_2T = memory.data<u64>([0x3BA3198A2E037073, 0x3BA3198A2E037073], 16); // 2.02226624879595063154e-21
const PIO2_3  = memory.data<u64>([0x3BA3198A2E000000, 0x3BA3198A2E000000], 16); // 2.02226624871116645580e-21
const PIO2_3T = memory.data<u64>([0x397B839A252049C1, 0x397B839A252049C1], 16); // 8.47842766036889956997e-32
const INVPIO2 = memory.data<u64>([0x3FE45F306DC9C883, 0x3FE45F306DC9C883], 16); // 0.63661977236758134308
const TOINT   = memory.data<f64>([6755399441055744.0, 6755399441055744.0], 16); // 1.5 * 2^52

// sin_kern coefficients.
const S1 = memory.data<u64>([0xBFC5555555555549, 0xBFC5555555555549], 16); // -1.66666666666666324348e-01
const S2 = memory.data<u64>([0x3F8111111110F8A6, 0x3F8111111110F8A6], 16); //  8.33333333332248946124e-03
const S3 = memory.data<u64>([0xBF2A01A019C161D5, 0xBF2A01A019C161D5], 16); // -1.98412698298579493134e-04
const S4 = memory.data<u64>([0x3EC71DE357B1FE7D, 0x3EC71DE357B1FE7D], 16); //  2.75573137070700676789e-06
const S5 = memory.data<u64>([0xBE5AE5E68A2B9CEB, 0xBE5AE5E68A2B9CEB], 16); // -2.50507602534068634195e-08
const S6 = memory.data<u64>([0x3DE5D93A5ACFD57C, 0x3DE5D93A5ACFD57C], 16); //  1.58969099521155010221e-10

// cos_kern coefficients.
const C1 = memory.data<u64>([0x3FA555555555554C, 0x3FA555555555554C], 16); //  4.16666666666666019037e-02
const C2 = memory.data<u64>([0xBF56C16C16C15177, 0xBF56C16C16C15177], 16); // -1.38888888888741095749e-03
const C3 = memory.data<u64>([0x3EFA01A019CB1590, 0x3EFA01A019CB1590], 16); //  2.48015872894767294178e-05
const C4 = memory.data<u64>([0xBE927E4F809C52AD, 0xBE927E4F809C52AD], 16); // -2.75573143513906633035e-07
const C5 = memory.data<u64>([0x3E21EE9EBDB4B1C4, 0x3E21EE9EBDB4B1C4], 16); //  2.08757232129817482790e-09
const C6 = memory.data<u64>([0xBDA8FAE9BE8838D4, 0xBDA8FAE9BE8838D4], 16); // -1.13596475577881948265e-11

// Plain numbers and bit masks.
const HALF    = memory.data<f64>([0.5, 0.5], 16);
const ONE     = memory.data<f64>([1.0, 1.0], 16);
const I64_ONE = memory.data<u64>([1, 1], 16);
const SIGN    = memory.data<u64>([0x8000000000000000, 0x8000000000000000], 16);
const EXP     = memory.data<u64>([0x7FF0000000000000, 0x7FF0000000000000], 16);
const EXP_16  = memory.data<u64>([0x0100000000000000, 0x0100000000000000], 16); // 16 << 52
const EXP_49  = memory.data<u64>([0x0310000000000000, 0x0310000000000000], 16); // 49 << 52

// ---------------------------------------------------------------------------------------------
// sincos2
// ---------------------------------------------------------------------------------------------

/**
 * Computes sin and cos of both lanes of `x` (one argument reduction for both) and stores them
 * in `SIN2` and `COS2`. Each lane equals scalar `Math.sin` / `Math.cos` bit for bit.
 */
// @ts-ignore: decorator
@inline
export function sincos2(x: v128): void {
  let ax = f64x2.abs(x);

  // sin: `if (ux < 0x3E500000) return x;`  cos: `if (ux < 0x3E46A09E) return 1.0;` -- when every
  // lane is below the smaller threshold (cos's), both answers are immediate (GD converging to 0
  // spends most of its steps here).
  if (i64x2.all_true(f64x2.lt(ax, k(COS_TINY)))) {
    SIN2 = x;
    COS2 = k(ONE);
    return;
  }

  // sin/cos: `if (ux <= 0x3FE921FB)`, |x| ~<= pi/4: no reduction, kernels on (x, 0).
  let small = f64x2.lt(ax, k(PIO4_LIM));

  // Reduced argument y0 + y1 and quadrant n (only the low two bits of each i64 lane are used).
  // Defaults are the no-reduction values of the small lanes: y0 = x, y1 = 0, n = 0.
  let y0 = x;
  let y1 = i64x2(0, 0);
  let n  = i64x2(0, 0);

  if (!i64x2.all_true(small)) {
    // ---- rempio2, `if (ix < 0x413921FB)`: medium Cody-Waite reduction, computed for all lanes.
    // `q = nearest(x * invpio2)`: adding and subtracting 1.5*2^52 rounds to nearest-even exactly
    // like f64.nearest for |x * invpio2| < 2^51, and leaves q's low bits in the low bits of t.
    let t  = f64x2.add(f64x2.mul(x, k(INVPIO2)), k(TOINT));
    let q  = f64x2.sub(t, k(TOINT));
    let r  = f64x2.sub(x, f64x2.mul(q, k(PIO2_1)));
    let w  = f64x2.mul(q, k(PIO2_1T)); // 1st round good to 85 bits
    y0 = f64x2.sub(r, w);
    n  = t;

    // Lanes that really take this path (the others are overwritten below); used only to avoid
    // running the extra rounds for lanes that do not need them.
    let medium = f64x2.lt(ax, k(MEDIUM_LIM));
    if (ASC_SHRINK_LEVEL < 1) {
      medium = v128.andnot(medium, f64x2.lt(ax, k(PIO34_LIM)));
    } else {
      medium = v128.andnot(medium, small);
    }

    // `j - ey > 16`, with j and ey the biased exponents of x and y0 (ey <= j always holds here),
    // is `ey < j - 16`, i.e. |y0| < 2^(j - 16 - 1023): a power of two built from x's exponent.
    let expx = v128.and(x, k(EXP));
    let need2 = v128.and(f64x2.lt(f64x2.abs(y0), i64x2.sub(expx, k(EXP_16))), medium);
    if (v128.any_true(need2)) {
      // `if (i > 16)`: 2nd iteration, good to 118 bits.
      let t2 = r;
      let w2 = f64x2.mul(q, k(PIO2_2));
      let r2 = f64x2.sub(t2, w2);
      w2 = f64x2.sub(f64x2.mul(q, k(PIO2_2T)), f64x2.sub(f64x2.sub(t2, r2), w2));
      let y02 = f64x2.sub(r2, w2);

      // `if (i > 49)` with i recomputed from the new y0: |y0| < 2^(j - 49 - 1023).
      let need3 = v128.and(f64x2.lt(f64x2.abs(y02), i64x2.sub(expx, k(EXP_49))), need2);
      if (v128.any_true(need3)) {
        // 3rd iteration, 151 bits.
        let t3 = r2;
        let w3 = f64x2.mul(q, k(PIO2_3));
        let r3 = f64x2.sub(t3, w3);
        w3 = f64x2.sub(f64x2.mul(q, k(PIO2_3T)), f64x2.sub(f64x2.sub(t3, r3), w3));
        let y03 = f64x2.sub(r3, w3);
        r2  = v128.bitselect(r3, r2, need3);
        w2  = v128.bitselect(w3, w2, need3);
        y02 = v128.bitselect(y03, y02, need3);
      }
      r  = v128.bitselect(r2, r, need2);
      w  = v128.bitselect(w2, w, need2);
      y0 = v128.bitselect(y02, y0, need2);
    }
    // `y1 = (r - y0) - w` with the r, w of the last round the lane ran.
    y1 = f64x2.sub(f64x2.sub(r, y0), w);

    if (ASC_SHRINK_LEVEL < 1) {
      // ---- rempio2, `if (ix < 0x4002D97C)`: |x| < 3pi/4, special case with n = +-1.
      // The positive and negative branches are the same with the constants' signs taken
      // from x (x + c == x - (-c) exactly).
      let band = v128.andnot(f64x2.lt(ax, k(PIO34_LIM)), small);
      if (v128.any_true(band)) {
        let sgn = v128.and(x, k(SIGN));
        let p1  = v128.or(k(PIO2_1), sgn);
        let p1t = v128.or(k(PIO2_1T), sgn);
        let z   = f64x2.sub(x, p1);
        // `ix != 0x3FF921FB`: 33+53 bit pi is good enough.
        let by0 = f64x2.sub(z, p1t);
        let by1 = f64x2.sub(f64x2.sub(z, by0), p1t);
        // `ix == 0x3FF921FB`: near pi/2, use 33+33+53 bit pi.
        let nearPio2 = v128.and(f64x2.ge(ax, k(PIO2_HW_LO)), f64x2.lt(ax, k(PIO2_HW_HI)));
        if (v128.any_true(nearPio2)) {
          let p2  = v128.or(k(PIO2_2), sgn);
          let p2t = v128.or(k(PIO2_2T), sgn);
          let z2  = f64x2.sub(z, p2);
          let ny0 = f64x2.sub(z2, p2t);
          let ny1 = f64x2.sub(f64x2.sub(z2, ny0), p2t);
          by0 = v128.bitselect(ny0, by0, nearPio2);
          by1 = v128.bitselect(ny1, by1, nearPio2);
        }
        // q = 1 for positive x, -1 for negative x.
        let bn = v128.bitselect(i64x2(-1, -1), k(I64_ONE), i64x2.shr_s(x, 63));
        y0 = v128.bitselect(by0, y0, band);
        y1 = v128.bitselect(by1, y1, band);
        n  = v128.bitselect(bn, n, band);
      }
    }

    // ---- rempio2, |x| >= 0x413921FB:00000000 (pio2_large_quot), and sin/cos `ux >= 0x7FF00000`
    // (Inf or NaN): one lane at a time. `!(|x| < MEDIUM_LIM)` also holds for NaN.
    let slow = v128.not(f64x2.lt(ax, k(MEDIUM_LIM)));
    if (v128.any_true(slow)) {
      if (i64x2.extract_lane(slow, 0)) {
        let nl = rempio2Slow(f64x2.extract_lane(x, 0));
        y0 = f64x2.replace_lane(y0, 0, slow_y0);
        y1 = f64x2.replace_lane(y1, 0, slow_y1);
        n  = i64x2.replace_lane(n, 0, <i64>nl);
      }
      if (i64x2.extract_lane(slow, 1)) {
        let nl = rempio2Slow(f64x2.extract_lane(x, 1));
        y0 = f64x2.replace_lane(y0, 1, slow_y0);
        y1 = f64x2.replace_lane(y1, 1, slow_y1);
        n  = i64x2.replace_lane(n, 1, <i64>nl);
      }
    }

    // Small lanes (|x| ~<= pi/4) are not reduced: back to y0 = x, y1 = 0, n = 0.
    y0 = v128.bitselect(x, y0, small);
    y1 = v128.and(y1, v128.not(small));
    n  = v128.and(n, v128.not(small));
  }

  // ---- Kernels, shared by all lanes. Small lanes run them on (x, 0), which is exactly
  // `cos_kern(x, 0)`; their sine uses the `iy == 0` form of sin_kern (below).
  let z = f64x2.mul(y0, y0);
  let w = f64x2.mul(z, z);

  // sin_kern(y0, y1, 1):
  //   r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6); v = z * x;
  //   return x - ((z * (0.5 * y - v * r) - y) - v * S1);
  let sr = f64x2.add(
    f64x2.add(k(S2), f64x2.mul(z, f64x2.add(k(S3), f64x2.mul(z, k(S4))))),
    f64x2.mul(f64x2.mul(z, w), f64x2.add(k(S5), f64x2.mul(z, k(S6))))
  );
  let v = f64x2.mul(z, y0);
  let s = f64x2.sub(y0, f64x2.sub(
    f64x2.sub(f64x2.mul(z, f64x2.sub(f64x2.mul(k(HALF), y1), f64x2.mul(v, sr))), y1),
    f64x2.mul(v, k(S1))
  ));

  // cos_kern(y0, y1):
  //   r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  //   hz = 0.5 * z; w = 1.0 - hz; return w + (((1.0 - w) - hz) + (z * r - x * y));
  let cr = f64x2.add(
    f64x2.mul(z, f64x2.add(k(C1), f64x2.mul(z, f64x2.add(k(C2), f64x2.mul(z, k(C3)))))),
    f64x2.mul(f64x2.mul(w, w), f64x2.add(k(C4), f64x2.mul(z, f64x2.add(k(C5), f64x2.mul(z, k(C6))))))
  );
  let hz = f64x2.mul(k(HALF), z);
  let cw = f64x2.sub(k(ONE), hz);
  let c = f64x2.add(cw, f64x2.add(
    f64x2.sub(f64x2.sub(k(ONE), cw), hz),
    f64x2.sub(f64x2.mul(z, cr), f64x2.mul(y0, y1))
  ));

  // sin: `x = n & 1 ? cos_kern(y0, y1) : sin_kern(y0, y1, 1); return n & 2 ? -x : x;`
  // cos: `x = n & 1 ? sin_kern(y0, y1, 1) : cos_kern(y0, y1); return (n + 1) & 2 ? -x : x;`
  // Negation flips the sign bit: bit 1 of n (resp. n + 1) shifted to bit 63.
  let odd = i64x2.shr_s(i64x2.shl(n, 63), 63);
  let sinv = v128.xor(v128.bitselect(c, s, odd), v128.and(i64x2.shl(n, 62), k(SIGN)));
  let cosv = v128.xor(v128.bitselect(s, c, odd), v128.and(i64x2.shl(i64x2.add(n, k(I64_ONE)), 62), k(SIGN)));

  if (v128.any_true(small)) {
    // sin, |x| ~<= pi/4: `return sin_kern(x, 0.0, 0)`, i.e. `x + v * (S1 + z * r)` (n = 0 here).
    let s0 = f64x2.add(y0, f64x2.mul(v, f64x2.add(k(S1), f64x2.mul(z, sr))));
    sinv = v128.bitselect(s0, sinv, small);
    // sin: `if (ux < 0x3E500000) return x;`   cos: `if (ux < 0x3E46A09E) return 1.0;`
    sinv = v128.bitselect(x, sinv, f64x2.lt(ax, k(SIN_TINY)));
    cosv = v128.bitselect(k(ONE), cosv, f64x2.lt(ax, k(COS_TINY)));
  }

  SIN2 = sinv;
  COS2 = cosv;
}

/** sin of both lanes (see `sincos2`). */
// @ts-ignore: decorator
@inline
export function sin2(x: v128): v128 {
  sincos2(x);
  return SIN2;
}

/** cos of both lanes (see `sincos2`). */
// @ts-ignore: decorator
@inline
export function cos2(x: v128): v128 {
  sincos2(x);
  return COS2;
}

// ---------------------------------------------------------------------------------------------
// Scalar reduction of one lane that is not finite or too large for Cody-Waite.
// A verbatim copy of AS's private `pio2_large_quot` / `pio2_right` / `umuldi` (from
// jdh8/metallic), with the output globals renamed, so that sin and cos share one reduction.
// ---------------------------------------------------------------------------------------------

let slow_y0: f64 = 0;
let slow_y1: f64 = 0;
let slow_res128_hi: u64 = 0;

/** Bits of 2/pi (AS's PIO2_TABLE). */
const PIO2_TABLE = memory.data<u64>([
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
function rempio2Slow(x: f64): i32 {
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
  let tblPtr = PIO2_TABLE + (<i32>(offset >> 6) << 3);
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
