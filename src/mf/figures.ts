/**
 * Liang and Montufar's figures as data + pictures + summary numbers, one call each, for
 * `fractal-gd reproduce lm-fig1 | lm-fig3 | lm-fig5 | lm-fig8`.
 */
import { oneOf, integerIn, record } from '../validate.js';
import { EXECUTION_OPTION_KEYS } from '../runtime/schedule.js';
import { encodePng } from '../image/png.js';
import type { RgbImage } from '../image/raster.js';
import { type MapPresetName, mapPreset } from './presets.js';
import { type PresetRun, runPreset, mapData } from './run-preset.js';
import type { ExecutionOptions } from './schedule.js';
import { type QuotientMap, quotientMap } from './quotient-map.js';
import { type BoxCounting2D, boxCountingDimension2D } from '../analysis/box-counting.js';
import { renderQuotient } from './render.js';
import { OUTCOME } from './outcome.js';

/** The figures `lmFigure` computes. */
export const LM_FIGURES = ['lm-fig1', 'lm-fig3', 'lm-fig5', 'lm-fig8'] as const;
/** A figure id. */
export type LmFigureId = (typeof LM_FIGURES)[number];

/** The paper's box-counting dimension of the projected convergence boundary (Fig. 3 right). */
export const PUBLISHED_LM_DIMENSION = 1.249;

/** Options of `lmFigure`. */
export interface LmFigureOptions extends ExecutionOptions {
  /** Pixels per side of each initialization-map panel (default: the preset's, 400 or 800). */
  resolution?: number;
  /** Pixels per side of the quotient map of lm-fig3 (default 2000, the paper's). */
  quotientResolution?: number;
  /** Seed of the random slices and targets (default 0). */
  seed?: number;
}

/** One picture of a figure. */
export interface FigureImage {
  /** File-name stem, e.g. `lm-fig3-middle`. */
  readonly name: string;
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly png: Uint8Array;
}

/** A computed figure. */
export interface LmFigure {
  readonly id: LmFigureId;
  readonly caption: string;
  readonly notes: string;
  readonly images: readonly FigureImage[];
  /** A few numbers to put in a report (fractions, ranges; lm-fig3: the dimension). */
  readonly summary: Readonly<Record<string, number | string>>;
  /** JSON-ready settings and summaries (no per-pixel arrays). */
  readonly data: Readonly<Record<string, unknown>>;
  /** The raw maps (typed arrays) behind the pictures. */
  readonly run: PresetRun;
  /** lm-fig3 only: the quotient map and its boundary's box counting. */
  readonly quotient?: { readonly map: QuotientMap; readonly boxCounting: BoxCounting2D };
  readonly elapsedSeconds: number;
}

const PRESET_OF: Record<LmFigureId, MapPresetName> = { 'lm-fig1': 'fig1-left', 'lm-fig3': 'fig3', 'lm-fig5': 'fig5', 'lm-fig8': 'fig8' };

/** Encodes a picture. */
function picture(name: string, title: string, image: RgbImage): FigureImage {
  return { name, title, width: image.width, height: image.height, png: encodePng(image) };
}

/** Fraction of a map's pixels that converged to a global minimizer. */
function convergedFraction(outcome: Uint8Array): number {
  let n = 0;
  for (const o of outcome) if (o === OUTCOME.minimizer) n++;
  return n / outcome.length;
}

/** [min, max] of `values` over converged pixels, as text. */
function convergedRange(values: Float64Array, outcome: Uint8Array): string {
  let lo = Infinity;
  let hi = -Infinity;
  values.forEach((v, i) => { if (outcome[i] === OUTCOME.minimizer) { lo = Math.min(lo, v); hi = Math.max(hi, v); } });
  return lo <= hi ? `[${lo.toFixed(3)}, ${hi.toFixed(3)}]` : 'none converged';
}

/**
 * Computes one of Liang and Montufar's figures: its maps on all threads, PNG pictures, the
 * settings as data and summary numbers (for lm-fig3 also the quotient map's boundary and its
 * box-counting dimension beside the published 1.249).
 */
export async function lmFigure(id: LmFigureId, options: LmFigureOptions = {}): Promise<LmFigure> {
  oneOf('figure', id, LM_FIGURES);
  const o = record('options', options, [...EXECUTION_OPTION_KEYS, 'resolution', 'quotientResolution', 'seed']);
  const seed = (o.seed ?? 0) as number;
  const preset = mapPreset(PRESET_OF[id], seed);
  const quotientResolution = integerIn('quotientResolution', o.quotientResolution ?? 2000, 16, 1 << 15);
  const run = await runPreset(preset, { resolution: options.resolution, threads: options.threads, signal: options.signal, onProgress: options.onProgress });
  const images = [picture(id === 'lm-fig3' ? 'lm-fig3-middle' : id, preset.caption, run.image)];
  const summary: Record<string, number | string> = {};
  run.maps.forEach((m, k) => {
    const label = run.preset.panels[k].title;
    summary[`${label}: converged fraction`] = Number(convergedFraction(m.outcome).toFixed(4));
    summary[`${label}: ${m.valueName} range (converged)`] = convergedRange(m.valueName === 'squaredNorm' ? m.squaredNorm : m.coordinate, m.outcome);
  });
  let quotient: LmFigure['quotient'];
  let elapsed = run.elapsedSeconds;
  if (id === 'lm-fig3') {
    const map = await quotientMap(preset.panels[0].problem, {
      stepSize: 1, steps: 1000, tolerance: 1e-6, divergence: 100, z: [-2.5, 3], w: [0, 10], resolution: quotientResolution,
      threads: options.threads, signal: options.signal,
    });
    const boxCounting = boxCountingDimension2D(map.boundary, map.width, map.height);
    quotient = { map, boxCounting };
    elapsed += map.elapsedSeconds;
    images.push(picture('lm-fig3-left', 'The projected convergence region T(D) in the (z, w) = (u.v, |u|^2 + |v|^2) plane and its boundary (black)', renderQuotient(map)));
    summary['box-counting dimension'] = Number(boxCounting.dimension.toFixed(4));
    summary['standard error'] = Number(boxCounting.stderr.toFixed(4));
    summary['box levels'] = `${boxCounting.levels[0]}..${boxCounting.levels.at(-1)}`;
    summary['quotient resolution'] = quotientResolution;
    summary['paper dimension'] = PUBLISHED_LM_DIMENSION;
  }
  return {
    id, caption: preset.caption, notes: preset.notes, images, summary, run, quotient, elapsedSeconds: elapsed,
    data: {
      id, seed, caption: preset.caption, notes: preset.notes, summary,
      panels: run.maps.map((m, k) => ({ title: preset.panels[k].title, style: preset.panels[k].style, ...mapData(m) })),
      ...(quotient ? { quotient: { axes: quotient.map.axes, counts: quotient.map.counts, stops: quotient.map.stops, boxCounting: quotient.boxCounting } } : {}),
    },
  };
}
