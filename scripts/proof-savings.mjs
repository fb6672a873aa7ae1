#!/usr/bin/env node
// Estimates which fraction of the scalar reference's GD steps the SIMD kernel's decisions remove
// (docs/semantics.md section 9, the table at its end): a plain JavaScript model of the loops (V8's
// Math.sin, so a few runs differ from the kernel's; the fractions are statistics), with the radii of
// assembly/proven.ts and a checkpoint refreshed every 16 steps.
//   node scripts/proof-savings.mjs [levels]     (default 16; the cells at levels - 2, d dimensions at - 4 and - 6)
const TP = 2 * Math.PI;
const TINY_PHASE = 1e-8;
const STEPS = 1000;

/** The additive families' radius test at the start: the run's x0 within max(|x0|, R) with F accepted. */
function additiveProven(lr, T, E, d, x0abs, crit) {
  if (!(lr >= 0 && lr < 1)) return false;
  const a = Math.abs(1 - 2 * lr) + 1e-14;
  const M = Math.max(lr * T * (1 + 1e-12) / (1 - a) * (1 + 1e-12), x0abs);
  const F = d * (M * M + E) * (1 + 1e-12) * (1 + 1e-9);
  if (crit.kind === 'sum') return STEPS * F * (1 + 1e-6) < crit.bound;
  return crit.inclusive ? F < crit.bound : F <= crit.bound;
}

/** The multiplicative family's contraction radius (threshold criteria). */
function multiplicativeRadius(lr, eps, lambda) {
  const e = Math.abs(eps);
  const q0 = Math.max(Math.abs(1 - 2 * lr * (1 - e)), Math.abs(1 - 2 * lr * (1 + e))) + 1e-14;
  if (!(e < 1 && lr > 0 && q0 < 1)) return 0;
  return (1 - q0) / (2 * lr * TP * e / Math.abs(lambda)) * (1 - 1e-12);
}

/** multiplicativeND's radius near 0 (cosines exactly 1). */
function multiplicativeNDRadius(lr, eps, lambda, d) {
  const mStar = 1 + eps * d;
  const q0 = Math.abs(1 - 2 * lr * mStar) + 1e-14;
  if (!(lr > 0 && mStar > 0 && q0 < 1)) return 0;
  const K3 = TP * TP * Math.abs(eps) * d / (lambda * lambda);
  return Math.min(TINY_PHASE * lambda / TP, Math.sqrt((1 - q0) / (2 * lr * K3))) * (1 - 1e-6);
}

/** One run of a 1D family: its steps, and the first step at which each decision holds (Infinity: never). */
function run1D(fam, p, lr, x0, crit) {
  const { eps, lambda, eps2 = 0, lambda2 = 1 } = p;
  const fg = (x) => {
    const a = (TP * x) / lambda, s = Math.sin(a), c = Math.cos(a);
    if (fam === 'additive') return [x * x + eps * c, 2 * x - TP * eps * s / lambda];
    if (fam === 'multiplicative') { const m = 1 + eps * c; return [(x * x) * m, 2 * x * m - TP * (x * x) * eps * s / lambda]; }
    const a2 = (TP * x) / lambda2;
    return [x * x + eps * c + eps2 * Math.cos(a2), 2 * x - TP * eps * s / lambda - TP * eps2 * Math.sin(a2) / lambda2];
  };
  const sum = crit.kind === 'sum';
  let proven = Infinity, cycle = Infinity;
  let H = 0;
  if (fam === 'multiplicative') H = sum ? 0 : multiplicativeRadius(lr, eps, lambda);
  else if (additiveProven(lr, Math.abs(TP * eps / lambda) + Math.abs(TP * eps2 / lambda2), Math.abs(eps) + Math.abs(eps2), 1, Math.abs(x0), crit)) proven = 0;
  if (Math.abs(x0) < H) proven = 0;
  let x = x0, g = fg(x)[1], S = 0, check = x, k;
  for (k = 1; k <= STEPS; k++) {
    x = x - lr * g;
    const [f, gn] = fg(x);
    g = gn;
    S += f;
    if (sum ? !(S < Infinity) : !(crit.inclusive ? f < crit.bound : f <= crit.bound)) return { taken: k, divergent: true };
    if (proven === Infinity && Math.abs(x) < H) proven = k;
    if (!sum && cycle === Infinity && x === check) cycle = k;
    if (k % 16 === 0) check = x;
  }
  return { taken: STEPS, divergent: sum && !(S < crit.bound), proven, cycle };
}

