/**
 * The one source of the one-dimensional SIMD step loop (assembly/simd-1d.ts): 2 * N learning rates
 * in N f64x2 vectors whose statements are zipped (each statement for vector 0 is followed by the same
 * statement for vectors 1, 2, ...), so that the independent dependency chains sit next to each other
 * in the code V8 emits (it keeps wasm statement order) and overlap in the CPU. Writing that by hand
 * for 8 vectors is unmaintainable; the templates below are written once for one vector, with `$`
 * standing for the vector's index. The loop's family part (what a step computes from the new
 * iterate) is pluggable: `generate` writes the built-in families' module (scripts/gen-simd-1d.mjs
 * commits it), `generateLoop1D` a module for one family part (a formula loss, src/formula/simd.ts).
 */

/**
 * Vectors zipped (lanes = 2 * vectors) per family, chosen by measurement on a 2-core x86-64
 * (README "Speed"): 8 where every step needs a full sine and cosine; 4 for the multiplicative
 * family, whose converging runs spend most steps at phases so small that sin and cos are
 * immediate -- a shortcut taken only when every lane of every vector qualifies, which gets rarer
 * the more lanes there are.
 */
export const WIDTHS = { wide: 8, multiplicative: 4 };
/** The most vectors a generated loop may zip: assembly/simd.ts's lane rows hold 2 * MAX_VECTORS lanes (its MAX_VECTORS; test/simd.test.ts checks they agree). */
export const MAX_VECTORS = 16;

/**
 * Expands a one-vector template over `n` vectors. The template language, line by line: a line
 * with `$` outside the macros is emitted once per vector, `$` -> index, `%` -> 16 * index;
 * ANY{e} -> v128.any_true of the v128.or of e over the vectors; ALL{e} -> i64x2.all_true of the
 * v128.and; BITS{e} -> the i32 whose bits 2v, 2v+1 are i64x2.bitmask(e) of vector v;
 * LIST{e} -> e over the vectors, comma-separated.
 */
export function expand(template: string, n: number): string {
  const out: string[] = [];
  const sub = (e: string, v: number) => e.replaceAll('$', '_' + v).replaceAll('%', String(16 * v));
  const per = (e: string, sep: string) => Array.from({ length: n }, (_, v) => sub(e, v)).join(sep);
  const macro = (line: string): string => line
    .replace(/ANY\{([^{}]*)\}/g, (_: string, e: string) => `v128.any_true(${fold('v128.or', e)})`)
    .replace(/ALL\{([^{}]*)\}/g, (_: string, e: string) => `i64x2.all_true(${fold('v128.and', e)})`)
    .replace(/BITS\{([^{}]*)\}/g, (_: string, e: string) => '(' + Array.from({ length: n }, (_, v) => `(i64x2.bitmask(${sub(e, v)}) << ${2 * v})`).join(' | ') + ')')
    .replace(/LIST\{([^{}]*)\}/g, (_: string, e: string) => per(e, ', '));
  const fold = (op: string, e: string) => {
    let acc = sub(e, 0);
    for (let v = 1; v < n; v++) acc = `${op}(${acc}, ${sub(e, v)})`;
    return acc;
  };
  for (const line of template.replaceAll('VECTORS', String(n)).split('\n')) {
    const m = macro(line);
    if (m.includes('$')) {
      for (let v = 0; v < n; v++) out.push(sub(m, v));
    } else out.push(m);
  }
  return out.join('\n');
}

