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

/** One-argument functions a formula may call, as AssemblyScript (`#0` is the argument). */
const UNARY: Readonly<Record<string, string>> = {
  sin: 'Math.sin(#0)', cos: 'Math.cos(#0)', tan: 'Math.tan(#0)', exp: 'Math.exp(#0)', log: 'Math.log(#0)',
  sqrt: 'Math.sqrt(#0)', abs: 'Math.abs(#0)', tanh: 'Math.tanh(#0)', sinh: 'Math.sinh(#0)', cosh: 'Math.cosh(#0)',
  sech: '(1.0 / Math.cosh(#0))', sec: '(1.0 / Math.cos(#0))', sign: 'Math.sign(#0)',
};
/** Binary operators, as AssemblyScript. */
const BINARY: Readonly<Record<string, string>> = { add: '+', subtract: '-', multiply: '*', divide: '/' };

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

/** A literal f64 that AssemblyScript reads back as exactly `v`. */
function literal(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
  const s = String(v);
  const f = /[.eE]/.test(s) ? s : `${s}.0`;
  return v < 0 || Object.is(v, -0) ? `(${f})` : f;
}

/**
 * Shared translation state: the calls of the loss and of the gradient, and their compound
 * arguments, are computed once per iterate into temporaries `t0, t1, ...` (in `prepare1D`), in
 * the order first met (inner ones first). An expression evaluates to the same double wherever it
 * is evaluated, so sharing changes no bit; it saves, for one, the second phase of `cos(a)` and `sin(a)`.
 */
export class Translation {
  /** Call code to temporary name. */
  private readonly calls = new Map<string, string>();
  /** `tN = <code>` statements, in evaluation order (see `ordered`). */
  readonly prepare: string[] = [];
  /** Temporaries, in order; `local` ones (call arguments) are used inside `prepare1D` only. */
  readonly temps: { readonly name: string; readonly local: boolean }[] = [];

  /**
   * `names`: the parameters, in the order of their kernel globals `p0, p1, ...` (set by the
   * kernel's `setParam(i, value)`; values are not compiled in, so one module serves every value).
   */
  constructor(private readonly names: readonly string[]) {}

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

  /** AssemblyScript for a formula, fully parenthesized so that it evaluates left to right as written. */
  translate(field: string, text: string, node: MathNode): string {
    const fail = (problem: string, name?: string): never => {
      throw new FormulaError(field, text, problem, name ? columnOf(text, name) : 0);
    };
    const share = (code: string, local: boolean): string => {
      let t = this.calls.get(code);
      if (!t) {
        t = `t${this.temps.length}`;
        this.temps.push({ name: t, local });
        this.calls.set(code, t);
        this.prepare.push(`${local ? 'const ' : ''}${t} = ${code};`);
      }
      return t;
    };
    const simple = (code: string) => code === 'x' || /^t\d+$/.test(code) || /^p\d+$/.test(code) || /^\(?-?[\d.eE+-]+\)?$/.test(code) || code === 'Math.PI';
    const call = (template: string, args: string[]): string =>
      share(args.reduce((code, a, i) => code.replace(`#${i}`, simple(a) ? a : share(a, true)), template), false);
    const walk = (n: MathNode): string => {
      switch (n.type) {
        case 'ConstantNode': {
          const v = (n as unknown as { value: unknown }).value;
          if (typeof v !== 'number') return fail(`only numbers are allowed as constants; got ${JSON.stringify(v)}`);
          return literal(v);
        }
        case 'SymbolNode': {
          const name = (n as unknown as { name: string }).name;
          if (name === 'x') return 'x';
          const p = this.names.indexOf(name);
          if (p >= 0) return `p${p}`;
          if (name === 'pi') return 'Math.PI';
          return fail(`unknown name "${name}" (use x, pi, or a parameter given in params${this.names.length ? `: ${this.names.join(', ')}` : ''})`, name);
        }
        case 'ParenthesisNode': return walk((n as unknown as { content: MathNode }).content);
        case 'OperatorNode': {
          const o = n as unknown as { fn: string; op: string; args: MathNode[] };
          const args = o.args.map(walk);
          if (o.fn === 'unaryMinus') return `(-${args[0]})`;
          if (o.fn === 'unaryPlus') return args[0];
          if (o.fn === 'pow') {
            const e = o.args[1];
            const two = e.type === 'ConstantNode' && (e as unknown as { value: unknown }).value === 2;
            return two ? `sq(${args[0]})` : call('Math.pow(#0, #1)', args);
          }
          const op = BINARY[o.fn];
          if (!op) return fail(`operator "${o.op}" is not supported (use + - * / ^)`, o.op);
          return args.reduce((a, b) => `(${a} ${op} ${b})`);
        }
        case 'FunctionNode': {
          const f = n as unknown as { fn: { name?: string }; args: MathNode[] };
          const name = f.fn.name ?? '?';
          const args = f.args.map(walk);
          if (name === 'pow') {
            if (args.length !== 2) return fail(`pow takes 2 arguments; got ${args.length}`, name);
            return call('Math.pow(#0, #1)', args);
          }
          const code = UNARY[name];
          if (!code) return fail(`unknown function "${name}" (use ${FUNCTIONS.join(', ')})`, name);
          if (args.length !== 1) return fail(`${name} takes 1 argument; got ${args.length}`, name);
          return call(code, args);
        }
        default:
          return fail(`${n.type.replace(/Node$/, '').toLowerCase()} expressions are not supported (a formula is an expression in x)`);
      }
    };
    return walk(node);
  }
}
