/**
 * What a reproduction of Sohl-Dickstein's configurations leaves behind: its result file
 * (`<out>/<id>/<id>.json`, sealed with its digest), its REPORT.md section (the dimension by his
 * method beside his, the resolution, steps and frames, and the spread over frames), and the
 * section `sd-all` that lists all six configurations side by side.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/files.js';
import { FileIntegrityError, seal, unseal } from '../io/digest.js';
import { numpyMedian } from '../analysis/box-counting.js';
import { SD_CONFIGURATIONS, type SdConfiguration } from '../nn/configurations.js';
import type { NetworkDimension } from '../nn/zoom.js';
import type { SdSettings } from './sd-tiles.js';
import { SECTION_FILE, mdTable, sealSection } from './report.js';

/** The id of the section that lists all six configurations (also the command that runs them all). */
export const SD_SUMMARY = 'sd-all';

/** The spread over frames of a dimension estimate. */
export interface SdSpread {
  /** Local slopes pooled over every frame that has an edge: how many, their median and quartiles (numpy's linear interpolation). */
  readonly slopes: number;
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
  /** Each frame's own dimension (the median of its local slopes; NaN for a frame without an edge): median, smallest, largest of the finite ones. */
  readonly frameMedian: number;
  readonly frameMin: number;
  readonly frameMax: number;
}

/** What `<out>/<id>/<id>.json` holds. */
export interface SdResult extends Omit<NetworkDimension, 'resolution' | 'steps'> {
  readonly settings: SdSettings;
  readonly configuration: SdConfiguration;
  readonly hisDimension: number;
  readonly spread: SdSpread;
  /** Frames read from the checkpoint, and tiles merged from cluster shards (their computing time is not counted). */
  readonly resumed: number;
  readonly tiles: number;
}

/** numpy's `percentile(values, p)` (linear interpolation) of finite values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const at = (p / 100) * (v.length - 1);
  const lo = Math.floor(at);
  return lo + 1 < v.length ? v[lo] + (at - lo) * (v[lo + 1] - v[lo]) : v[lo];
}

/** The spread over frames of a dimension estimate. */
export function sdSpread(d: Pick<NetworkDimension, 'frames' | 'frameMedians'>): SdSpread {
  const slopes = d.frames.filter((f) => f.edges > 0).flatMap((f) => f.boxCounting.slopes).filter(Number.isFinite);
  const medians = d.frameMedians.filter(Number.isFinite);
  return {
    slopes: slopes.length, median: numpyMedian(slopes), q1: percentile(slopes, 25), q3: percentile(slopes, 75),
    frameMedian: numpyMedian(medians), frameMin: medians.length ? Math.min(...medians) : NaN, frameMax: medians.length ? Math.max(...medians) : NaN,
  };
}

/** The result file of configuration `id` under `out`. */
export function sdResultFile(out: string, id: string): string {
  return join(out, id, `${id}.json`);
}

/** Writes a result file, sealed with its digest. */
export async function writeSdResult(out: string, result: SdResult): Promise<void> {
  await writeFileAtomic(sdResultFile(out, result.settings.figure), `${JSON.stringify(await seal({ ...result }), null, 1)}\n`);
}

/** Reads a result file, its digest verified (a FileIntegrityError naming it otherwise); undefined when there is none. */
export async function readSdResult(out: string, id: string): Promise<SdResult | undefined> {
  const file = sdResultFile(out, id);
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (text === undefined) return undefined;
  return await unseal(JSON.parse(text), file, `run it again (fractal-gd reproduce ${id})`) as unknown as SdResult;
}

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'NaN');
const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');