const SINCOS = `
/**
 * Sine and cosine of the lanes of VECTORS vectors with one argument reduction per lane, each lane
 * bit for bit AssemblyScript's scalar Math.sin / Math.cos: trig.ts \`sincos4\` (which documents every
 * branch) with its statements zipped over VECTORS vectors in place of two. Results in SIN_v / COS_v.
 */
// @ts-ignore: decorator
@inline export function sincosZipVECTORS(LIST{a$: v128}): void {
  let ax$ = f64x2.abs(a$);
  if (ALL{f64x2.lt(ax$, k(COS_TINY))}) {
    SIN$ = a$;
    COS$ = k(ONE);
    return;
  }
  let small$ = f64x2.lt(ax$, k(PIO4_LIM));
  const anySmall = ANY{small$};
  let y0$ = a$;
  let y1$ = i64x2(0, 0);
  let n$ = i64x2(0, 0);
  if (!ALL{small$}) {
    let t$ = f64x2.add(f64x2.mul(a$, k(INVPIO2)), k(TOINT));
    let q$ = f64x2.sub(t$, k(TOINT));
    let r$ = f64x2.sub(a$, f64x2.mul(q$, k(PIO2_1)));
    let w$ = f64x2.mul(q$, k(PIO2_1T));
    y0$ = f64x2.sub(r$, w$);
    n$ = t$;
    // Unlike sincos4, no mask of the lanes that really take this path: the others (small, band,
    // slow) are overwritten below whatever these rounds give them.
    let exp$ = v128.and(a$, k(EXP));
    let need2$ = f64x2.lt(f64x2.abs(y0$), i64x2.sub(exp$, k(EXP_16)));
    if (ANY{need2$}) {
      let w2$ = f64x2.mul(q$, k(PIO2_2));
      let r2$ = f64x2.sub(r$, w2$);
      w2$ = f64x2.sub(f64x2.mul(q$, k(PIO2_2T)), f64x2.sub(f64x2.sub(r$, r2$), w2$));
      let y02$ = f64x2.sub(r2$, w2$);
      let need3$ = v128.and(f64x2.lt(f64x2.abs(y02$), i64x2.sub(exp$, k(EXP_49))), need2$);
      if (ANY{need3$}) {
        let w3$ = f64x2.mul(q$, k(PIO2_3));
        let r3$ = f64x2.sub(r2$, w3$);
        w3$ = f64x2.sub(f64x2.mul(q$, k(PIO2_3T)), f64x2.sub(f64x2.sub(r2$, r3$), w3$));
        let y03$ = f64x2.sub(r3$, w3$);
        r2$ = v128.bitselect(r3$, r2$, need3$);
        w2$ = v128.bitselect(w3$, w2$, need3$);
        y02$ = v128.bitselect(y03$, y02$, need3$);
      }
      r$ = v128.bitselect(r2$, r$, need2$);
      w$ = v128.bitselect(w2$, w$, need2$);
      y0$ = v128.bitselect(y02$, y0$, need2$);
    }
    y1$ = f64x2.sub(f64x2.sub(r$, y0$), w$);
    if (ASC_SHRINK_LEVEL < 1) {
      // rempio2's |x| < 3pi/4 special case exists only at shrink level 0 (as in trig.ts)
      let band$ = v128.andnot(f64x2.lt(ax$, k(PIO34_LIM)), small$);
      if (ANY{band$}) {
        let sgn$ = v128.and(a$, k(SIGN));
        let p1$ = v128.or(k(PIO2_1), sgn$);
        let p1t$ = v128.or(k(PIO2_1T), sgn$);
        let z$ = f64x2.sub(a$, p1$);
        let by0$ = f64x2.sub(z$, p1t$);
        let by1$ = f64x2.sub(f64x2.sub(z$, by0$), p1t$);
        let nearPio2$ = v128.and(f64x2.ge(ax$, k(PIO2_HW_LO)), f64x2.lt(ax$, k(PIO2_HW_HI)));
        if (ANY{nearPio2$}) {
          let p2$ = v128.or(k(PIO2_2), sgn$);
          let p2t$ = v128.or(k(PIO2_2T), sgn$);
          let z2$ = f64x2.sub(z$, p2$);
          let ny0$ = f64x2.sub(z2$, p2t$);
          let ny1$ = f64x2.sub(f64x2.sub(z2$, ny0$), p2t$);
          by0$ = v128.bitselect(ny0$, by0$, nearPio2$);
          by1$ = v128.bitselect(ny1$, by1$, nearPio2$);
        }
        let bn$ = v128.bitselect(i64x2(-1, -1), k(I64_ONE), i64x2.shr_s(a$, 63));
        y0$ = v128.bitselect(by0$, y0$, band$);
        y1$ = v128.bitselect(by1$, y1$, band$);
        n$ = v128.bitselect(bn$, n$, band$);
      }
    }
    let slow$ = v128.not(f64x2.lt(ax$, k(MEDIUM_LIM)));
    if (ANY{slow$}) {
      v128.store(SLOW_X, a$, %);
      reduceSlowW(BITS{slow$});
      y0$ = v128.bitselect(v128.load(SLOW_Y0, %), y0$, slow$);
      y1$ = v128.bitselect(v128.load(SLOW_Y1, %), y1$, slow$);
      n$ = v128.bitselect(v128.load(SLOW_N, %), n$, slow$);
    }
    if (anySmall) {
      y0$ = v128.bitselect(a$, y0$, small$);
      y1$ = v128.andnot(y1$, small$);
      n$ = v128.andnot(n$, small$);
    }
  }
  let z$ = f64x2.mul(y0$, y0$);
  let w$ = f64x2.mul(z$, z$);
  let sr1$ = f64x2.add(k(S2), f64x2.mul(z$, f64x2.add(k(S3), f64x2.mul(z$, k(S4)))));
  let sr2$ = f64x2.mul(f64x2.mul(z$, w$), f64x2.add(k(S5), f64x2.mul(z$, k(S6))));
  let sr$ = f64x2.add(sr1$, sr2$);
  let v$ = f64x2.mul(z$, y0$);
  let st$ = f64x2.mul(z$, f64x2.sub(f64x2.mul(k(HALF), y1$), f64x2.mul(v$, sr$)));
  let s$ = f64x2.sub(y0$, f64x2.sub(f64x2.sub(st$, y1$), f64x2.mul(v$, k(S1))));
  let cr1$ = f64x2.mul(z$, f64x2.add(k(C1), f64x2.mul(z$, f64x2.add(k(C2), f64x2.mul(z$, k(C3))))));
  let cr2$ = f64x2.mul(f64x2.mul(w$, w$), f64x2.add(k(C4), f64x2.mul(z$, f64x2.add(k(C5), f64x2.mul(z$, k(C6))))));
  let cr$ = f64x2.add(cr1$, cr2$);
  let hz$ = f64x2.mul(k(HALF), z$);
  let cw$ = f64x2.sub(k(ONE), hz$);
  let ct$ = f64x2.sub(f64x2.mul(z$, cr$), f64x2.mul(y0$, y1$));
  let c$ = f64x2.add(cw$, f64x2.add(f64x2.sub(f64x2.sub(k(ONE), cw$), hz$), ct$));
  let odd$ = i64x2.shr_s(i64x2.shl(n$, 63), 63);
  let sin$ = v128.xor(v128.bitselect(c$, s$, odd$), v128.and(i64x2.shl(n$, 62), k(SIGN)));
  let cos$ = v128.xor(v128.bitselect(s$, c$, odd$), v128.and(i64x2.shl(i64x2.add(n$, k(I64_ONE)), 62), k(SIGN)));
  if (anySmall) {
    let s0$ = f64x2.add(y0$, f64x2.mul(v$, f64x2.add(k(S1), f64x2.mul(z$, sr$))));
    sin$ = v128.bitselect(s0$, sin$, small$);
    sin$ = v128.bitselect(a$, sin$, f64x2.lt(ax$, k(SIN_TINY)));
    cos$ = v128.bitselect(k(ONE), cos$, f64x2.lt(ax$, k(COS_TINY)));
  }
  SIN$ = sin$;
  COS$ = cos$;
}
`;

