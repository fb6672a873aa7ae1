/**
 * Where the formula tools come from: mathjs's number-only build (parse, derivative) and
 * AssemblyScript's compiler, and, in browsers, the kernel sources. By default they are imported
 * through non-literal specifiers, which Node resolves at run time and bundlers leave alone, so a
 * web app that never defines a formula ships none of them. The `fractal-trainability/formula`
 * entry (src/formula/entry.ts) installs literal dynamic imports instead, which bundlers split
 * into chunks of their own, loaded on the first formula.
 */
/** mathjs's number-only build. */
export type MathJs = typeof import('mathjs/number');
/** AssemblyScript's compiler API (`asc.main`). */
export type Asc = (typeof import('assemblyscript/asc'))['default'];

/** Loaders of the tools a formula needs. */
export interface FormulaTools {
  /** mathjs's number-only build. */
  mathjs(): Promise<MathJs>;
  /** The compiler. */
  asc(): Promise<Asc>;
  /** The kernel sources assembly/*.ts by file name, for hosts that cannot read the package's files (undefined: read them). */
  sources?(): Promise<Readonly<Record<string, string>>>;
}

/** Not literals: bundlers leave these imports alone (Node resolves them at run time). */
const MATHJS: string = 'mathjs/number';
const ASC: string = 'assemblyscript/asc';

/** What a browser needs to define formulas, for the errors of the default loaders there. */
const BROWSER_HINT = "in a web app, import defineLoss from 'fractal-trainability/formula', which loads mathjs and the compiler as chunks of their own (docs/web.md)";

function nodeImport<T>(specifier: string): Promise<T> {
  return (import(/* @vite-ignore */ /* webpackIgnore: true */ specifier) as Promise<T>).catch((err: unknown) => {
    throw new Error(`formula losses need ${specifier}, which did not load (${err instanceof Error ? err.message : String(err)}); ${BROWSER_HINT}`);
  });
}

let tools: FormulaTools = {
  mathjs: () => nodeImport<MathJs>(MATHJS),
  asc: () => nodeImport<{ default: Asc }>(ASC).then((m) => m.default),
};

/** Installs the loaders (the `fractal-trainability/formula` entry does, once, when imported). */
export function useFormulaTools(loaders: FormulaTools): void {
  tools = loaders;
}

/** The loaders in use. */
export function formulaTools(): FormulaTools {
  return tools;
}
