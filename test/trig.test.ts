// Bit-exactness of assembly/trig.ts (sincos4: sin/cos of two f64x2 vectors) and of the zipped
// sincosZip8 / sincosZip4 of assembly/simd-1d.ts against
// AssemblyScript's scalar Math.sin / Math.cos, whose values stay in [-1, 1] for finite arguments.
//
// beforeAll compiles test/assembly/trig-check.ts with the asc API (SIMD, stub runtime; once at -O3
// and once at shrink level 2, since AS's rempio2 differs between them) into build/test/,
// instantiates it, and the tests feed it ~6.4 million targeted and random inputs in chunks. Every
// lane of both vectors must equal the scalar result bit for bit (NaN must map to NaN), both with
// consecutive inputs in the four lanes and with four independently shuffled inputs, so that lanes
// taking different branches of the scalar code meet in one call.
import { beforeAll, describe, expect, it } from 'vitest';
import asc from 'assemblyscript/asc';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = 'test/assembly/trig-check.ts';

interface CheckExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  scalarSinCos(inp: number, n: number, outSin: number, outCos: number): void;
  simdGrouped(inp: number, n: number, outSin: number, outCos: number): void;
  simdShuffled(inp: number, n: number, out: number): void;
  zipGrouped8(inp: number, n: number, outSin: number, outCos: number): void;
  zipGrouped4(inp: number, n: number, outSin: number, outCos: number): void;
}

/** Compiles the check entry with the given optimization arguments and instantiates it. */
async function build(name: string, optArgs: string[]): Promise<CheckExports> {
  const outFile = `build/test/${name}.wasm`;
  let log = '';
  const stream = { write(chunk: string | Uint8Array) { log += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk); } };
  const { error } = await asc.main(
    [ENTRY, '--enable', 'simd', ...optArgs, '--runtime', 'stub', '--outFile', outFile, '--baseDir', ROOT],
    {
      stdout: stream,
      stderr: stream,
      // Ignore the repository's asconfig.json (its entries and options belong to the main kernel).
      readFile: async (file: string, baseDir: string) => {
        if (file === 'asconfig.json') return null;
        try { return await readFile(resolve(baseDir, file), 'utf8'); } catch { return null; }
      },
    },
  );
  if (error) throw new Error(`asc failed: ${error.message}\n${log}`);
  const bytes = await readFile(resolve(ROOT, outFile));
  const { instance } = await WebAssembly.instantiate(bytes, {
    env: { abort: () => { throw new Error('abort called'); } },
  });
  return instance.exports as unknown as CheckExports;
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/** sfc32: small, fast, seeded PRNG returning uint32. */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

/** Growable f64 list with bit-level helpers. */
class Inputs {
  f = new Float64Array(1 << 16);
  u = new Uint32Array(this.f.buffer);
  n = 0;
  counts: Record<string, number> = {};
  private cat = '';

  category(name: string) { this.cat = name; }
  private grow() {
    const f = new Float64Array(this.f.length * 2);
    f.set(this.f);
    this.f = f;
    this.u = new Uint32Array(f.buffer);
  }
  push(x: number) {
    if (this.n === this.f.length) this.grow();
    this.f[this.n++] = x;
    this.counts[this.cat] = (this.counts[this.cat] ?? 0) + 1;
  }
  pushBits(hi: number, lo: number) {
    if (this.n === this.f.length) this.grow();
    this.u[2 * this.n] = lo >>> 0;
    this.u[2 * this.n + 1] = hi >>> 0;
    this.n++;
    this.counts[this.cat] = (this.counts[this.cat] ?? 0) + 1;
  }
  /** Pushes x moved by d units in the last place of its bit pattern (d may be negative). */
  pushUlps(x: number, d: number) {
    f1[0] = x;
    let lo = u1[0] + d;
    let hi = u1[1];
    if (lo > 0xffffffff) { lo -= 0x100000000; hi++; }
    if (lo < 0) { lo += 0x100000000; hi--; }
    this.pushBits(hi, lo);
  }
}
const f1 = new Float64Array(1);
const u1 = new Uint32Array(f1.buffer);

function bitsOf(x: number): [number, number] { f1[0] = x; return [u1[1], u1[0]]; }

/**
 * High words used as thresholds by AS's sin/cos/rempio2 and by musl's sin/cos/__rem_pio2
 * (musl-only ones included: they are natural places for a port to go wrong).
 */