/**
 * The family part of the 1D loop, as one-vector templates: `setup` (statements before the loop:
 * it defines ONE = f64x2.splat(1) and whatever its step needs), `fixed` (after `skips`: defines
 * `fixedSkips`, whether a lane whose iterate did not change may be decided at once), and `step`
 * (in the loop, from the new iterate x$: defines f$ and g$, the loss and the gradient there).
 */
export interface Family1D { readonly setup: string; readonly fixed: string; readonly step: string }

const LOOP = `
/**
 * Runs the 1D lanes until the chunk is done (returns false) or the budget is spent (true): simd.ts
 * \`loopND\` for one-dimensional losses, VECTORS vectors zipped, the iterate in locals.
 */
function loop1D_VECTORS(classes: usize, intensity: usize): bool {
FAMILY_SETUP
  const wantInv = keepIntensity;
  const skips = exactSkips();
FAMILY_FIXED
  // proven bounded (proven.ts): |x| below the lane's radius H, or x equal to the checkpoint P, an
  // earlier iterate of the run (refreshed every 16 iterations): then the run repeats a bounded cycle.
  const proven = laneProofs();
  let tick = 0;
  const ZERO = f64x2.splat(0);
  let X$ = v128.load(X_, %);
  let G$ = v128.load(G_, %);
  let LR$ = v128.load(LR_, %);
  let C$ = f64x2.sub(v128.load(K_, %), v128.load(LIM_, %));
  let SF$ = v128.load(SF_, %);
  let SI$ = v128.load(SI_, %);
  let D$ = v128.load(DIV_, %);
  let A$ = v128.load(ACT_, %);
  let H$ = v128.load(H_, %);
  let P$ = v128.load(P_, %);
  while (true) {
    // x_{k+1} = x_k - lr * g(x_k); then f and g at the new x, sharing one phase evaluation.
    let x$ = f64x2.sub(X$, f64x2.mul(LR$, G$));
FAMILY_STEP
    // A lane whose iterate did not change (bit for bit) repeats this step for ever (exactSkips).
    let fixed$ = ZERO;
    if (fixedSkips) fixed$ = v128.and(i64x2.eq(x$, X$), A$);
    if (proven) fixed$ = v128.or(fixed$, v128.and(v128.or(f64x2.lt(f64x2.abs(x$), H$), i64x2.eq(x$, P$)), A$));
    X$ = x$;
    G$ = g$;
    C$ = f64x2.add(C$, ONE);
    SF$ = f64x2.add(SF$, f$);
    if (wantInv) SI$ = f64x2.add(SI$, f64x2.div(ONE, f$));
    D$ = divergedMask(f$, D$);
    fixed$ = v128.andnot(fixed$, D$);
    const stop$ = v128.or(decidedMask(D$, SF$, C$, A$, ZERO), fixed$);
    if (proven && (++tick & 15) == 0) {
      P$ = x$;
    }
    if (ANY{stop$}) {
      v128.store(X_, X$, %);
      v128.store(G_, G$, %);
      const K$ = f64x2.add(C$, v128.load(LIM_, %));
      v128.store(K_, K$, %);
      v128.store(SF_, SF$, %);
      v128.store(SI_, SI$, %);
      v128.store(DIV_, D$, %);
      v128.store(P_, P$, %);
      const all = f64x2.splat(<f64>steps); // splat here: one register less in the loop
      const status = finish(BITS{stop$}, BITS{v128.or(decidedMask(D$, SF$, K$, A$, all), fixed$)}, BITS{fixed$}, classes, intensity);
      if (status != RUNNING) return status == SUSPENDED;
      X$ = v128.load(X_, %);
      G$ = v128.load(G_, %);
      LR$ = v128.load(LR_, %);
      C$ = f64x2.sub(v128.load(K_, %), v128.load(LIM_, %));
      SF$ = v128.load(SF_, %);
      SI$ = v128.load(SI_, %);
      D$ = v128.load(DIV_, %);
      A$ = v128.load(ACT_, %);
      H$ = v128.load(H_, %);
      P$ = v128.load(P_, %);
    }
  }
}
`;

