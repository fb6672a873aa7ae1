// Sohl-Dickstein's deepest windows: each rendered at 64 x 64 with 1000 steps holds both classes
// and an edge. The cheap one (N = 1) always runs; all six run with NN_WINDOWS=1 (minutes: four
// of them train 4096 networks on 272 points for 1000 steps).
import { describe, expect, it } from 'vitest';
import { twoLayerNetwork, networkMap, networkEdges, SD_CONFIGURATIONS } from '../dist/index.js';

const all = process.env.NN_WINDOWS === '1';

describe('his deepest windows at 64 x 64, 1000 steps', () => {
  for (const c of SD_CONFIGURATIONS) {
    const cheap = c.id === 'sd-dataset-1';
    // With nonFinite 'nan' (his line evaluated literally) an overflowing loss makes the pixel NaN, NaN forms no
    // edge, and the deep-linear and ReLU windows have no finite diverged pixel at 64 x 64 (docs/nn.md).
    it.skipIf(!cheap && !all)(`${c.id} holds both classes and an edge`, async () => {
      const net = twoLayerNetwork(c.network);
      const map = await networkMap(net, { axes: c.axes, x: c.window.x, y: c.window.y, resolution: 64, steps: 1000, nonFinite: 'max' });
      const converged = map.converged.reduce((a, b) => a + b, 0);
      const edges = networkEdges(map).count;
      console.log(`${c.id}: ${converged} of 4096 converged, ${edges} edge windows`);
      expect(converged).toBeGreaterThan(0);
      expect(converged).toBeLessThan(4096);
      expect(edges).toBeGreaterThan(0);
    }, 1800_000);
  }
});
