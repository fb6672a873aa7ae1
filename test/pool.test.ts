// The worker pool lets go of its workers: idle ones stop after IDLE_SECONDS, so concurrent sweeps do not leave
// a crowd of workers behind, and the threads option is bounded.
import { describe, expect, it } from 'vitest';
import { sweep, additive } from '../dist/index.js';
import { sharedPool, IDLE_SECONDS } from '../dist/runtime/pool.js';

describe('worker pool', () => {
  it(`stops idle workers after ${IDLE_SECONDS} s`, async () => {
    sharedPool().drain();
    const loss = additive({ epsilon: 0.2, lambda: 0.1 });
    await Promise.all(Array.from({ length: 4 }, () => sweep(loss, { levels: 10, threads: 2 })));
    expect(sharedPool().size).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, (IDLE_SECONDS + 1) * 1000));
    expect(sharedPool().size).toBe(0);
  }, 30_000);
  it('refuses more threads than 4 per core (at most 256)', async () => {
    await expect(sweep(additive({ epsilon: 0.2, lambda: 0.1 }), { levels: 4, threads: 1024 })).rejects.toThrow(/threads must be an integer in \[1, \d+\]; got 1024/);
  });
});
