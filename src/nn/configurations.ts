/**
 * Sohl-Dickstein's six configurations (arXiv:2402.06184, the cells at the end of his
 * notebook): the network, the phase space, the deepest window of his zoom sequence and the
 * box-counting dimension he reports.
 */
import type { TwoLayerNetworkOptions } from './network.js';
import type { NetworkAxes } from './map.js';
import type { NetworkWindow } from './zoom.js';

/** One of his configurations. */
export interface SdConfiguration {
  /** `sd-...`, the name of `fractal-gd reproduce`. */
  readonly id: string;
  readonly title: string;
  readonly network: TwoLayerNetworkOptions;
  readonly axes: NetworkAxes;
  /** The deepest window (linear values). */
  readonly window: NetworkWindow;
  /** His box-counting dimension. */
  readonly dimension: number;
}

/** The six configurations, in his table's order. */
export const SD_CONFIGURATIONS: readonly SdConfiguration[] = [
  { id: 'sd-deep-linear', title: 'deep linear, full batch (identity, N 16)', network: { activation: 'identity', data: 16 }, axes: 'lr-lr',
    window: { x: [1.90010080e2, 1.90011840e2], y: [4.77745244, 4.77749670] }, dimension: 1.17 },
  { id: 'sd-relu', title: 'ReLU, full batch', network: { activation: 'relu' }, axes: 'lr-lr',
    window: { x: [5.77622737e-1, 5.77625590e-1], y: [8.14432439e1, 8.14436463e1] }, dimension: 1.20 },
  { id: 'sd-dataset-1', title: 'tanh, dataset size 1', network: { data: 1 }, axes: 'lr-lr',
    window: { x: [4.8298735e1, 4.8299146e1], y: [1.82066141e1, 1.82067690e1] }, dimension: 1.41 },
  { id: 'sd-minibatch', title: 'tanh, minibatch 16', network: { minibatch: 16 }, axes: 'lr-lr',
    window: { x: [2.67398835471957e-1, 2.67398835475071e-1], y: [1.74269509700711e2, 1.74269509702741e2] }, dimension: 1.55 },
  { id: 'sd-tanh', title: 'tanh, full batch', network: {}, axes: 'lr-lr',
    window: { x: [1.329976231e1, 1.329978604e1], y: [2.003582269e2, 2.003585844e2] }, dimension: 1.66 },
  { id: 'sd-init', title: 'parameter initialization (offset-lr), tanh', network: {}, axes: 'offset-lr',
    window: { x: [1.960618282403e-1, 1.960618285243e-1], y: [3.90254607863e1, 3.90254608429e1] }, dimension: 1.98 },
];

/** The configuration named `id` (with or without the `sd-` prefix). */
export function sdConfiguration(id: string): SdConfiguration {
  const found = SD_CONFIGURATIONS.find((c) => c.id === id || c.id === `sd-${id}`);
  if (!found) throw new RangeError(`configuration must be one of ${SD_CONFIGURATIONS.map((c) => c.id).join(', ')}; got ${JSON.stringify(id)}`);
  return found;
}
