// Test entry for assembly/trig.ts (compiled by test/trig.test.ts).
// Each function reads `n` f64 inputs at `inp` and writes f64 results to the given output arrays,
// so the host can compare scalar Math.sin / Math.cos with the SIMD lanes bit for bit.
import { sincos4, SIN_A, COS_A, SIN_B, COS_B } from "../../assembly/trig";
import {
  sincosZip8, sincosZip4, SIN_0, COS_0, SIN_1, COS_1, SIN_2, COS_2, SIN_3, COS_3, SIN_4, COS_4, SIN_5, COS_5,
  SIN_6, COS_6, SIN_7, COS_7,
} from "../../assembly/simd-1d";

/** Allocates `bytes` bytes (16-byte aligned) in linear memory. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/** Scalar reference: outSin[i] = Math.sin(inp[i]), outCos[i] = Math.cos(inp[i]). */
export function scalarSinCos(inp: usize, n: i32, outSin: usize, outCos: usize): void {
  for (let i = 0; i < n; i++) {
    let off = <usize>i << 3;
    let x = load<f64>(inp + off);
    store<f64>(outSin + off, Math.sin(x));
    store<f64>(outCos + off, Math.cos(x));
  }
}

/**
 * sincos4 on consecutive quadruples: a = (inp[4k], inp[4k + 1]), b = (inp[4k + 2], inp[4k + 3]),
 * results in input order; n must be a multiple of 4.
 */
export function simdGrouped(inp: usize, n: i32, outSin: usize, outCos: usize): void {
  for (let i = 0; i + 3 < n; i += 4) {
    let off = <usize>i << 3;
    sincos4(v128.load(inp + off), v128.load(inp + off, 16));
    v128.store(outSin + off, SIN_A);
    v128.store(outSin + off, SIN_B, 16);
    v128.store(outCos + off, COS_A);
    v128.store(outCos + off, COS_B, 16);
  }
}

/** Index of the input in lane `l` of call i: i itself in lane 0, (i * M_l) % n in the others. */
// @ts-ignore: decorator
@inline function pick(i: i32, n: i32, m: u64): usize {
  return <usize>((<u64>i * m) % <u64>n) << 3;
}

/**
 * sincos4 on shuffled quadruples: call i has a = (inp[i], inp[j1]), b = (inp[j2], inp[j3]) with
 * j1 = (i * 7919) % n, j2 = (i * 104729) % n, j3 = (i * 15485863) % n. The sin of lane l goes
 * to `out + 8 * (4 * i + l)`, its cos to `out + 8 * (4 * n + 4 * i + l)` (8 n f64 in all).
 */
export function simdShuffled(inp: usize, n: i32, out: usize): void {
  for (let i = 0; i < n; i++) {
    let a = f64x2.replace_lane(f64x2.splat(load<f64>(inp + (<usize>i << 3))), 1, load<f64>(inp + pick(i, n, 7919)));
    let b = f64x2.replace_lane(f64x2.splat(load<f64>(inp + pick(i, n, 104729))), 1, load<f64>(inp + pick(i, n, 15485863)));
    sincos4(a, b);
    let s = out + (<usize>i << 5);
    let c = s + (<usize>n << 5);
    v128.store(s, SIN_A);
    v128.store(s, SIN_B, 16);
    v128.store(c, COS_A);
    v128.store(c, COS_B, 16);
  }
}

/** The 1D loop's sincosZip8 (assembly/simd-1d.ts) on consecutive groups of 16; n a multiple of 16. */
export function zipGrouped8(inp: usize, n: i32, outSin: usize, outCos: usize): void {
  for (let i = 0; i + 15 < n; i += 16) {
    const p = inp + (<usize>i << 3);
    sincosZip8(v128.load(p), v128.load(p, 16), v128.load(p, 32), v128.load(p, 48),
      v128.load(p, 64), v128.load(p, 80), v128.load(p, 96), v128.load(p, 112));
    const s = outSin + (<usize>i << 3);
    const c = outCos + (<usize>i << 3);
    v128.store(s, SIN_0); v128.store(s, SIN_1, 16); v128.store(s, SIN_2, 32); v128.store(s, SIN_3, 48);
    v128.store(s, SIN_4, 64); v128.store(s, SIN_5, 80); v128.store(s, SIN_6, 96); v128.store(s, SIN_7, 112);
    v128.store(c, COS_0); v128.store(c, COS_1, 16); v128.store(c, COS_2, 32); v128.store(c, COS_3, 48);
    v128.store(c, COS_4, 64); v128.store(c, COS_5, 80); v128.store(c, COS_6, 96); v128.store(c, COS_7, 112);
  }
}

/** The multiplicative 1D loop's sincosZip4 on consecutive groups of 8; n a multiple of 8. */
export function zipGrouped4(inp: usize, n: i32, outSin: usize, outCos: usize): void {
  for (let i = 0; i + 7 < n; i += 8) {
    const p = inp + (<usize>i << 3);
    sincosZip4(v128.load(p), v128.load(p, 16), v128.load(p, 32), v128.load(p, 48));
    const s = outSin + (<usize>i << 3);
    const c = outCos + (<usize>i << 3);
    v128.store(s, SIN_0); v128.store(s, SIN_1, 16); v128.store(s, SIN_2, 32); v128.store(s, SIN_3, 48);
    v128.store(c, COS_0); v128.store(c, COS_1, 16); v128.store(c, COS_2, 32); v128.store(c, COS_3, 48);
  }
}
