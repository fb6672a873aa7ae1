// The lane-exact vector form of the configured one-dimensional family (families.ts `family`):
// four lanes at a time, a = lanes 0, 1 and b = lanes 2, 3, each lane bit for bit what the scalar
// `prepare1D(x); loss1D(x); grad1D(x)` give for its x (the same operations in the same order,
// with the lane-exact sine and cosine of trig.ts). The optimizers' SIMD loop (optimizers-simd.ts)
// uses only this interface, never a family id, so that a formula loss can replace the section
// between the marker lines with generated code (src/formula/).
import { sincos4, SIN_A, COS_A, SIN_B, COS_B } from "./trig";
import { phase2 } from "./simd";
import {
  TWO_PI, QUADRATIC, ADDITIVE, MULTIPLICATIVE, family, eps1, lambda1, eps2, lambda2, waveNumber1, waveNumber2,
} from "./families";

/** Losses and gradients of the last `lossGrad4` (GRAD_* also of `grad4`). */
export let LOSS_A: v128 = f64x2(0.0, 0.0);
export let LOSS_B: v128 = f64x2(0.0, 0.0);
export let GRAD_A: v128 = f64x2(0.0, 0.0);
export let GRAD_B: v128 = f64x2(0.0, 0.0);

// ---- one-dimensional vector families
/**
 * Loss and gradient at the four lanes (families.ts section "one-dimensional families", lane by lane):
 * quadratic x*x and 2*x; additive x*x + eps*cos(a) and 2*x - (2 pi eps)*sin(a)/lambda; multiplicative
 * (x*x)*m with m = 1 + eps*cos(a) and 2*x*m - 2 pi (x*x) eps sin(a)/lambda; two-cosine the additive
 * terms of both cosines, in that order.
 */
// @ts-ignore: decorator
@inline export function lossGrad4(a: v128, b: v128): void {
  const TWO = f64x2.splat(2);
  const xxa = f64x2.mul(a, a);
  const xxb = f64x2.mul(b, b);
  const ga = f64x2.mul(TWO, a);
  const gb = f64x2.mul(TWO, b);
  if (family == QUADRATIC) {
    LOSS_A = xxa; LOSS_B = xxb; GRAD_A = ga; GRAD_B = gb;
    return;
  }
  const E1 = f64x2.splat(eps1);
  const L1 = f64x2.splat(lambda1);
  sincos4(phase2(a, lambda1, waveNumber1), phase2(b, lambda1, waveNumber1));
  const sa = SIN_A, ca = COS_A, sb = SIN_B, cb = COS_B;
  if (family == MULTIPLICATIVE) {
    const ONE = f64x2.splat(1);
    const TP = f64x2.splat(TWO_PI);
    const ma = f64x2.add(ONE, f64x2.mul(E1, ca));
    const mb = f64x2.add(ONE, f64x2.mul(E1, cb));
    LOSS_A = f64x2.mul(xxa, ma);
    LOSS_B = f64x2.mul(xxb, mb);
    GRAD_A = f64x2.sub(f64x2.mul(ga, ma), f64x2.div(f64x2.mul(f64x2.mul(f64x2.mul(TP, xxa), E1), sa), L1));
    GRAD_B = f64x2.sub(f64x2.mul(gb, mb), f64x2.div(f64x2.mul(f64x2.mul(f64x2.mul(TP, xxb), E1), sb), L1));
    return;
  }
  const TPE1 = f64x2.splat(TWO_PI * eps1);
  let la = f64x2.add(xxa, f64x2.mul(E1, ca));
  let lb = f64x2.add(xxb, f64x2.mul(E1, cb));
  let da = f64x2.sub(ga, f64x2.div(f64x2.mul(TPE1, sa), L1));
  let db = f64x2.sub(gb, f64x2.div(f64x2.mul(TPE1, sb), L1));
  if (family != ADDITIVE) { // two-cosine
    const E2 = f64x2.splat(eps2);
    const L2 = f64x2.splat(lambda2);
    const TPE2 = f64x2.splat(TWO_PI * eps2);
    sincos4(phase2(a, lambda2, waveNumber2), phase2(b, lambda2, waveNumber2));
    la = f64x2.add(la, f64x2.mul(E2, COS_A));
    lb = f64x2.add(lb, f64x2.mul(E2, COS_B));
    da = f64x2.sub(da, f64x2.div(f64x2.mul(TPE2, SIN_A), L2));
    db = f64x2.sub(db, f64x2.div(f64x2.mul(TPE2, SIN_B), L2));
  }
  LOSS_A = la; LOSS_B = lb; GRAD_A = da; GRAD_B = db;
}

/** The gradient alone at the four lanes (GRAD_A, GRAD_B), bit for bit grad1D after prepare1D. */
// @ts-ignore: decorator
@inline export function grad4(a: v128, b: v128): void {
  lossGrad4(a, b);
}
// ---- end of one-dimensional vector families
