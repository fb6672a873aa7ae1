// Test entry for assembly/trig.ts (compiled by test/trig.test.ts).
// Each function reads `n` f64 inputs at `inp` and writes f64 results to the given output arrays,
// so the host can compare scalar Math.sin / Math.cos with the SIMD lanes bit for bit.
import { sincos2, sin2, cos2, SIN2, COS2 } from "../../assembly/trig";

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

/** sincos2 on consecutive pairs: lanes (inp[2k], inp[2k + 1]); an odd tail pairs with inp[0]. */
export function simdGrouped(inp: usize, n: i32, outSin: usize, outCos: usize): void {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    let off = <usize>i << 3;
    sincos2(v128.load(inp + off));
    v128.store(outSin + off, SIN2);
    v128.store(outCos + off, COS2);
  }
  if (i < n) {
    let off = <usize>i << 3;
    sincos2(f64x2.replace_lane(f64x2.splat(load<f64>(inp)), 0, load<f64>(inp + off)));
    store<f64>(outSin + off, f64x2.extract_lane(SIN2, 0));
    store<f64>(outCos + off, f64x2.extract_lane(COS2, 0));
  }
}

/**
 * sincos2 on shuffled pairs: lane 0 = inp[i], lane 1 = inp[j] with j = (i * 7919) % n.
 * Lane 0 results go to outSin0[i] / outCos0[i], lane 1 results (for inp[j]) to outSin1[i] / outCos1[i].
 */
export function simdPaired(
  inp: usize, n: i32, outSin0: usize, outCos0: usize, outSin1: usize, outCos1: usize
): void {
  for (let i = 0; i < n; i++) {
    let j = <i32>((<u64>i * 7919) % <u64>n);
    let off = <usize>i << 3;
    let x = f64x2.replace_lane(f64x2.splat(load<f64>(inp + off)), 1, load<f64>(inp + (<usize>j << 3)));
    sincos2(x);
    store<f64>(outSin0 + off, f64x2.extract_lane(SIN2, 0));
    store<f64>(outCos0 + off, f64x2.extract_lane(COS2, 0));
    store<f64>(outSin1 + off, f64x2.extract_lane(SIN2, 1));
    store<f64>(outCos1 + off, f64x2.extract_lane(COS2, 1));
  }
}

/** sin2 / cos2 wrappers on swapped consecutive pairs: lanes (inp[2k + 1], inp[2k]); even n only. */
export function simdWrappersSwapped(inp: usize, n: i32, outSin: usize, outCos: usize): void {
  for (let i = 0; i + 1 < n; i += 2) {
    let off = <usize>i << 3;
    let x = v128.shuffle<f64>(v128.load(inp + off), v128.load(inp + off), 1, 0);
    let s = sin2(x);
    let c = cos2(x);
    v128.store(outSin + off, v128.shuffle<f64>(s, s, 1, 0));
    v128.store(outCos + off, v128.shuffle<f64>(c, c, 1, 0));
  }
}
