/**
 * Network view (Sohl-Dickstein): where gradient descent on his two-layer network converges over
 * a log-spaced plane of hyperparameters (input-layer lr against output-layer lr, or an offset of
 * the input-layer weights against one lr), in his rank-based Spectral colours or two colours, the
 * number of edge pixels and the porespy box-counting dimension of the edge.
 */
import {
  type NetworkMap, type ResultDocument, SD_CONFIGURATIONS, boxCountingDimension2D, networkEdges, networkMap, porespySizes,
  renderNetworkMap, resultDataset, twoLayerNetwork,
} from 'fractal-trainability';
import { type Window, formatNumber } from './axis.js';
import { type Rgb } from './colors.js';
import { showLegend } from './legend.js';
import { type Axes2D, Plot2D } from './plot2d.js';
import { NN_OVERVIEW, type ViewState } from './state.js';
import { type Job, type Navigate, THREADS } from './view.js';
import { viewDocument } from './export.js';

/** His steps per network, which his deepest windows are drawn at (docs/nn.md: 500 misses the minibatch window). */
export const HIS_STEPS = 1000;
/** porespy's box sizes (10 pixels up to the image's side) must span at least this factor for a dimension. */
const MIN_SIZE_SPAN = 4;

/** The passes of a render: 1/4, 1/2, then the full resolution (each at least 2 pixels; repeats dropped). */
const PASSES = [4, 2, 1];

/** The ends of his Spectral scale (matplotlib's, ColorBrewer's 11 colours): deep red, dark purple, and the two halves' pale ends. */
const SPECTRAL = { darkRed: [158, 1, 66], orange: [253, 174, 97], lightBlue: [171, 221, 164], purple: [94, 79, 162] } as const satisfies Record<string, Rgb>;
const TWO = { converged: [50, 136, 189], diverged: [213, 62, 79] } as const satisfies Record<string, Rgb>;

/** Short names for the configuration menu (the full title is the option's tooltip). */
const LABELS: Record<string, string> = {
  overview: 'overview (tanh)', 'sd-deep-linear': 'deep linear', 'sd-relu': 'ReLU', 'sd-dataset-1': 'tanh, 1 data point',
  'sd-minibatch': 'tanh, minibatch 16', 'sd-tanh': 'tanh, full batch', 'sd-init': 'initialization offset',
};

/** The network, phase space, default window and labels of a configuration id (`overview` or `sd-...`). */
export function configurationOf(id: string) {
  const sd = SD_CONFIGURATIONS.find((c) => c.id === id);
  const label = LABELS[id] ?? id;
  return sd
    ? { label, title: sd.title, network: sd.network, axes: sd.axes, window: sd.window, dimension: sd.dimension as number | undefined }
    : { label, title: 'overview: tanh, full batch (N 272)', network: {}, axes: 'lr-lr' as const, window: { x: NN_OVERVIEW, y: NN_OVERVIEW }, dimension: undefined };
}

/** The network map. */
export class NnView extends Plot2D {
  private map?: NetworkMap;

  constructor(navigate: Navigate) {
    super('nn', navigate, true);
    this.showLegend();
  }

  private showLegend(): void {
    const s = this.state;
    const light = s.nnSteps < HIS_STEPS ? ` This view runs ${s.nnSteps} steps at ${s.nnRes} × ${s.nnRes} pixels so that the first picture comes in seconds; his images use ${HIS_STEPS} steps (a configuration from the menu opens at ${HIS_STEPS}).` : '';
    const entries = s.nnColours === 'spectral'
      ? [
        { label: 'blue half: training converges (mean of the last 20 losses below the first)', colours: [SPECTRAL.purple, SPECTRAL.lightBlue] as const, measure: 'rank', title: 'his measure −Σ v (v = loss / first loss), ranked: dark purple next to the boundary' },
        { label: 'red half: training diverges', colours: [SPECTRAL.darkRed, SPECTRAL.orange] as const, measure: 'rank', title: 'his measure Σ 1/v, ranked: dark red next to the boundary' },
      ]
      : [
        { label: 'blue: training converges', colours: TWO.converged },
        { label: 'red: training diverges', colours: TWO.diverged },
      ];
    showLegend(this.legend, entries, (s.nnColours === 'spectral'
      ? 'His colours: each pixel is coloured by the rank of its measure, so the boundary is dark on both sides (dark red against dark purple).'
      : 'Two plain colours by class.') + light);
  }

  protected axes(): Axes2D {
    const offset = configurationOf(this.state.nn).axes === 'offset-lr';
    return {
      names: offset ? ['offset', 'lr'] : ['lr₀', 'lr₁'],
      words: offset ? ['input-layer weight offset', 'learning rate'] : ['input-layer lr', 'output-layer lr'],
      titles: offset ? ['input-layer weight offset', 'learning rate (both layers)'] : ['input-layer learning rate', 'output-layer learning rate'],
      windows: [this.state.nx, this.state.ny],
      log: true,
    };
  }

  protected withWindows(s: ViewState, nx: Window, ny: Window): ViewState {
    return { ...s, nx, ny };
  }

  protected defaultWindows(): [Window, Window] {
    return [NN_OVERVIEW, NN_OVERVIEW];
  }