const THRESHOLDS = [
  0x3E46A09E, // cos: |x| < 2^-27 * sqrt(2)
  0x3E500000, // sin: |x| < 2^-26
  0x3FE921FB, // sin/cos: |x| ~<= pi/4
  0x3FF921FB, // rempio2: near pi/2
  0x4002D97C, // rempio2: |x| < 3pi/4
  0x400921FB, // musl: near pi
  0x400F6A7A, // musl: |x| ~<= 5pi/4
  0x4012D97C, // musl: 3pi/2
  0x4015FDBC, // musl: |x| ~<= 7pi/4
  0x401921FB, // musl: near 2pi
  0x401C463B, // musl: |x| ~<= 9pi/4
  0x413921FB, // rempio2: |x| ~< 2^20 * pi/2, Cody-Waite limit
  0x3E400000, // musl sin: 2^-27
  0x3FF00000, 0x40000000, 0x41300000, 0x41400000, // exponent edges around the limits
  0x7FEFFFFF, 0x7FF00000, // largest finite / Inf
];

function makeInputs(): Inputs {
  const rnd = sfc32(0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x7f4a7c15);
  for (let i = 0; i < 20; i++) rnd();
  const uni = () => (rnd() * 2 ** -32) + rnd() * 2 ** -64; // [0, 1), ~53 random bits
  const sign = () => (rnd() & 1 ? -1 : 1);
  const inp = new Inputs();

  inp.category('random |x| in 1e-300..1e10, both signs');
  for (let i = 0; i < 1_000_000; i++) inp.push(sign() * 10 ** (uni() * 310 - 300));

  inp.category('application phases (2*pi*x)/0.1, x in [-1e5, 1e5]');
  for (let i = 0; i < 1_000_000; i++) {
    const x = uni() * 2e5 - 1e5;
    inp.push((2 * Math.PI * x) / 0.1);
  }

  inp.category('application phases, x near 0 and x = k/80 (phase ~ k*pi/4)');
  for (let i = 0; i < 200_000; i++) {
    const x = sign() * 10 ** (-uni() * 14);
    inp.push((2 * Math.PI * x) / 0.1);
  }
  for (let i = 0; i < 200_000; i++) {
    const x = uni() * 2e-3 - 1e-3;
    inp.push((2 * Math.PI * x) / 0.1);
  }
  for (let i = 0; i < 300_000; i++) {
    const k = Math.floor(uni() * 16_000_001) - 8_000_000;
    const x = k * 0.0125;
    inp.push((2 * Math.PI * x) / 0.1);
  }

  inp.category('k*pi/4, |k| <= 1e5, and +-1..3 ulps');
  for (let k = -100_000; k <= 100_000; k++) {
    const x = (k * Math.PI) / 4;
    for (let d = -3; d <= 3; d++) inp.pushUlps(x, d);
  }

  inp.category('k*pi/2 * (1 +- 2^-e), e = 10..52');
  for (let i = 0; i < 12_000; i++) {
    // Small k, then k spread over the Cody-Waite range and beyond (k*pi/2 up to ~3e6).
    const k = i < 200 ? i + 1 : 1 + Math.floor(uni() * 2_000_000);
    const x = (k * Math.PI) / 2;
    const s = sign();
    for (let e = 10; e <= 52; e++) {
      inp.push(s * x * (1 + 2 ** -e));
      inp.push(s * x * (1 - 2 ** -e));
    }
  }

  inp.category('tiny values, subnormals, +-0');
  inp.push(0); inp.push(-0);
  for (let i = 0; i < 100_000; i++) inp.pushBits((rnd() & 0x800fffff) >>> 0, rnd()); // subnormals
  for (let i = 0; i < 100_000; i++) {
    // normals below 2^-26, exponents 1 .. 0x3E5
    const exp = 1 + (rnd() % 0x3e5);
    inp.pushBits(((rnd() & 0x80000000) | (exp << 20) | (rnd() & 0xfffff)) >>> 0, rnd());
  }
  for (const hi of [0x00000000, 0x00100000, 0x000fffff]) {
    for (const lo of [0, 1, 0xffffffff]) { inp.pushBits(hi, lo); inp.pushBits(hi | 0x80000000, lo); }
  }

  inp.category('threshold high words (and +-1..3), low words 0, 1, 0xffffffff, ...');
  for (const h of THRESHOLDS) {
    for (let d = -3; d <= 3; d++) {
      const hi = h + d;
      if (hi < 0 || hi > 0x7fffffff) continue;
      const lows = [0, 1, 2, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, rnd(), rnd(), rnd()];
      for (const lo of lows) { inp.pushBits(hi, lo); inp.pushBits((hi | 0x80000000) >>> 0, lo); }
    }
  }

  inp.category('around the large-argument cutoff 0x413921FB:00000000 and 2^20*pi/2');
  {
    f1[0] = 0; u1[1] = 0x413921fb; u1[0] = 0;
    const cut = f1[0];
    const cut2 = 2 ** 20 * (Math.PI / 2);
    for (let d = -5000; d <= 5000; d++) {
      inp.pushUlps(cut, d); inp.pushUlps(-cut, d);
      inp.pushUlps(cut2, d); inp.pushUlps(-cut2, d);
    }
  }

  inp.category('powers of two (all exponents) and neighbours');
  for (let e = 0; e < 0x7ff; e++) {
    for (const s of [0, 0x80000000]) {
      const hi = (s | (e << 20)) >>> 0;
      inp.pushBits(hi, 0); inp.pushBits(hi, 1); inp.pushBits(hi, 0xffffffff);
      if (e > 0) inp.pushBits((hi - 1) >>> 0, 0xffffffff); // previous double
    }
  }

  inp.category('random bit patterns');
  for (let i = 0; i < 1_000_000; i++) inp.pushBits(rnd(), rnd());

  inp.category('NaN, +-Infinity, +-MAX_VALUE');
  for (const [hi, lo] of [
    [0x7ff00000, 0], [0xfff00000, 0], // +-Inf
    [0x7ff80000, 0], [0xfff80000, 0], [0x7ff00000, 1], [0x7ff7ffff, 0xffffffff], // NaNs
    [0x7fffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x7ff12345, 0x6789abcd],
    [0x7fefffff, 0xffffffff], [0xffefffff, 0xffffffff], // +-MAX_VALUE
  ]) {
    for (let r = 0; r < 8; r++) inp.pushBits(hi, lo);
  }
  inp.push(NaN); inp.push(Infinity); inp.push(-Infinity);

  return inp;
}