/** The 1D loop over `n` vectors with the family part `f`. */
function loop1D(f: Family1D, n: number): string {
  return expand(LOOP.replace('FAMILY_SETUP', f.setup).replace('FAMILY_FIXED', f.fixed).replace('FAMILY_STEP', f.step), n);
}

/** The built-in families (families.ts ids), lane for lane the scalar families.ts. */
const BUILTIN: Family1D = {
  setup: `  const TWO = f64x2.splat(2);
  const ONE = f64x2.splat(1);
  const TP = f64x2.splat(TWO_PI);
  const L1 = f64x2.splat(lambda1);
  const L2 = f64x2.splat(lambda2);
  const E1 = f64x2.splat(eps1);
  const E2 = f64x2.splat(eps2);
  const TPE1 = f64x2.splat(TWO_PI * eps1);
  const TPE2 = f64x2.splat(TWO_PI * eps2);
  const fam = family;`,
  fixed: `  // fixed iterates: where runs converge to a fixed point (x -> 0); chaotic runs (Fig. 2a) hardly reach one
  const fixedSkips = skips && proofsApply() && (fam == QUADRATIC || fam == MULTIPLICATIVE);
  const B = f64x2.splat(bound);
  const FLOOR = f64x2.splat(fam == MULTIPLICATIVE ? 1 - Math.abs(eps1) : Math.abs(eps1) + Math.abs(eps2));
  const INF = f64x2.splat(Infinity);
  // Iterates so large that the cosine terms change no bit of the loss or the gradient (additive
  // families, any criterion; docs/semantics.md section 9.4): f = x*x and g = 2*x exactly.
  // (Left out for a threshold below that size of x*x: every such lane is a sure one, below.)
  const eBig = Math.max(Math.abs(eps1), Math.abs(eps2)) * 36028797018963968; // * 2^55
  const big = (fam == ADDITIVE || fam == TWO_COSINE) && !(skips && bound + Math.abs(eps1) + Math.abs(eps2) < eBig);
  const EBIG = f64x2.splat(eBig);
  const TBIG = f64x2.splat(Math.max(Math.abs(TWO_PI * eps1) / Math.abs(lambda1), Math.abs(TWO_PI * eps2) / Math.abs(lambda2)) * 18014398509481984); // * 2^54
  const XFIN = f64x2.splat(1e300 / Math.max(Math.max(Math.abs(TWO_PI / lambda1), Math.abs(TWO_PI / lambda2)), 1)); // every phase finite below`,
  step: `    let xx$ = f64x2.mul(x$, x$);
    let f$: v128;
    let g$: v128;
    // Lanes whose loss exceeds the bound whatever the cosines are (exactSkips): phase 0 in
    // place of theirs (no argument reduction), as their run diverges at this step anyway.
    let sure$ = ZERO;
    if (skips) sure$ = v128.and(f64x2.lt(xx$, INF), fam == MULTIPLICATIVE ? f64x2.gt(f64x2.mul(xx$, FLOOR), B) : f64x2.gt(f64x2.sub(xx$, FLOOR), B));
    if (big) sure$ = v128.or(sure$, v128.and(v128.and(f64x2.gt(xx$, EBIG), f64x2.gt(f64x2.abs(x$), TBIG)), f64x2.lt(f64x2.abs(x$), XFIN)));
    if (fam == QUADRATIC) {
      f$ = xx$;
      g$ = f64x2.mul(TWO, x$);
    } else {
      sincosZipVECTORS(LIST{v128.andnot(phase2(x$, lambda1, waveNumber1), sure$)});
      const s1$ = SIN$;
      const c1$ = COS$;
      if (fam == ADDITIVE) {
        f$ = f64x2.add(xx$, f64x2.mul(E1, c1$));
        g$ = f64x2.sub(f64x2.mul(TWO, x$), f64x2.div(f64x2.mul(TPE1, s1$), L1));
      } else if (fam == MULTIPLICATIVE) {
        const m$ = f64x2.add(ONE, f64x2.mul(E1, c1$));
        f$ = f64x2.mul(xx$, m$);
        g$ = f64x2.sub(f64x2.mul(f64x2.mul(TWO, x$), m$), f64x2.div(f64x2.mul(f64x2.mul(f64x2.mul(TP, xx$), E1), s1$), L1));
      } else {
        sincosZipVECTORS(LIST{v128.andnot(phase2(x$, lambda2, waveNumber2), sure$)});
        const s2$ = SIN$;
        const c2$ = COS$;
        f$ = f64x2.add(f64x2.add(xx$, f64x2.mul(E1, c1$)), f64x2.mul(E2, c2$));
        g$ = f64x2.sub(f64x2.sub(f64x2.mul(TWO, x$), f64x2.div(f64x2.mul(TPE1, s1$), L1)), f64x2.div(f64x2.mul(TPE2, s2$), L2));
      }
    }`,
};

