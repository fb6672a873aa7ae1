/** Shared test helpers: a seeded PRNG and boundary counting from classes, written the obvious way. */

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** |B_{2^k}| for k = 0..n straight from the definition (docs/semantics.md section 3). */
export function countsFromClasses(divergent: Uint8Array, levels: number): number[] {
  const out: number[] = [];
  for (let k = 0; k <= levels; k++) {
    const s = 2 ** (levels - k);
    let c = 0;
    for (let j = 0; j < 2 ** k; j++) if (divergent[j * s] !== divergent[(j + 1) * s]) c++;
    out.push(c);
  }
  return out;
}