// ---------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------

function isNaNBits(hi: number, lo: number): boolean {
  return (hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) | lo) !== 0;
}

function hex(hi: number, lo: number): string {
  return hi.toString(16).padStart(8, '0') + ':' + lo.toString(16).padStart(8, '0');
}

interface Failure { what: string; input: string; expected: string; actual: string }

/**
 * Compares actual[stride * i + lane] with expected[map(i)] bit for bit (NaN == NaN) for i < n;
 * pushes up to a few failures and returns the mismatch count.
 */
function compare(
  what: string, inU: Uint32Array, expU: Uint32Array, actU: Uint32Array, n: number,
  map: ((i: number) => number) | null, stride: number, lane: number, out: Failure[],
): number {
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const k = map ? map(i) : i;
    const a = stride * i + lane;
    const eh = expU[2 * k + 1], el = expU[2 * k];
    const ah = actU[2 * a + 1], al = actU[2 * a];
    if (eh === ah && el === al) continue;
    if (isNaNBits(eh, el) && isNaNBits(ah, al)) continue;
    bad++;
    if (out.length < 20) {
      f1[0] = 0; u1[0] = inU[2 * k]; u1[1] = inU[2 * k + 1];
      out.push({
        what,
        input: `${hex(inU[2 * k + 1], inU[2 * k])} (${f1[0]})`,
        expected: hex(eh, el),
        actual: hex(ah, al),
      });
    }
  }
  return bad;
}

const CHUNK = 1 << 19;
/** Multipliers of simdShuffled's lanes (test/assembly/trig-check.ts): lane l holds input (i * M[l]) % n. */
const SHUFFLE = [1, 7919, 104729, 15485863];
const LANE_NAMES = ['a lane 0', 'a lane 1', 'b lane 0', 'b lane 1'];

