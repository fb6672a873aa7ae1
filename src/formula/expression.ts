/**
 * Formula texts to AssemblyScript: parsing (mathjs, loaded only when a formula is used), the
 * names a formula may use, the symbolic derivative, and code that evaluates left to right as
 * written, with AssemblyScript's own Math. Errors point at the user's text, never at generated code.
 */
import type { MathNode } from 'mathjs';
import { FormulaError, FUNCTIONS } from './language.js';
import { type MathJs, formulaTools } from './tools.js';

let mathjs: Promise<MathJs> | undefined;

/** mathjs's number-only build (a lighter load than the full library), loaded once when first needed (see tools.ts). */
export function loadMathjs(): Promise<MathJs> {
  if (!mathjs) {
    mathjs = formulaTools().mathjs();
    mathjs.catch(() => { mathjs = undefined; });
  }
  return mathjs;
}

/**
 * One-argument functions a formula may call, as AssemblyScript (`#0` is the argument), and as a
 * one-vector f64x2 template of src/lr/simd-source.ts when it has a lane-exact one (sin and cos go
 * through the zipped sincos; `sec` and `sech` are 1/cos and 1/cosh of the shared call).
 */
const UNARY: Readonly<Record<string, { readonly scalar: string; readonly vector?: string }>> = {
  sin: { scalar: 'Math.sin(#0)' }, cos: { scalar: 'Math.cos(#0)' }, tan: { scalar: 'Math.tan(#0)' },
  exp: { scalar: 'Math.exp(#0)' }, log: { scalar: 'Math.log(#0)' },
  sqrt: { scalar: 'Math.sqrt(#0)', vector: 'f64x2.sqrt(#0)' }, abs: { scalar: 'Math.abs(#0)', vector: 'f64x2.abs(#0)' },
  tanh: { scalar: 'Math.tanh(#0)' }, sinh: { scalar: 'Math.sinh(#0)' }, cosh: { scalar: 'Math.cosh(#0)' },
  // AssemblyScript's Math.sign: select(1, select(-1, x, x < 0), x > 0)
  sign: { scalar: 'Math.sign(#0)', vector: 'v128.bitselect(#1, v128.bitselect(#-1, #0, f64x2.lt(#0, #z)), f64x2.gt(#0, #z))' },
};
/** Binary operators, as AssemblyScript and as f64x2 operations. */
const BINARY: Readonly<Record<string, readonly [string, string]>> = {
  add: ['+', 'f64x2.add'], subtract: ['-', 'f64x2.sub'], multiply: ['*', 'f64x2.mul'], divide: ['/', 'f64x2.div'],
};
/** A coordinate named explicitly in a d-dimensional formula: `x1`, `x2`, ... */
const COORDINATE = /^x([1-9][0-9]*)$/;
/** Highest coordinate a formula may name explicitly (larger dimensions sum over their coordinates). */
const MAX_EXPLICIT_DIM = 64;
/** Largest integer exponent written as a product (`u^n` for 2 <= n <= this is u*u*...*u, left to right). */
export const MAX_PRODUCT_POWER = 16;