  protected describeCell(c: number, r: number): string {
    const m = this.map;
    if (!m) return '';
    const row = m.height - 1 - r; // the map's row 0 is the lowest y
    const i = row * m.width + c;
    const [a, b] = this.axes().names;
    const what = m.converged[i] ? 'converges' : 'diverges';
    return `${a} = ${formatNumber(m.xs[c], m.xs[c] * 1e-6)}, ${b} = ${formatNumber(m.ys[row], m.ys[row] * 1e-6)}: ${what} (measure ${m.measure[i].toPrecision(4)})`;
  }

  async render(s: ViewState, signal: AbortSignal, job: Job): Promise<void> {
    const config = configurationOf(s.nn);
    this.begin(s, s.nnRes);
    this.map = undefined;
    this.showLegend();
    this.showDimension('edge: … (computing)');
    const net = twoLayerNetwork(config.network);
    const sizes = [...new Set(PASSES.map((k) => Math.max(2, Math.ceil(s.nnRes / k))))];
    const finished = job.stage('nn', sizes.reduce((t, n) => t + n * n, 0) * s.nnSteps * net.data);
    const t0 = performance.now();
    let steps = 0;
    for (const [p, n] of sizes.entries()) {
      const map = await networkMap(net, {
        axes: config.axes, x: s.nx, y: s.ny, resolution: n, steps: s.nnSteps, threads: THREADS, signal,
        onProgress: (q) => job.progress(`${p < sizes.length - 1 ? `preview ${p + 1}` : 'full resolution'}: ${n} × ${n} networks, ${Math.floor((100 * q.done) / q.total)} %`),
      });
      steps += map.totalSteps;
      this.paint(map);
    }
    finished();
    this.end();
    job.progress(`${s.nnRes} × ${s.nnRes} networks (${config.title}): ${steps.toExponential(2)} network steps in ` +
      `${((performance.now() - t0) / 1000).toFixed(2)} s on ${THREADS} workers`);
  }

  /** Draws a map of n × n pixels over the view's cells (a coarse one stretched, nearest pixel). */
  private paint(map: NetworkMap): void {
    const rgb = renderNetworkMap(map, this.state.nnColours).data;
    const data = this.image.data;
    for (let r = 0; r < this.rows; r++) {
      const mr = Math.floor((r * map.height) / this.rows);
      for (let c = 0; c < this.cols; c++) {
        const j = 3 * (mr * map.width + Math.floor((c * map.width) / this.cols));
        const o = 4 * (r * this.cols + c);
        data[o] = rgb[j];
        data[o + 1] = rgb[j + 1];
        data[o + 2] = rgb[j + 2];
        data[o + 3] = 255;
      }
    }
    this.map = map;
    this.schedule();
  }

  /** The edge (his sign change over 2 × 2 pixels) and, when the edge image allows two box sizes or more, its porespy dimension. */
  private end(): void {
    const map = this.map!;
    const edges = networkEdges(map);
    const converged = map.converged.reduce((t, v) => t + v, 0);
    const classes = `${converged} of ${map.width * map.height} pixels converge`;
    const sizes = porespySizes(Math.min(edges.width, edges.height));
    const enough = sizes.length >= 2 && sizes[sizes.length - 1] >= MIN_SIZE_SPAN * sizes[0];
    const dimension = enough && edges.count > 0 ? boxCountingDimension2D(edges.mask, edges.width, edges.height, { method: 'porespy' }).dimension : undefined;
    const his = configurationOf(this.state.nn).dimension;
    this.showDimension(`edge: ${edges.count} pixels; ` + (dimension === undefined
      ? (edges.count === 0 ? 'no edge, no dimension' : `a dimension needs resolution ${10 * MIN_SIZE_SPAN + 1} or more`)
      : `D = ${Number.isFinite(dimension) ? dimension.toFixed(3) : 'NaN'} (porespy, this frame)${his ? `; his ${his} over his zoom sequence` : ''}`) + `; ${classes}`);
    this.dimensionText.dataset.edges = String(edges.count);
    this.dimensionText.dataset.converged = String(converged);
  }

  data(): unknown {
    const m = this.map;
    return {
      ...this.describe('nn'),
      ...(m && {
        x: Array.from(m.xs), y: Array.from(m.ys), measure: Array.from(m.measure),
        converged: Array.from({ length: m.height }, (_, r) => m.converged.subarray(r * m.width, (r + 1) * m.width).join('')),
        rows: 'row 0 is the lowest y; converged: one digit per column',
      }),
    };
  }

  /** His measure and the classes [rows, columns] (row 0 the lowest y, as his arrays), and the axes. */
  document(): ResultDocument | undefined {
    const m = this.map;
    if (!m) return undefined;
    const shape = [m.height, m.width];
    const image = { dimensions: ['row', 'column'] };
    return viewDocument('nn', this.state, this.describe('nn').link, [
      resultDataset('measure', 'float64', shape, m.measure, { ...image, units: '1', description: 'his measure: -sum(v) if converged, sum(1/v) if not; row 0 the lowest y' }),
      resultDataset('converged', 'uint8', shape, m.converged, { ...image, units: '1 = converged', description: 'mean(v[-20:]) < 1' }),
      resultDataset('x', 'float64', [m.width], m.xs, { units: '1', description: 'x of each column (log-spaced)', dimensions: ['column'] }),
      resultDataset('y', 'float64', [m.height], m.ys, { units: '1', description: 'y of each row, lowest first (log-spaced)', dimensions: ['row'] }),
    ], 'measure');
  }
}
