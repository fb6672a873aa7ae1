/**
 * The kernel module a formula loss compiles into: assembly/families.ts with its one-dimensional
 * section (`prepare1D`, `loss1D`, `grad1D`) replaced by code generated from the formula. Every
 * other export (ids, `setLoss`, the d-dimensional families, buffers) stays as shipped, so the
 * kernel's step loop (assembly/gd.ts) is the built-in one, compiled unchanged.
 */
import type { FormulaLoss } from './descriptor.js';
import { Translation, parseFormula } from './expression.js';

/** Where the one-dimensional section of assembly/families.ts starts and ends. */
const SECTION_START = '// ---- one-dimensional families';
const SECTION_END = '// ---- d-dimensional families';

/** What a formula's kernel depends on: its texts and its parameters' names (their values are set at run time). */
export interface FormulaShape { readonly loss: string; readonly gradient: string; readonly names: readonly string[] }

/** The shape of a formula loss (parameter names in the descriptor's sorted order). */
export function formulaShape(loss: Pick<FormulaLoss, 'loss' | 'gradient' | 'params'>): FormulaShape {
  return { loss: loss.loss, gradient: loss.gradient, names: Object.keys(loss.params) };
}

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
  readonly prepare: readonly string[];
  readonly globals: readonly string[];
  /** One-vector templates of the loss and gradient (absent when the formula calls a function without a lane-exact SIMD form). */
  readonly vector?: { readonly loss: string; readonly gradient: string };
  /** The translation state (vector statements and constants, the first scalar-only function). */
  readonly translation: Translation;
}

/** The loss and gradient of a formula as AssemblyScript, with the calls they share hoisted. */
export async function translateFormula(loss: FormulaShape): Promise<TranslatedFormula> {
  const t = new Translation(loss.names);
  const l = t.translate('loss', loss.loss, await parseFormula('loss', loss.loss));
  const g = t.translate('gradient', loss.gradient, await parseFormula('gradient', loss.gradient));
  return {
    loss: l.s, gradient: g.s, prepare: t.ordered(), globals: t.temps.filter((v) => !v.local).map((v) => v.name),
    ...(l.v !== undefined && g.v !== undefined && !t.scalarOnly ? { vector: { loss: l.v, gradient: g.v } } : {}),
    translation: t,
  };
}

/** The one-dimensional section of the generated families.ts. */
async function section(loss: FormulaShape): Promise<string> {
  const t = await translateFormula(loss);
  const params = loss.names.map((_, i) => `p${i}`);
  return [
    `${SECTION_START} (generated from a formula loss)`,
    `// loss:     ${loss.loss.replace(/\s+/g, ' ')}`,
    `// gradient: ${loss.gradient.replace(/\s+/g, ' ')}`,
    '// @ts-ignore: decorator',
    '@inline function sq(v: f64): f64 { return v * v; }',
    ...params.map((n) => `export let ${n}: f64 = 0;`),
    ...t.globals.map((n) => `let ${n}: f64 = 0;`),
    `/** Sets parameter i (${loss.names.map((n, i) => `${i}: ${n}`).join(', ') || 'none'}). */`,
    'export function setParam(i: i32, v: f64): void {',
    ...params.map((p, i) => `  if (i == ${i}) ${p} = v;`),
    '}',
    '// @ts-ignore: decorator',
    '@inline export function prepare1D(x: f64): void {',
    ...t.prepare.map((s) => `  ${s}`),
    '}',
    '// @ts-ignore: decorator',
    `@inline export function loss1D(x: f64): f64 { return ${t.loss}; }`,
    '// @ts-ignore: decorator',
    `@inline export function grad1D(x: f64): f64 { return ${t.gradient}; }`,
    '',
    '',
  ].join('\n');
}

/** assembly/families.ts (the shipped `template`) with the formula's one-dimensional section. */
export async function familiesSource(template: string, loss: FormulaShape): Promise<string> {
  const a = template.indexOf(SECTION_START);
  const b = template.indexOf(SECTION_END);
  if (a < 0 || b < a) throw new Error(`assembly/families.ts has no section "${SECTION_START}" .. "${SECTION_END}"; this installation is damaged`);
  return template.slice(0, a) + (await section(loss)) + template.slice(b);
}