/** One run of a d-dimensional family (x0 in every coordinate, threshold criterion). */
function runND(fam, d, eps, lambda, lr, x0, bound) {
  const x = new Float64Array(d).fill(x0), s = new Float64Array(d);
  let Q = 0, C = 0, A = 0;
  const prepare = () => {
    Q = 0; C = 0; A = 0;
    for (let i = 0; i < d; i++) { const a = (TP * x[i]) / lambda, c = Math.cos(a); s[i] = Math.sin(a); Q += x[i] * x[i]; C += c; A += x[i] * x[i] + eps * c; }
  };
  prepare();
  let proven = Infinity, cycle = Infinity;
  const H = fam === 'additiveND' ? 0 : multiplicativeNDRadius(lr, eps, lambda, d);
  if (fam === 'additiveND' && additiveProven(lr, Math.abs(TP * eps / lambda), Math.abs(eps), d, Math.abs(x0), { kind: 'threshold', bound })) proven = 0;
  const check = Float64Array.from(x);
  for (let k = 1; k <= STEPS; k++) {
    if (fam === 'additiveND') for (let i = 0; i < d; i++) x[i] = x[i] - lr * (2 * x[i] - TP * eps * s[i] / lambda);
    else { const m = 1 + eps * C, kk = TP * Q * eps; for (let i = 0; i < d; i++) x[i] = x[i] - lr * (2 * x[i] * m - kk * s[i] / lambda); }
    prepare();
    const f = fam === 'additiveND' ? A : Q * (1 + eps * C);
    if (!(f <= bound)) return { taken: k, divergent: true };
    if (proven === Infinity && x.every((v) => Math.abs(v) < H)) proven = k;
    if (cycle === Infinity && x.every((v, i) => v === check[i])) cycle = k;
    if (k % 16 === 0) check.set(x);
  }
  return { taken: STEPS, divergent: false, proven, cycle };
}

/** Prints the saved fractions of one sweep over lr in [0, 1.5]. */
function report(title, levels, run) {
  const N = 2 ** levels;
  let total = 0;
  const saved = { proven: 0, cycles: 0, both: 0 };
  for (let j = 0; j <= N; j++) {
    const r = run(1.5 * (j / N));
    total += r.taken;
    if (r.divergent) continue;
    const s = (k) => (k < Infinity ? STEPS - k : 0);
    saved.proven += s(r.proven);
    saved.cycles += s(r.cycle);
    saved.both += s(Math.min(r.proven, r.cycle));
  }
  console.log(`${title}, levels ${levels}: ${(total / 1e6).toFixed(2)} M reference steps; saved ` +
    Object.entries(saved).map(([k, v]) => `${k} ${(100 * v / total).toFixed(1)} %`).join(', '));
}

const L = Number(process.argv[2] ?? 16);
const threshold = { kind: 'threshold', bound: 1e8 };
report('Fig. 2a additive, threshold', L, (lr) => run1D('additive', { eps: 0.2, lambda: 0.1 }, lr, 1, threshold));
report('Fig. 2b multiplicative, threshold', L, (lr) => run1D('multiplicative', { eps: 0.2, lambda: 0.1 }, lr, 1, threshold));
report('Fig. 2c cell, sum', L - 2, (lr) => run1D('additive', { eps: 0.2, lambda: 0.5 }, lr, 5, { kind: 'sum', bound: 1e16 }));
report('Fig. 2d cell, inclusive', L - 2, (lr) => run1D('multiplicative', { eps: 0.2, lambda: 0.5 }, lr, 5, { kind: 'threshold', bound: 1e16, inclusive: true }));
report('Fig. 4a cell, sum', L - 2, (lr) => run1D('twoCosine', { eps: 0.004, lambda: 0.3, eps2: 0.01, lambda2: 0.5 }, lr, 5, { kind: 'sum', bound: 1e16 }));
report('additiveND d = 10, x0 0.1', L - 4, (lr) => runND('additiveND', 10, 0.2, 0.1, lr, 0.1, 1e9));
report('multiplicativeND d = 10, x0 0.1', L - 4, (lr) => runND('multiplicativeND', 10, 0.2, 0.1, lr, 0.1, 1e9));
report('multiplicativeND d = 100, x0 0.01', L - 6, (lr) => runND('multiplicativeND', 100, 0.2, 0.1, lr, 0.01, 1e10));
