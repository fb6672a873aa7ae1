/** `fractal-gd nn map`: a Sohl-Dickstein network map as a PNG (his colours or two plain ones) and a data file. */
import { Command, Option } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ACTIVATIONS, twoLayerNetwork, type Activation } from '../nn/network.js';
import { networkMap, networkPlan, NETWORK_AXES, type NetworkAxes, type NetworkMap, type NetworkMapOptions } from '../nn/map.js';
import { networkEdges } from '../nn/edges.js';
import { renderNetworkMap, type NetworkColouring } from '../nn/render.js';
import { boxCountingDimension2D, porespySizes } from '../analysis/box-counting.js';
import { encodePng } from '../image/png.js';
import { num, withInterrupt } from './sweep-options.js';
import { progressBar } from './progress.js';
import { fromFlags } from './exit.js';

interface NnMapFlags {
  activation: Activation; width: string; data: string; minibatch?: string; seed: string;
  axes: NetworkAxes; offset?: 'every-step' | 'init'; x: string; y: string; resolution: string; steps: string;
  colours: NetworkColouring; nonFinite: 'nan' | 'max'; threads?: string; out: string; name: string; json: boolean; quiet?: boolean;
}

/** Parses "lo,hi". */
export function pair(name: string, text: string): [number, number] {
  const parts = text.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 2 || parts.some((v) => !Number.isFinite(v))) throw new RangeError(`${name} must be "lo,hi" (two numbers); got ${JSON.stringify(text)}`);
  return parts as [number, number];
}

/** The data file of a network map: settings, axes, measure (null for NaN), converged, edges and porespy box counts. */
export function networkMapData(map: NetworkMap): Record<string, unknown> {
  const edges = networkEdges(map);
  const net = map.net;
  return {
    network: { activation: net.activation, width: net.width, data: net.data, minibatch: net.minibatch, seed: net.seed, minibatchSeed: net.minibatchSeed },
    axes: map.axes, phase: map.phase, steps: map.steps, x: map.x, y: map.y, width: map.width, height: map.height,
    rowOrder: 'row 0 is the lowest y', xs: Array.from(map.xs), ys: Array.from(map.ys),
    measure: Array.from(map.measure, (v) => (Number.isNaN(v) ? null : v)), converged: Array.from(map.converged),
    edges: edges.count,
    boxCounting: porespySizes(Math.min(edges.width, edges.height)).length >= 2
      ? boxCountingDimension2D(edges.mask, edges.width, edges.height, { method: 'porespy' }) : null,
    totalSteps: map.totalSteps, elapsedSeconds: map.elapsedSeconds, threads: map.threads,
  };
}

/** The `nn` subcommand. */
export function nnCommand(): Command {
  const map = new Command('map')
    .description("Sohl-Dickstein's network map: GD of a two-layer network over a log-spaced grid of hyperparameters; writes <out>/<name>.png and .json")
    .addOption(new Option('--activation <a>', 'activation').choices([...ACTIVATIONS]).default('tanh'))
    .option('--width <n>', 'hidden units (= input dimension)', '16')
    .option('--data <N>', 'data points (his: 272 = n^2 + n; 16 deep linear; 1)', '272')
    .option('--minibatch <b>', 'indices per step drawn with replacement (default: full batch)')
    .option('--seed <s>', 'PRNGKey seed of weights and data', '0')
    .addOption(new Option('--axes <a>', 'phase space').choices([...NETWORK_AXES]).default('lr-lr'))
    .addOption(new Option('--offset <o>', '(offset-lr) add the offset every step (his code) or once').choices(['every-step', 'init']))
    .option('--x <lo,hi>', 'x range: input-layer lr (lr-lr) or offset (offset-lr)', '1e-3,1e6')
    .option('--y <lo,hi>', 'y range: output-layer lr (lr-lr) or lr (offset-lr)', '1e-3,1e6')
    .option('--resolution <n>', 'pixels per side', '128')
    .option('--steps <k>', 'GD steps', '1000')
    .addOption(new Option('--colours <c>', 'colouring').choices(['spectral', 'two-colour']).default('spectral'))
    .addOption(new Option('--non-finite <h>', 'non-finite losses: max (1e6, as his images show) or nan (his line evaluated literally)').choices(['max', 'nan']).default('max'))
    .option('--threads <t>', 'worker threads (default: all cores)')
    .option('--out <dir>', 'output folder', 'out/nn')
    .option('--name <stem>', 'output file name without extension', 'map')
    .option('--no-json', 'write only the PNG')
    .option('--quiet', 'no progress bar')
    .addHelpText('after', '\nExamples:\n  fractal-gd nn map --resolution 256 --steps 500\n  fractal-gd nn map --activation identity --data 16 --x 1e-1,1e4 --y 1e-1,1e4\n')
    .action(async (f: NnMapFlags) => {
      const { net, options, resolution } = fromFlags(() => {
        const net = twoLayerNetwork({ activation: f.activation, width: num(f.width), data: num(f.data), minibatch: num(f.minibatch), seed: num(f.seed) });
        const options: NetworkMapOptions = {
          axes: f.axes, offset: f.offset, x: pair('--x', f.x), y: pair('--y', f.y), resolution: num(f.resolution), steps: num(f.steps), nonFinite: f.nonFinite, threads: num(f.threads),
        };
        networkPlan(net, options);
        return { net, options, resolution: num(f.resolution) as number };
      });
      const bar = progressBar('nn map', resolution * resolution, !f.quiet);
      const m = await withInterrupt((signal) => networkMap(net, { ...options, signal, onProgress: bar.update })).finally(bar.stop);
      await mkdir(f.out, { recursive: true });
      const png = join(f.out, `${f.name}.png`);
      await writeFile(png, encodePng(renderNetworkMap(m, f.colours)));
      const json = join(f.out, `${f.name}.json`);
      if (f.json) await writeFile(json, JSON.stringify(networkMapData(m)));
      const converged = m.converged.reduce((a, b) => a + b, 0);
      console.log(`${converged} of ${m.width * m.height} pixels converged, ${networkEdges(m).count} edge windows; ` +
        `${m.totalSteps.toExponential(3)} network-steps in ${m.elapsedSeconds.toFixed(2)} s on ${m.threads} thread(s)`);
      console.log(`wrote ${png}${f.json ? ` and ${json}` : ''}`);
    });
  return new Command('nn').description("Sohl-Dickstein's two-layer networks (arXiv:2402.06184)").addCommand(map);
}
