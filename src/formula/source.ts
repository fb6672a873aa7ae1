/**
 * The kernel module a formula loss compiles into: assembly/families.ts with its one-dimensional
 * section (`prepare1D`, `loss1D`, `grad1D`) replaced by code generated from the formula, and for a
 * d-dimensional formula its d-dimensional section (`prepareND`, `lossND`, `stepND`, `gradientND`) too. Every
 * other export (ids, `setLoss`, buffers) stays as shipped, so the kernel's step loops
 * (assembly/gd.ts) are the built-in ones, compiled unchanged.
 */
import type { FormulaShape } from './descriptor.js';
import { FormulaError } from './language.js';
import { Translation, components, parseFormula } from './expression.js';

/** Where the one-dimensional section of assembly/families.ts starts and ends. */
const SECTION_START = '// ---- one-dimensional families';
const SECTION_END = '// ---- d-dimensional families';

/** The kernel's entry for a formula: a build's exports (assembly/index.ts or index-simd.ts) and `setParam`. */
export const FORMULA_ENTRY = 'formula-entry.ts';
/** Source of FORMULA_ENTRY for the build whose entry is `index` (`index` or `index-simd`). */
export function formulaEntrySource(index: string): string {
  return `export * from "./${index}";\nexport { setParam } from "./families";\n`;
}

/** A formula translated: the scalar code of the loss and gradient with the calls they share hoisted, and the vector forms (`translation`). */
export interface TranslatedFormula {
  readonly loss: string;
  readonly gradient: string;
  /** d dimensions with coordinates named explicitly: the gradient's components (scalar code), one per coordinate. */
  readonly gradients?: readonly string[];
  readonly prepare: readonly string[];
  readonly globals: readonly string[];
  /** One-vector templates of the loss and gradient (absent when the formula calls a function without a lane-exact SIMD form). */
  readonly vector?: { readonly loss: string; readonly gradient: string };
  /** The translation state (vector statements and constants, the first scalar-only function). */
  readonly translation: Translation;
}

/** The loss and gradient of a formula as AssemblyScript, with the calls they share hoisted. */
export async function translateFormula(loss: FormulaShape): Promise<TranslatedFormula> {
  const t = new Translation(loss.names, loss.nd);
  const l = t.translate('loss', loss.loss, await parseFormula('loss', loss.loss));
  const parts = components(await parseFormula('gradient', loss.gradient));
  const explicit = t.coordinates > 0;
  if (explicit && t.sums.length > 0) throw new FormulaError('loss', loss.loss, 'a formula names its coordinates (x1, x2, ...) or sums over them (sum of an expression in x_i), not both', 0);
  if (!explicit && parts.length > 1) throw new FormulaError('gradient', loss.gradient, 'components separated by ";" are for a loss that names its coordinates (x1, x2, ...); with sums, the gradient is component i, in x_i', loss.gradient.indexOf(';') + 1);
  if (explicit && (loss.dim === undefined || parts.length !== loss.dim)) {
    throw new FormulaError('gradient', loss.gradient, `a loss in x1 .. x${loss.dim} needs ${loss.dim} gradient components separated by ";" (component j is the derivative in xj); got ${parts.length}`, 0);
  }
  if (explicit && t.coordinates > loss.dim!) throw new FormulaError('loss', loss.loss, `names x${t.coordinates}, beyond the dimension ${loss.dim}`, 0);
  const g = parts.map((part) => t.translate('gradient', loss.gradient, part));
  if (explicit && (t.sums.length > 0 || t.component)) throw new FormulaError('gradient', loss.gradient, 'the gradient of a loss in x1, x2, ... is in x1, x2, ... too (no sums, no x_i)', 0);
  return {
    loss: l.s, gradient: g[0].s, ...(explicit ? { gradients: g.map((c) => c.s) } : {}),
    prepare: t.ordered(), globals: t.temps.filter((v) => !v.local).map((v) => v.name),
    ...(l.v !== undefined && g[0].v !== undefined && !t.scalarOnly && !loss.nd ? { vector: { loss: l.v, gradient: g[0].v } } : {}),
    translation: t,
  };
}

/** The generated one-dimensional section of families.ts (for a d-dimensional formula, the quadratic's, never run). */
function section(loss: FormulaShape, t: TranslatedFormula): string {
  const params = loss.names.map((_, i) => `p${i}`);
  const oneD = !loss.nd;
  return [
    `${SECTION_START} (generated from a formula loss)`,
    `// loss:     ${loss.loss.replace(/\s+/g, ' ')}`,
    `// gradient: ${loss.gradient.replace(/\s+/g, ' ')}`,
    '// @ts-ignore: decorator',
    '@inline function sq(v: f64): f64 { return v * v; }',
    ...params.map((n) => `export let ${n}: f64 = 0;`),
    ...(oneD ? t.globals.map((n) => `let ${n}: f64 = 0;`) : []),
    `/** Sets parameter i (${loss.names.map((n, i) => `${i}: ${n}`).join(', ') || 'none'}). */`,
    'export function setParam(i: i32, v: f64): void {',
    ...params.map((p, i) => `  if (i == ${i}) ${p} = v;`),
    '}',
    '// @ts-ignore: decorator',
    '@inline export function prepare1D(x: f64): void {',
    ...(oneD ? t.prepare.map((s) => `  ${s}`) : []),
    '}',
    '// @ts-ignore: decorator',
    `@inline export function loss1D(x: f64): f64 { return ${oneD ? t.loss : 'x * x'}; }`,
    '// @ts-ignore: decorator',
    `@inline export function grad1D(x: f64): f64 { return ${oneD ? t.gradient : '2 * x'}; }`,
    '',
    '',
  ].join('\n');
}

