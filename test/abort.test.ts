// Abort returns promptly, memory does not grow with 2^levels, and the package stays usable.
import { describe, expect, it } from 'vitest';
import { sweep, additive, multiplicative } from '../dist/index.js';
import { PUBLISHED_COUNTS } from './published-numbers.js';

describe('abort', () => {
  it.each([1, 2])('a levels-30 counts-only sweep on %i thread(s) reports progress, stays small, and aborts in under a second', async (threads) => {
    const controller = new AbortController();
    let progressCalls = 0;
    let lastDone = 0;
    const rss0 = process.memoryUsage().rss;
    const running = sweep(additive({ epsilon: 0.2, lambda: 0.1 }), {
      levels: 30, threads, signal: controller.signal,
      onProgress: (p) => { progressCalls++; lastDone = p.done; expect(p.total).toBe(2 ** 30 + 1); },
    });
    await new Promise((r) => setTimeout(r, 1500));
    const rss = process.memoryUsage().rss;
    const t0 = performance.now();
    controller.abort(new Error('stop'));
    await expect(running).rejects.toThrow('stop');
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(1000);
    expect(progressCalls).toBeGreaterThan(0);
    expect(lastDone).toBeGreaterThan(0);
    expect(rss - rss0).toBeLessThan(200 * 2 ** 20);
    const r = await sweep(multiplicative({ epsilon: 0.2, lambda: 0.1 }), { levels: 16, threads });
    expect(r.boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2b);
  });
  it('rejects at once when the signal is already aborted', async () => {
    await expect(sweep(additive({ epsilon: 0.2, lambda: 0.1 }), { signal: AbortSignal.abort(new Error('early')) }))
      .rejects.toThrow('early');
  });
});