/** What every generated module holds besides its loops: the loop choice, the sincos results, the slow reduction. */
function common(n: number, vectors: string, loop: string): string {
  if (n > MAX_VECTORS) throw new RangeError(`a 1D loop zips at most ${MAX_VECTORS} vectors (the lane rows of assembly/simd.ts); got ${n}`);
  return `/** Vectors the 1D loop zips for the configured family. */
export function vectors1D(): i32 {
  return ${vectors};
}

/** Runs the 1D lanes until the chunk is done (returns false) or the budget is spent (true). */
export function loop1D(classes: usize, intensity: usize): bool {
  return ${loop};
}

// sincosZipN results (exported for test/assembly/trig-check.ts).
${Array.from({ length: n }, (_, v) => `export let SIN_${v}: v128 = f64x2(0.0, 0.0);\nexport let COS_${v}: v128 = f64x2(0.0, 0.0);`).join('\n')}

// Lanes of reduceSlowW: lane l at offset 8 l.
const SLOW_X = memory.data(${16 * n} + GUARD, 16);
const SLOW_Y0 = memory.data(${16 * n} + GUARD, 16);
const SLOW_Y1 = memory.data(${16 * n} + GUARD, 16);
const SLOW_N = memory.data(${16 * n} + GUARD, 16);

/** Reduces the lanes of SLOW_X in bits of \`lanes\` one at a time (trig.ts rempio2Slow: slow_y0, slow_y1 and the quadrant). */
function reduceSlowW(lanes: i32): void {
  for (let l = 0; l < ${2 * n}; l++) {
    if (lanes & (1 << l)) {
      const o = <usize>l << 3;
      const q = rempio2Slow(load<f64>(SLOW_X + o));
      store<f64>(SLOW_Y0 + o, slow_y0);
      store<f64>(SLOW_Y1 + o, slow_y1);
      store<i64>(SLOW_N + o, <i64>q);
    }
  }
}`;
}