/** The first column where `name` occurs as a whole word in `text` (0 if nowhere). */
function columnOf(text: string, name: string): number {
  const m = new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[^A-Za-z0-9_]/g, '\\$&')}(?![A-Za-z0-9_])`).exec(text);
  return m ? m.index + m[1].length + 1 : 0;
}

/** Parses one formula; throws a FormulaError naming the column and what was expected. */
export async function parseFormula(field: string, text: string): Promise<MathNode> {
  const m = await loadMathjs();
  try {
    return m.parse(text);
  } catch (err) {
    const e = err as { message?: string; char?: number };
    const message = String(e.message ?? err).replace(/\s*\(char \d+\)\s*$/, '');
    throw new FormulaError(field, text, message.charAt(0).toLowerCase() + message.slice(1), typeof e.char === 'number' ? e.char : 0);
  }
}

/** The derivative of a parsed loss in x, simplified (mathjs `derivative`), as text; a FormulaError when mathjs cannot differentiate it. */
export async function deriveGradient(text: string, node: MathNode): Promise<string> {
  const m = await loadMathjs();
  try {
    return m.derivative(node, 'x').toString();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new FormulaError('loss', text, `cannot be differentiated symbolically (${message}); give the gradient`, 0);
  }
}

/**
 * The derivative of a parsed d-dimensional loss in coordinate x_i, as text: the loss is a function
 * F of its sums S_k = sum(g_k(x_i)), so dF/dx_i = sum over k of dF/dS_k * g_k'(x_i) (mathjs
 * `derivative` for both factors, each simplified).
 */
export async function deriveGradientND(text: string, node: MathNode): Promise<string> {
  const m = await loadMathjs();
  try {
    const bodies: MathNode[] = [];
    const outer = node.transform((n: MathNode) => {
      if (n.type !== 'FunctionNode' || (n as unknown as { fn: { name?: string } }).fn.name !== 'sum') return n;
      bodies.push((n as unknown as { args: MathNode[] }).args[0]);
      return m.parse(`__sum${bodies.length - 1}`);
    });
    const back = (t: string) => t.replace(/__sum(\d+)/g, (_, k: string) => `sum(${bodies[Number(k)].toString()})`);
    const terms: string[] = [];
    bodies.forEach((body, k) => {
      const outerPart = m.derivative(outer, `__sum${k}`).toString();
      const inner = m.derivative(body, 'x_i').toString();
      if (outerPart === '0' || inner === '0') return;
      terms.push(outerPart === '1' ? inner : `(${back(outerPart)}) * (${inner})`);
    });
    return terms.length ? terms.join(' + ') : '0';
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new FormulaError('loss', text, `cannot be differentiated symbolically (${message}); give the gradient`, 0);
  }
}

/** The gradient of a parsed loss in the coordinates x1 .. x`dim`, as text: its `dim` components (mathjs `derivative`, simplified), separated by `;`. */
export async function deriveGradientExplicit(text: string, node: MathNode, dim: number): Promise<string> {
  const m = await loadMathjs();
  try {
    return Array.from({ length: dim }, (_, j) => m.derivative(node, `x${j + 1}`).toString()).join('; ');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new FormulaError('loss', text, `cannot be differentiated symbolically (${message}); give the gradient`, 0);
  }
}

/** The components of a parsed gradient: the statements of `a; b; c`, or the one expression. */
export function components(node: MathNode): MathNode[] {
  return node.type === 'BlockNode' ? (node as unknown as { blocks: { node: MathNode }[] }).blocks.map((b) => b.node) : [node];
}

/** A literal f64 that AssemblyScript reads back as exactly `v`. */
function literal(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
  const s = String(v);
  const f = /[.eE]/.test(s) ? s : `${s}.0`;
  return v < 0 || Object.is(v, -0) ? `(${f})` : f;
}

/** One translated expression: its scalar AssemblyScript, and its one-vector f64x2 template (undefined: none is lane-exact). */
interface Code { readonly s: string; readonly v?: string }

/** A function a formula calls that has no lane-exact SIMD form, and where. */
export interface ScalarOnly { readonly field: string; readonly name: string; readonly column: number }

/**
 * Shared translation state: the calls of the loss and of the gradient, and their compound
 * arguments, are computed once per iterate into temporaries `t0, t1, ...` (in `prepare1D`), in
 * the order first met (inner ones first). An expression evaluates to the same double wherever it
 * is evaluated, so sharing changes no bit; it saves, for one, the second phase of `cos(a)` and `sin(a)`.
 * Every temporary also has a vector form (the SIMD loop's `tN$`) while the formula stays lane-exact.
 */
export class Translation {
  /** Call code to temporary name. */
  private readonly calls = new Map<string, string>();
  /** `tN = <code>` statements, in evaluation order (see `ordered`). */
  readonly prepare: string[] = [];
  /** Temporaries, in order; `local` ones (call arguments) are used inside `prepare1D` only. */
  readonly temps: { readonly name: string; readonly local: boolean }[] = [];
  /** Vector statements (one-vector templates), in the order of `prepare`; sin and cos as `sincos` of their argument. */
  readonly vector: ({ readonly name: string; readonly code: string } | { readonly name: string; readonly trig: 'sin' | 'cos'; readonly arg: string })[] = [];
  /**
   * Loop invariants of the vector code, computed once before the loop (their vector code to name
   * `F_Kn`): splats of literals and parameters, and operations on invariants only (`2*pi*eps`).
   */
  readonly constants = new Map<string, string>();
  /** The first function met that has no lane-exact SIMD form (then the formula runs on the scalar kernel). */
  scalarOnly: ScalarOnly | undefined;

  /**
   * `names`: the parameters, in the order of their kernel globals `p0, p1, ...` (set by the
   * kernel's `setParam(i, value)`; values are not compiled in, so one module serves every value).
   * `nd`: a d-dimensional formula, with `x_i` and `sum(...)` in place of `x`, and calls evaluated
   * where they stand (per coordinate; no sharing, no vector form).
   */
  constructor(private readonly names: readonly string[], readonly nd = false) {}

  /** d dimensions: the bodies of the sums over coordinates (scalar code in `x`, the coordinate), in order; sum k is `S{k}`. */
  readonly sums: string[] = [];
  /** d dimensions: the highest coordinate named explicitly (`x3`: 3), 0 when none is. */
  coordinates = 0;
  /** d dimensions: whether a gradient names x_i outside a sum (the coordinate whose component it is). */
  component = false;

  /** The invariant named for vector code `code` (of invariants only). */
  private invariant(code: string): string {
    let c = this.constants.get(code);
    if (!c) this.constants.set(code, (c = `F_K${this.constants.size}`));
    return c;
  }

  /** The vector constant for a literal or a parameter. */
  private constant(value: string): string {
    return this.invariant(`f64x2.splat(${value})`);
  }

  /** Vector code `op(args)`: an invariant when every argument is one. */
  private op(op: string, args: readonly string[]): string {
    const code = `${op}(${args.join(', ')})`;
    return args.every((a) => a.startsWith('F_K')) ? this.invariant(code) : code;
  }

  /**
   * The statements of `prepare`, each `sin(a)` moved to just before a `cos(a)` of the same argument
   * (the order the built-in families use; measured 10-20 % faster than cos first). The values do
   * not depend on the order: every statement is a pure function of statements before it.
   */
  ordered(): string[] {
    const out = [...this.prepare];
    for (let i = 0; i < out.length; i++) {
      const cos = /^(t\d+) = Math\.cos\((.*)\);$/.exec(out[i]);
      if (!cos) continue;
      const j = out.findIndex((s, k) => k > i && s.endsWith(` = Math.sin(${cos[2]});`));
      if (j > i) out.splice(i, 0, ...out.splice(j, 1));
    }
    return out;
  }

  /**
   * AssemblyScript for a formula, fully parenthesized so that it evaluates left to right as
   * written, and its vector form (`v`, absent once a function without a lane-exact form is met).
   */
  translate(field: string, text: string, node: MathNode): Code {
    const fail = (problem: string, name?: string): never => {
      throw new FormulaError(field, text, problem, name ? columnOf(text, name) : 0);
    };
    const scalarOnly = (name: string, column = columnOf(text, name)): void => {
      this.scalarOnly ??= { field, name, column };
    };
    /** A temporary for `code` (shared by equal code); `vector` its vector statement. */
    const share = (code: Code, local: boolean, trig?: { fn: 'sin' | 'cos'; arg: string }): Code => {
      if (this.nd) return { s: code.s }; // evaluated where it stands (per coordinate); no vector form
      let t = this.calls.get(code.s);
      if (!t) {
        t = `t${this.temps.length}`;
        this.temps.push({ name: t, local });
        this.calls.set(code.s, t);
        this.prepare.push(`${local ? 'const ' : ''}${t} = ${code.s};`);
        if (trig) this.vector.push({ name: t, trig: trig.fn, arg: trig.arg });
        else if (code.v !== undefined) this.vector.push({ name: t, code: code.v });
      }
      return { s: t, v: code.v === undefined && !trig ? undefined : `${t}$` };
    };
    const simple = (code: string) => code === 'x' || /^t\d+$/.test(code) || /^p\d+$/.test(code) || /^\(?-?[\d.eE+-]+\)?$/.test(code) || code === 'Math.PI';
    const operand = (a: Code, local: boolean): Code => (simple(a.s) ? a : share(a, local));
    const vec = (template: string | undefined, args: readonly Code[]): string | undefined => {
      if (template === undefined || args.some((a) => a.v === undefined)) return undefined;
      const code = args.reduce((c, a, i) => c.replaceAll(`#${i}`, a.v!), template);
      // the constants -1, 1 and 0 of a template (sign), splatted only when it uses them
      return [['#-1', '(-1.0)'], ['#1', '1.0'], ['#z', '0.0']].reduce((c, [mark, lit]) => (c.includes(mark) ? c.replaceAll(mark, this.constant(lit)) : c), code);
    };
    const call = (name: string, template: string, vector: string | undefined, args: Code[], column?: number): Code => {
      const a = args.map((x) => operand(x, true));
      const code = { s: a.reduce((c, x, i) => c.replace(`#${i}`, x.s), template), v: vec(vector, a) };
      if (name === 'sin' || name === 'cos') {
        return a[0].v === undefined ? share({ s: code.s }, false) : share(code, false, { fn: name, arg: a[0].v });
      }
      if (vector === undefined) scalarOnly(name, column);
      return share(code, false);
    };
    const power = (base: Code, exponent: MathNode, args: Code[], name: string): Code => {
      const e = exponent.type === 'ConstantNode' ? (exponent as unknown as { value: unknown }).value : undefined;
      if (typeof e === 'number' && Number.isInteger(e) && e >= 2 && e <= MAX_PRODUCT_POWER) {
        if (e === 2) return { s: `sq(${base.s})`, v: base.v === undefined ? undefined : this.op('f64x2.mul', [base.v, base.v]) };
        const b = operand(base, false);
        let p: Code = b;
        for (let i = 1; i < e; i++) p = { s: `(${p.s} * ${b.s})`, v: p.v === undefined ? undefined : this.op('f64x2.mul', [p.v, b.v!]) };
        return p;
      }
      // where: `^` before this exponent (the first `^` when it cannot be found), or the name pow
      const shown = exponent.type === 'ConstantNode' ? String(e) : undefined;
      const at = name === '^' ? (shown === undefined ? -1 : text.search(new RegExp(`\\^\\s*\\(?\\s*${shown.replace(/[.+-]/g, '\\$&')}(?![0-9.])`))) : -1;
      return call(name, 'Math.pow(#0, #1)', undefined, args, name === '^' ? (at >= 0 ? at : text.indexOf('^')) + 1 : undefined);
    };
    let depth = 0; // sums around the node being walked
    const sum = (args: MathNode[]): Code => {
      if (!this.nd) return fail('sum(...) sums over the coordinates of a d-dimensional loss; give dim > 1 (with x_i for the coordinate)', 'sum');
      if (args.length !== 1) return fail(`sum takes 1 argument (an expression in x_i); got ${args.length}`, 'sum');
      if (depth > 0) return fail('sums cannot be nested', 'sum');
      depth++;
      const body = walk(args[0]).s;
      depth--;
      let k = this.sums.indexOf(body);
      if (k < 0) k = this.sums.push(body) - 1;
      return { s: `S${k}` };
    };
    const walk = (n: MathNode): Code => {
      switch (n.type) {
        case 'ConstantNode': {
          const v = (n as unknown as { value: unknown }).value;
          if (typeof v !== 'number') return fail(`only numbers are allowed as constants; got ${JSON.stringify(v)}`);
          if (!Number.isFinite(v)) return fail(`a number beyond the doubles (it reads as ${v}); write a finite one`);
          const lit = literal(v);
          return { s: lit, v: this.constant(lit) };
        }
        case 'SymbolNode': {
          const name = (n as unknown as { name: string }).name;
          if (this.nd && name === 'x_i') {
            if (field === 'loss' && depth === 0) return fail('x_i stands for a coordinate inside sum(...) only (the loss is a function of sums over the coordinates)', name);
            if (depth === 0) this.component = true;
            return { s: 'x' };
          }
          if (this.nd && name === 'x') return fail('a d-dimensional formula names the coordinates x1, x2, ... or, inside sum(...), x_i (x is for dim 1)', name);
          const coordinate = this.nd ? COORDINATE.exec(name) : null;
          if (coordinate) {
            const k = Number(coordinate[1]);
            if (depth > 0) return fail(`${name} inside sum(...): the terms of a sum are in x_i`, name);
            if (k > MAX_EXPLICIT_DIM) return fail(`coordinates are named up to x${MAX_EXPLICIT_DIM} (sum over them beyond); got ${name}`, name);
            this.coordinates = Math.max(this.coordinates, k);
            return { s: `X${k}` };
          }
          if (name === 'x') return { s: 'x', v: 'x$' };
          const p = this.names.indexOf(name);
          if (p >= 0) return { s: `p${p}`, v: this.constant(`p${p}`) };
          if (name === 'pi') return { s: 'Math.PI', v: this.constant('Math.PI') };
          return fail(`unknown name "${name}" (use x, pi, or a parameter given in params${this.names.length ? `: ${this.names.join(', ')}` : ''})`, name);
        }
        case 'ParenthesisNode': return walk((n as unknown as { content: MathNode }).content);
        case 'OperatorNode': {
          const o = n as unknown as { fn: string; op: string; args: MathNode[] };
          const args = o.args.map(walk);
          if (o.fn === 'unaryMinus') return { s: `(-${args[0].s})`, v: args[0].v === undefined ? undefined : this.op('f64x2.neg', [args[0].v]) };
          if (o.fn === 'unaryPlus') return args[0];
          if (o.fn === 'pow') return power(args[0], o.args[1], args, '^');
          const op = BINARY[o.fn];
          if (!op) return fail(`operator "${o.op}" is not supported (use + - * / ^)`, o.op);
          return args.reduce((a, b) => ({ s: `(${a.s} ${op[0]} ${b.s})`, v: a.v === undefined || b.v === undefined ? undefined : this.op(op[1], [a.v, b.v]) }));
        }
        case 'FunctionNode': {
          const f = n as unknown as { fn: { name?: string }; args: MathNode[] };
          const name = f.fn.name ?? '?';
          if (name === 'sum') return sum(f.args);
          const args = f.args.map(walk);
          if (name === 'pow') {
            if (args.length !== 2) return fail(`pow takes 2 arguments; got ${args.length}`, name);
            return power(args[0], f.args[1], args, name);
          }
          if (name === 'sec' || name === 'sech') {
            if (args.length !== 1) return fail(`${name} takes 1 argument; got ${args.length}`, name);
            const c = call(name === 'sec' ? 'cos' : name, name === 'sec' ? 'Math.cos(#0)' : 'Math.cosh(#0)', undefined, args);
            return { s: `(1.0 / ${c.s})`, v: c.v === undefined ? undefined : this.op('f64x2.div', [this.constant('1.0'), c.v]) };
          }
          const code = UNARY[name];
          if (!code) return fail(`unknown function "${name}" (use ${FUNCTIONS.join(', ')})`, name);
          if (args.length !== 1) return fail(`${name} takes 1 argument; got ${args.length}`, name);
          return call(name, code.scalar, code.vector, args);
        }
        default:
          return fail(`${n.type.replace(/Node$/, '').toLowerCase()} expressions are not supported (a formula is an expression in x)`);
      }
    };
    return walk(node);
  }
}