/** Runs every SIMD entry on all inputs, chunk by chunk; returns mismatch count and examples. */
function checkAll(m: CheckExports, inp: Inputs): { bad: number; failures: Failure[] } {
  const B = CHUNK * 8;
  const pIn = m.alloc(B);
  const [pS, pC, pGS, pGC] = Array.from({ length: 4 }, () => m.alloc(B));
  const pShuf = m.alloc(8 * B); // sin then cos, four lanes per call
  const view = (p: number, n = CHUNK) => new Uint32Array(m.memory.buffer, p, n * 2);
  const memIn = new Float64Array(m.memory.buffer, pIn, CHUNK);
  const failures: Failure[] = [];
  let bad = 0;

  for (let start = 0; start < inp.n; start += CHUNK) {
    const n = Math.min(CHUNK, inp.n - start);
    memIn.set(inp.f.subarray(start, start + n));
    m.scalarSinCos(pIn, n, pS, pC);
    const n4 = n & ~3; // the grouped entry takes whole quadruples; the shuffled one covers the rest
    m.simdGrouped(pIn, n4, pGS, pGC);
    m.simdShuffled(pIn, n, pShuf);

    const inU = view(pIn), S = view(pS), C = view(pC);
    // docs/semantics.md section 9 relies on |sin|, |cos| <= 1 for every finite argument
    const sinF = new Float64Array(m.memory.buffer, pS, n), cosF = new Float64Array(m.memory.buffer, pC, n);
    for (let i = 0; i < n; i++) {
      if (Number.isFinite(memIn[i]) && !(Math.abs(sinF[i]) <= 1 && Math.abs(cosF[i]) <= 1)) {
        bad++;
        if (failures.length < 20) failures.push({ what: 'scalar |sin| or |cos| above 1', input: String(memIn[i]), expected: '<= 1', actual: `${sinF[i]}, ${cosF[i]}` });
      }
    }
    bad += compare('sincos4 grouped, sin', inU, S, view(pGS), n4, null, 1, 0, failures);
    bad += compare('sincos4 grouped, cos', inU, C, view(pGC), n4, null, 1, 0, failures);
    // the 1D loop's zipped sin/cos over 8 and 4 vectors (assembly/simd-1d.ts), into the grouped buffers
    for (const [zip, size] of [[m.zipGrouped8, 16], [m.zipGrouped4, 8]] as const) {
      const nz = n - (n % size);
      zip(pIn, nz, pGS, pGC);
      bad += compare(`sincosZip${size / 2} grouped, sin`, inU, S, view(pGS), nz, null, 1, 0, failures);
      bad += compare(`sincosZip${size / 2} grouped, cos`, inU, C, view(pGC), nz, null, 1, 0, failures);
    }
    const shufSin = view(pShuf, 4 * n), shufCos = view(pShuf + 32 * n, 4 * n);
    SHUFFLE.forEach((mul, lane) => {
      const map = (i: number) => (i * mul) % n; // exact: i * mul < 2^53
      bad += compare(`sincos4 shuffled ${LANE_NAMES[lane]}, sin`, inU, S, shufSin, n, map, 4, lane, failures);
      bad += compare(`sincos4 shuffled ${LANE_NAMES[lane]}, cos`, inU, C, shufCos, n, map, 4, lane, failures);
    });
  }
  return { bad, failures };
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('assembly/trig.ts: f64x2 sin/cos equal scalar Math.sin/Math.cos bit for bit', () => {
  let o3: CheckExports;
  let oz: CheckExports;
  let inputs: Inputs;

  beforeAll(async () => {
    // -O3 (shrink level 0: rempio2 has the |x| < 3pi/4 special case) and -Oz (shrink level 2:
    // it does not); trig.ts follows ASC_SHRINK_LEVEL the same way, and both must match.
    o3 = await build('trig-check', ['-O3']);
    oz = await build('trig-check-oz', ['--optimizeLevel', '3', '--shrinkLevel', '2']);
    inputs = makeInputs();
  }, 120_000);

  it('has the targeted inputs', () => {
    console.log(`trig inputs: ${inputs.n} total`);
    for (const [k, v] of Object.entries(inputs.counts)) console.log(`  ${String(v).padStart(8)}  ${k}`);
    expect(inputs.n).toBeGreaterThan(5_000_000);
  });

  it('matches at -O3 (grouped and shuffled lanes)', () => {
    const { bad, failures } = checkAll(o3, inputs);
    if (bad) console.error(failures);
    expect(failures).toEqual([]);
    expect(bad).toBe(0);
  }, 120_000);

  it('matches at shrink level 2 (no 3pi/4 special case)', () => {
    const { bad, failures } = checkAll(oz, inputs);
    if (bad) console.error(failures);
    expect(failures).toEqual([]);
    expect(bad).toBe(0);
  }, 120_000);

  it('sanity: the scalar reference is the real Math.sin/Math.cos', () => {
    // Spot values where AS's NativeMath agrees with V8's Math (both correctly rounded here).
    const B = 16 * 8;
    const pIn = o3.alloc(B), pS = o3.alloc(B), pC = o3.alloc(B);
    const xs = [0, -0, 1e-300, 0.5, 1, -2, 3, 100, 1e6];
    new Float64Array(o3.memory.buffer, pIn, xs.length).set(xs);
    o3.scalarSinCos(pIn, xs.length, pS, pC);
    const S = new Float64Array(o3.memory.buffer, pS, xs.length);
    const C = new Float64Array(o3.memory.buffer, pC, xs.length);
    xs.forEach((x, i) => {
      expect(Math.abs(S[i] - Math.sin(x))).toBeLessThanOrEqual(2 ** -52);
      expect(Math.abs(C[i] - Math.cos(x))).toBeLessThanOrEqual(2 ** -52);
    });
    expect(Object.is(S[1], -0)).toBe(true);
  });
});