/** The configuration's REPORT.md section (without the run line). */
export function sdSection(r: SdResult, seconds: number): string {
  const s = r.settings;
  const sp = r.spread;
  const n = r.frames.length;
  const last = String(n - 1).padStart(2, '0');
  const decades = (w: readonly [number, number]) => Math.log10(w[1] / w[0]);
  return [
    `## Sohl-Dickstein: ${r.configuration.title} (${s.figure})`,
    '',
    `Dimension by his method: **${f3(r.dimension)}** (his ${r.hisDimension.toFixed(2)}): the median of porespy's local box-counting ` +
      `slopes pooled over the ${n} frames of his zoom sequence (from the deepest window, x ${r.configuration.window.x.join(' .. ')}, ` +
      `y ${r.configuration.window.y.join(' .. ')}, out to 6 decades), each ${s.resolution} x ${s.resolution} pixels, ${s.steps} GD steps, ` +
      `non-finite losses as ${s.nonFinite === 'max' ? '1e6' : 'NaN (his line as written)'}. His frames were 4096 x 4096.`,
    '',
    `Spread over frames: the ${sp.slopes} local slopes of the frames with an edge have median ${f3(sp.median)} and interquartile range ` +
      `${f3(sp.q1)} .. ${f3(sp.q3)}; the frames' own dimensions (each frame's median slope) have median ${f3(sp.frameMedian)}, ` +
      `from ${f3(sp.frameMin)} to ${f3(sp.frameMax)}.` +
      (r.framesWithoutEdges ? ` ${r.framesWithoutEdges} frame(s) have no edge: their slopes are NaN, so his estimate (numpy's median) is NaN; ` +
        `over the frames with an edge it is ${f3(r.dimensionOfFramesWithEdges)}.` : ''),
    '',
    mdTable(['frame', 'x decades', 'y decades', 'converged', 'edge pixels', 'box sizes', 'box counts', 'dimension'], r.frames.map((f, i) => [
      i, decades(f.window.x).toPrecision(3), decades(f.window.y).toPrecision(3), `${f.converged} of ${f.converged + f.diverged}`, f.edges,
      f.boxCounting.sizes.join(' '), f.boxCounting.counts.join(' '), f3(f.boxCounting.dimension),
    ])),
    '',
    `![${s.figure} widest frame](${s.figure}/frame-00.png) ![${s.figure} deepest frame](${s.figure}/frame-${last}.png)`,
    '',
    `Files: [${s.figure}.json](${s.figure}/${s.figure}.json) (every frame's box counts), frame-NN.json (every pixel's measure and class), frame-NN.png.`,
    `Run: ${n} frames${r.resumed ? ` (${r.resumed} from the checkpoint)` : ''}` +
      `${r.tiles ? ` merged from ${r.tiles} cluster tiles (their computing time not counted)` : ''}, ${seconds.toFixed(1)} s.`,
    '',
  ].join('\n');
}

/**
 * The `sd-all` section: the six configurations side by side, from the result files under `out` (those not run say
 * so; a file whose digest fails, e.g. one written by an older version without it, is named and not used).
 */
export async function sdSummarySection(out: string): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const c of SD_CONFIGURATIONS) {
    const r = await readSdResult(out, c.id).catch((err: unknown) => {
      if (err instanceof FileIntegrityError) return err; // an edited file, or one of an older version: not listed, named
      throw err;
    });
    if (!r || r instanceof FileIntegrityError) {
      const refused = `refused: its digest fails (edited, or written by an older version); run fractal-gd reproduce ${c.id} again`;
      rows.push([c.id, r ? refused : 'not run', '', '', '', '', '', c.dimension.toFixed(2)]);
      continue;
    }
    const sp = r.spread;
    rows.push([c.id, `${r.settings.resolution}²`, r.settings.steps, r.frames.length, f3(r.dimension), `${f2(sp.q1)} .. ${f2(sp.q3)}`,
      `${f2(sp.frameMin)} .. ${f2(sp.frameMax)}`, c.dimension.toFixed(2)]);
  }
  return [
    `## Sohl-Dickstein (2024): his six configurations`,
    '',
    'Box-counting dimensions of the trainability boundary of his two-layer networks (arXiv:2402.06184) by his method: the median of ' +
      'porespy\'s local slopes pooled over the frames of his zoom sequence, beside his values (his frames were 4096 x 4096, 1000 steps). ' +
      '"Local slopes IQR" is the interquartile range of the pooled local slopes of the frames with an edge; "frame dimensions" the smallest ' +
      'and largest median slope of a single frame. Each configuration has its own section below.',
    '',
    mdTable(['configuration', 'pixels per frame', 'steps', 'frames', 'dimension here', 'local slopes IQR', 'frame dimensions', 'his'], rows),
    '',
  ].join('\n');
}

/** Writes the configuration's section and the `sd-all` section (each sealed) under `out`. */
export async function writeSdSections(out: string, result: SdResult, seconds: number): Promise<void> {
  await writeFileAtomic(join(out, result.settings.figure, SECTION_FILE), await sealSection(sdSection(result, seconds)));
  await writeFileAtomic(join(out, SD_SUMMARY, SECTION_FILE), await sealSection(await sdSummarySection(out)));
}
