/**
 * The `fractal-trainability/formula` entry: losses from formulas in web apps (it works in Node
 * too). Importing it makes the package load mathjs, AssemblyScript's compiler (with binaryen)
 * and the kernel sources through literal dynamic imports, which bundlers split into chunks of
 * their own, fetched when the first formula is defined or compiled; the main entry's sweep then
 * runs formula losses as in Node (compiled once in the page, the module sent to the workers).
 */
import { useFormulaTools } from './tools.js';

useFormulaTools({
  mathjs: () => import('mathjs/number'),
  asc: () => import('assemblyscript/asc').then((m) => m.default),
  sources: () => import('./assembly-sources.js').then((m) => m.default),
});

export { defineLoss, type FormulaSpec } from './define.js';
export { formulaMinCurvature } from './curvature.js';
export { FormulaError } from './language.js';
export type { FormulaLoss } from './descriptor.js';
