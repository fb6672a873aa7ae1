/**
 * The SIMD forms of a formula loss: its family part of the zipped one-dimensional loop
 * (src/lr/simd-source.ts writes the whole assembly/simd-1d.ts from it), and the section of
 * assembly/vector-1d.ts (`lossGrad4`, `grad4`) the optimizers' SIMD loop calls. Both exist only
 * for formulas whose every operation has a lane-exact f64x2 form (+ - * /, integer powers as
 * products, sqrt, abs, sign, and sin, cos, sec through the lane-exact sine and cosine of trig.ts);
 * each lane does the scalar generated code's operations (source.ts) in the same order.
 */
import type { FormulaShape } from './descriptor.js';
import { type TranslatedFormula, translateFormula } from './source.js';
import { MAX_PRODUCT_POWER, type ScalarOnly } from './expression.js';
import { type Family1D, WIDTHS, expand, generateLoop1D } from '../lr/simd-source.js';

/** What makes a formula scalar-only: its first function without a lane-exact SIMD form, and where; undefined when it has none. */
export async function simdObstacle(loss: FormulaShape): Promise<ScalarOnly | undefined> {
  const t = await translateFormula(loss);
  return t.vector ? undefined : t.translation.scalarOnly;
}

/** The refusal of `kernel: 'simd'` for a formula with a scalar-only function. */
export function simdRefusal(o: ScalarOnly): string {
  const what = o.name === '^' || o.name === 'pow' ? `a power that is not an integer from 2 to ${MAX_PRODUCT_POWER} (${o.name})` : `"${o.name}"`;
  return `kernel "simd" runs formulas of + - * /, integer powers, sqrt, abs, sign, sin, cos and sec only; the ${o.field} calls ${what}${o.column > 0 ? ` at column ${o.column}` : ''}; use kernel "auto" (which runs it on the scalar kernel) or "scalar"`;
}

/**
 * The vector statements of a translated formula (one-vector templates), sin and cos of one
 * argument computed together: `sincos(arg)` is the statement that computes them, `sin` and `cos`
 * the names of its results.
 */
function statements(t: TranslatedFormula, sincos: (arg: string) => string, sin: string, cos: string): string[] {
  const out: string[] = [];
  const done = new Set<string>();
  const trig = t.translation.vector.filter((s) => 'trig' in s);
  for (const s of t.translation.vector) {
    if (!('trig' in s)) {
      out.push(`const ${s.name}$ = ${s.code};`);
      continue;
    }
    if (done.has(s.arg)) continue;
    done.add(s.arg);
    out.push(sincos(s.arg));
    for (const u of trig) if (u.arg === s.arg) out.push(`const ${u.name}$ = ${u.trig === 'sin' ? sin : cos};`);
  }
  return out;
}

/** The loop invariants the vector code uses (statements before the loop, in dependency order). */
function invariants(t: TranslatedFormula): string[] {
  return [...t.translation.constants].map(([code, name]) => `const ${name} = ${code};`);
}

/** The families.ts names the vector code takes (the parameters; `family` so that the list is never empty). */
function imports(names: readonly string[]): string {
  return ['family', ...names.map((_, i) => `p${i}`)].join(', ');
}

/** A vectorizable translation, or a bug (callers check `simdObstacle` first). */
async function vectorOf(loss: FormulaShape): Promise<TranslatedFormula & { vector: NonNullable<TranslatedFormula['vector']> }> {
  const t = await translateFormula(loss);
  if (!t.vector) throw new Error(`the formula ${JSON.stringify(loss.loss)} has no SIMD form (a bug of fractal-trainability: the sweep checks this first)`);
  return t as TranslatedFormula & { vector: NonNullable<TranslatedFormula['vector']> };
}