/** What every generated d-dimensional section starts with: the buffers, the names simd.ts imports, `resetND`. */
function ndCommon(): string[] {
  return [
    `${SECTION_END} (generated from a formula loss)`,
    '/** Largest supported dimension. */',
    'export const MAX_DIM: i32 = 1 << 16;',
    '/** The initial point, written by the host. */',
    'export const X0: usize = memory.data((MAX_DIM << 3) + GUARD, 16);',
    '/** The iterate (the optimizers of optimizers.ts update it). */',
    'export const xs: usize = memory.data((MAX_DIM << 3) + GUARD, 16);',
    'export const sines: usize = memory.data(16, 16);',
    'export let sumSq: f64 = 0;',
    'export let sumCos: f64 = 0;',
    'export let sumAdd: f64 = 0;',
    '',
    '/** Copies the initial point into the iterate. */',
    'export function resetND(): void {',
    '  memory.copy(xs, X0, <usize>dim << 3);',
    '}',
    '',
  ];
}

/**
 * `lossND`, `stepND` and `gradientND` of a generated d-dimensional section: `gradient` evaluates the
 * gradient's components from the iterate last prepared, and its line `STORE` becomes `step` (the GD
 * step, every component from the iterate before the step) or `store` (the components into `out`,
 * for the optimizers of optimizers.ts): one gradient text for both.
 */
function ndSteps(loss: string, gradient: readonly string[], step: string, store: string): string[] {
  const body = (line: string) => gradient.map((l) => l.replace('STORE', line));
  return [
    '/** Loss at the iterate last prepared. */',
    'export function lossND(): f64 {',
    `  return ${loss};`,
    '}',
    '',
    '/** One gradient step `x_i -= lr * g_i` from the iterate last prepared. */',
    'export function stepND(lr: f64): void {',
    ...body(step),
    '}',
    '',
    '/** The gradient g_i at the iterate last prepared, into `out` (f64 x dim). */',
    'export function gradientND(out: usize): void {',
    ...body(store),
    '}',
    '',
  ];
}

/**
 * The generated d-dimensional section of families.ts: `prepareND` accumulates the formula's sums
 * over the coordinates (S0, S1, ..., each in coordinate order from 0, as the built-in families sum),
 * `lossND` is the loss of the sums, `stepND` takes x_i -= lr * (component i of the gradient), every
 * component from the iterate before the step. The names simd.ts imports stay (a formula in d
 * dimensions runs on the scalar kernel).
 */
function sectionND(t: TranslatedFormula): string {
  const sums = t.translation.sums;
  return [
    ...ndCommon(),
    ...sums.map((_, k) => `let S${k}: f64 = 0;`),
    '',
    '/** The sums over the coordinates at the current iterate. */',
    'export function prepareND(): void {',
    ...sums.map((_, k) => `  let a${k} = 0.0;`),
    '  for (let i = 0; i < dim; i++) {',
    '    const x = load<f64>(xs + (<usize>i << 3));',
    ...sums.map((body, k) => `    a${k} += ${body};`),
    '  }',
    ...sums.map((_, k) => `  S${k} = a${k};`),
    '}',
    '',
    ...ndSteps(t.loss, [
      '  for (let i = 0; i < dim; i++) {',
      '    const p = <usize>i << 3;',
      '    const x = load<f64>(xs + p);',
      `    const g = ${t.gradient};`,
      '    STORE',
      '  }',
    ], 'store<f64>(xs + p, x - lr * g);', 'store<f64>(out + p, g);'),
  ].join('\n');
}

/**
 * The generated d-dimensional section of families.ts for a loss naming its coordinates x1 .. xd:
 * `prepareND` reads them into X1 .. Xd, `lossND` is the loss, `stepND` evaluates every component
 * of the gradient from the iterate before the step, then takes x_j -= lr * g_j for j = 1 .. d.
 */
function sectionExplicit(t: TranslatedFormula): string {
  const g = t.gradients!;
  return [
    ...ndCommon(),
    ...g.map((_, j) => `let X${j + 1}: f64 = 0;`),
    '',
    '/** The coordinates of the current iterate. */',
    'export function prepareND(): void {',
    ...g.map((_, j) => `  X${j + 1} = load<f64>(xs + ${8 * j});`),
    '}',
    '',
    ...ndSteps(t.loss, [...g.map((c, j) => `  const g${j + 1} = ${c};`), '  STORE'],
      g.map((_, j) => `store<f64>(xs + ${8 * j}, X${j + 1} - lr * g${j + 1});`).join('\n  '),
      g.map((_, j) => `store<f64>(out + ${8 * j}, g${j + 1});`).join('\n  ')),
  ].join('\n');
}

/** assembly/families.ts (the shipped `template`) with the formula's one-dimensional section. */
export async function familiesSource(template: string, loss: FormulaShape): Promise<string> {
  const a = template.indexOf(SECTION_START);
  const b = template.indexOf(SECTION_END);
  if (a < 0 || b < a) throw new Error(`assembly/families.ts has no section "${SECTION_START}" .. "${SECTION_END}"; this installation is damaged`);
  const t = await translateFormula(loss);
  return template.slice(0, a) + section(loss, t) + (!loss.nd ? template.slice(b) : t.gradients ? sectionExplicit(t) : sectionND(t));
}