/** The imports every generated module needs (`families` lists the names it takes from families.ts). */
function imports(families: string): string {
  return `import { GUARD } from "./guard";
import {
  k, COS_TINY, SIN_TINY, PIO4_LIM, PIO34_LIM, PIO2_HW_LO, PIO2_HW_HI, MEDIUM_LIM, PIO2_1, PIO2_1T,
  PIO2_2, PIO2_2T, PIO2_3, PIO2_3T, INVPIO2, TOINT, S1, S2, S3, S4, S5, S6, C1, C2, C3, C4, C5, C6,
  HALF, ONE, I64_ONE, SIGN, EXP, EXP_16, EXP_49, rempio2Slow, slow_y0, slow_y1,
} from "./trig";
import {
  ${families},
} from "./families";
import { steps, bound, keepIntensity } from "./criteria";
import {
  X_, G_, LR_, K_, SF_, SI_, DIV_, ACT_, LIM_, H_, P_, RUNNING, SUSPENDED, phase2, divergedMask, decidedMask, finish, exactSkips,
} from "./simd";
import { laneProofs, proofsApply } from "./proven";`;
}

/** The module for the built-in families with the widths `w` (assembly/simd-1d.ts). */
export function generate(w: { readonly wide: number; readonly multiplicative: number }): string {
  const n = Math.max(w.wide, w.multiplicative);
  const widths = [...new Set([w.wide, w.multiplicative])];
  return `// GENERATED by scripts/gen-simd-1d.mjs (widths ${JSON.stringify(w)}); edit the generator, not this file.
// The one-dimensional SIMD step loops: 2 * N learning rates in N f64x2 vectors whose statements are
// zipped (N = ${widths.join(', ')}). Every lane does the scalar loop's operations in the scalar order
// (gd.ts, families.ts), with the lane-exact sine and cosine of trig.ts zipped the same way.
${imports('TWO_PI, QUADRATIC, ADDITIVE, MULTIPLICATIVE, TWO_COSINE, family, eps1, lambda1, eps2, lambda2, waveNumber1, waveNumber2')}

${common(n, `family == MULTIPLICATIVE ? ${w.multiplicative} : ${w.wide}`, `family == MULTIPLICATIVE ? loop1D_${w.multiplicative}(classes, intensity) : loop1D_${w.wide}(classes, intensity)`)}
${widths.map((v) => expand(SINCOS, v) + loop1D(BUILTIN, v)).join('')}`;
}

/**
 * A module with one 1D loop over `vectors` vectors for the family part `f` (a formula loss):
 * `what` describes it in the header, `families` names what it takes from families.ts.
 */
export function generateLoop1D(f: Family1D, vectors: number, what: string, families: string): string {
  return `// GENERATED by fractal-trainability (src/lr/simd-source.ts) for ${what}.
// The one-dimensional SIMD step loop: ${2 * vectors} learning rates in ${vectors} f64x2 vectors whose statements are
// zipped. Every lane does the scalar loop's operations in the scalar order (gd.ts, families.ts),
// with the lane-exact sine and cosine of trig.ts zipped the same way.
${imports(families)}

${common(vectors, String(vectors), `loop1D_${vectors}(classes, intensity)`)}
${expand(SINCOS, vectors)}${loop1D(f, vectors)}`;
}