/** assembly/simd-1d.ts for a formula: one loop over WIDTHS.wide vectors whose step is the formula. */
export async function formulaLoop1D(loss: FormulaShape): Promise<string> {
  const t = await vectorOf(loss);
  const family: Family1D = {
    setup: ['  const ONE = f64x2.splat(1);', ...invariants(t).map((s) => `  ${s}`)].join('\n'),
    // No per-step fixed-iterate test: the loop's cycle checkpoint (proven.ts laneProofs), which
    // holds whatever the loss, decides a lane whose iterate repeats (a fixed point included)
    // under every condition such a test could apply in (threshold criteria, no intensities, proofs on).
    fixed: '  const fixedSkips = false;',
    step: [
      '    // the formula at the new iterate: lane for lane families.ts prepare1D, loss1D and grad1D',
      ...statements(t, (arg) => `sincosZipVECTORS(LIST{${arg}});`, 'SIN$', 'COS$'),
      `const f$ = ${t.vector.loss};`,
      `const g$ = ${t.vector.gradient};`,
    ].map((s) => (s.startsWith('    ') ? s : `    ${s}`)).join('\n'),
  };
  return generateLoop1D(family, WIDTHS.wide, `the formula loss ${JSON.stringify(loss.loss.replace(/\s+/g, ' '))}`, imports(loss.names));
}

/** Where the vector families sit in assembly/vector-1d.ts (the optimizers' module). */
const VECTOR_SECTION_START = '// ---- one-dimensional vector families';
/** The end of that section. */
const VECTOR_SECTION_END = '// ---- end of one-dimensional vector families';

/**
 * The body of assembly/vector-1d.ts's section for a formula (between the marker lines, which it
 * does not include): `lossGrad4(a, b)` and `grad4(a, b)`, lanes a = 0, 1 and b = 2, 3 through
 * trig.ts `sincos4`, results in LOSS_A, LOSS_B, GRAD_A, GRAD_B.
 */
async function formulaVector1D(loss: FormulaShape): Promise<string> {
  const t = await vectorOf(loss);
  const body = (results: string[]) => expand([
    ...invariants(t),
    'const x$ = X$;',
    ...statements(t, (arg) => `sincos4(LIST{${arg}});`, 'SIN$', 'COS$'),
    ...results,
  ].map((s) => `  ${s}`).join('\n'), 2).replaceAll('X_0', 'a').replaceAll('X_1', 'b')
    .replace(/\b(SIN|COS|LOSS|GRAD)_([01])\b/g, (_, n: string, v: string) => `${n}_${v === '0' ? 'A' : 'B'}`);
  return [
    `// generated from the formula loss ${JSON.stringify(loss.loss.replace(/\s+/g, ' '))}, gradient ${JSON.stringify(loss.gradient.replace(/\s+/g, ' '))}`,
    // the parameters (the module's header imports what the built-in families use, `family` among them)
    ...(loss.names.length ? [`import { ${loss.names.map((_, i) => `p${i}`).join(', ')} } from "./families";`] : []),
    '/** Loss and gradient of the formula at the four lanes, lane for lane families.ts prepare1D, loss1D, grad1D. */',
    'export function lossGrad4(a: v128, b: v128): void {',
    body([`LOSS$ = ${t.vector.loss};`, `GRAD$ = ${t.vector.gradient};`]),
    '}',
    '/** The gradient alone at the four lanes (GRAD_A, GRAD_B), bit for bit grad1D after prepare1D. */',
    'export function grad4(a: v128, b: v128): void {',
    body([`GRAD$ = ${t.vector.gradient};`]),
    '}',
    '',
  ].join('\n');
}

/** assembly/vector-1d.ts (the shipped `template`) with the formula's section. */
export async function vector1DSource(template: string, loss: FormulaShape): Promise<string> {
  const a = template.indexOf(VECTOR_SECTION_START);
  const b = template.indexOf(VECTOR_SECTION_END);
  if (a < 0 || b < a) throw new Error(`assembly/vector-1d.ts has no section "${VECTOR_SECTION_START}" .. "${VECTOR_SECTION_END}"; this installation is damaged`);
  return `${template.slice(0, template.indexOf('\n', a) + 1)}${await formulaVector1D(loss)}${template.slice(b)}`;
}
