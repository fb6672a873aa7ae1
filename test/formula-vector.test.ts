// The section of assembly/vector-1d.ts a formula generates for the optimizers' SIMD loop (the
// contract: `lossGrad4(a, b)` and `grad4(a, b)`, results in LOSS_A/B and GRAD_A/B, every lane bit for
// bit the scalar `prepare1D(x); loss1D(x); grad1D(x)`). The optimizers' vector-1d.ts lives on
// another branch; here a minimal module with the same header and marker lines stands in for it.
import { describe, expect, it } from 'vitest';
import asc from 'assemblyscript/asc';
import { readFileSync } from 'node:fs';
import { familiesSource } from '../dist/formula/source.js';
import { formulaShape } from '../dist/formula/descriptor.js';
import { vector1DSource } from '../dist/formula/simd.js';
import { defineLoss, type FormulaSpec } from '../dist/index.js';
import { rng } from './helpers.js';

const ASSEMBLY = new URL('../assembly/', import.meta.url);


/** Compares both vector functions with the scalar families at 4 * k inputs; returns the mismatching lanes. */
const CHECK = `import { prepare1D, loss1D, grad1D } from "./families";
import { lossGrad4, grad4, LOSS_A, LOSS_B, GRAD_A, GRAD_B } from "./vector-1d";
export { setParam } from "./families";
const OUT = memory.data(64, 16);
export const INPUT = memory.data(8 * 4096, 16);
export function inputPtr(): usize { return INPUT; }
export function check(n: i32): i32 {
  let bad = 0;
  for (let i = 0; i < n; i += 4) {
    const p = INPUT + (<usize>i << 3);
    lossGrad4(v128.load(p), v128.load(p, 16));
    v128.store(OUT, LOSS_A); v128.store(OUT, LOSS_B, 16); v128.store(OUT, GRAD_A, 32); v128.store(OUT, GRAD_B, 48);
    grad4(v128.load(p), v128.load(p, 16));
    const g2a = GRAD_A, g2b = GRAD_B;
    for (let l = 0; l < 4; l++) {
      const x = load<f64>(p + (<usize>l << 3));
      prepare1D(x);
      const f = loss1D(x);
      const g = grad1D(x);
      const o = <usize>l << 3;
      const g2 = l < 2 ? (l == 0 ? f64x2.extract_lane(g2a, 0) : f64x2.extract_lane(g2a, 1)) : (l == 2 ? f64x2.extract_lane(g2b, 0) : f64x2.extract_lane(g2b, 1));
      if (reinterpret<u64>(load<f64>(OUT + o)) != reinterpret<u64>(f) && !(isNaN(f) && isNaN(load<f64>(OUT + o)))) bad++;
      else if (reinterpret<u64>(load<f64>(OUT + 32 + o)) != reinterpret<u64>(g) && !(isNaN(g) && isNaN(load<f64>(OUT + 32 + o)))) bad++;
      else if (reinterpret<u64>(g2) != reinterpret<u64>(g) && !(isNaN(g) && isNaN(g2))) bad++;
    }
  }
  return bad;
}
`;

async function build(spec: FormulaSpec): Promise<WebAssembly.Instance & { exports: Record<string, CallableFunction> & { memory: WebAssembly.Memory } }> {
  const shape = formulaShape(await defineLoss(spec));
  const files = new Map<string, string>([
    ['families.ts', await familiesSource(readFileSync(new URL('families.ts', ASSEMBLY), 'utf8'), shape)],
    ['vector-1d.ts', await vector1DSource(readFileSync(new URL('vector-1d.ts', ASSEMBLY), 'utf8'), shape)], // the shipped module, as a formula's SIMD build compiles it
    ['check.ts', CHECK],
  ]);
  let wasm: Uint8Array | undefined;
  const { error, stderr } = await asc.main(['check.ts', '--runtime', 'stub', '-O0', '--noAssert', '--enable', 'simd', '--outFile', 'check.wasm'], {
    readFile: (name: string) => {
      const n = name.replace(/^\.\//, '');
      if (files.has(n)) return files.get(n)!;
      if (n === 'asconfig.json' || n.includes('/')) return null;
      try {
        return readFileSync(new URL(n, ASSEMBLY), 'utf8');
      } catch {
        return null;
      }
    },
    writeFile: (name: string, contents: Uint8Array | string) => {
      if (name.endsWith('.wasm') && typeof contents !== 'string') wasm = contents;
    },
    listFiles: () => [],
  });
  if (error || !wasm) throw new Error(`${error?.message}\n${stderr.toString()}`);
  const { instance } = await WebAssembly.instantiate(wasm, {});
  return instance as never;
}

const CASES: [string, FormulaSpec][] = [
  ['no parameters', { loss: 'x^2 + 0.1*cos(x/0.03)' }],
  ['Fig. 2a', { loss: 'x^2 + eps*cos(2*pi*x/lambda)', gradient: '2*x - 2*pi*eps*sin(2*pi*x/lambda)/lambda', params: { eps: 0.2, lambda: 0.1 } }],
  ['sqrt, abs, sign, powers, two phases', {
    loss: 'sqrt(1 + x^2) + eps*abs(sin(2*pi*x/lambda)) + x^3/30 + 0.01*cos(x/7)',
    gradient: 'x/sqrt(1 + x^2) + 2*pi*eps*sign(sin(2*pi*x/lambda))*cos(2*pi*x/lambda)/lambda + x^2/10 - 0.01*sin(x/7)/7',
    params: { eps: 0.05, lambda: 0.1 },
  }],
];

describe('the vector-1d.ts section of a formula', () => {
  for (const [name, spec] of CASES) {
    it(`${name}: lossGrad4 and grad4 lane for lane equal the scalar families`, async () => {
      const { exports: e } = await build(spec);
      Object.keys(spec.params ?? {}).sort().forEach((k, i) => e.setParam(i, spec.params![k]));
      const input = new Float64Array(e.memory.buffer, Number(e.inputPtr()), 4096);
      const r = rng(7);
      for (let i = 0; i < 4096; i++) {
        const kind = i % 8;
        input[i] = kind < 4 ? (r() - 0.5) * 4 : kind === 4 ? (r() - 0.5) * 1e7 : kind === 5 ? (r() - 0.5) * 1e-9 : kind === 6 ? (r() - 0.5) * 1e300 : [0, -0, Infinity, NaN][i % 32 >> 3];
      }
      expect(e.check(4096)).toBe(0);
    });
  }
});
