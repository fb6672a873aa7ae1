/**
 * Running a map preset: every panel's map (one after another, each on all threads), drawn in
 * its style and tiled into one picture; and a map's settings and pixels as plain JSON data.
 */
import type { SweepProgress } from '../lr/plan.js';
import { type RgbImage, tileImages } from '../image/raster.js';
import { integerIn, record } from '../validate.js';
import { EXECUTION_OPTION_KEYS, checkExecution } from '../runtime/schedule.js';
import { type InitializationMap, type InitializationMapOptions, initializationMap, planInitializationMap } from './map.js';
import { type MapPreset } from './presets.js';
import type { ExecutionOptions } from './schedule.js';
import { renderMap } from './render.js';

/** Options of `runPreset`. */
export interface PresetRunOptions extends ExecutionOptions {
  /** Pixels per side of each panel (default: the preset's). */
  resolution?: number;
}

/** A preset's maps and its picture. */
export interface PresetRun {
  readonly preset: MapPreset;
  readonly maps: readonly InitializationMap[];
  /** The panels' pictures. */
  readonly panels: readonly RgbImage[];
  /** The panels tiled (the preset's columns, 8-pixel gaps). */
  readonly image: RgbImage;
  readonly totalSteps: number;
  readonly elapsedSeconds: number;
}

/** The panels' map options at the run's resolution (every panel validated by `planInitializationMap` now, before any work). */
function panelOptions(preset: MapPreset, options: PresetRunOptions): { resolution: number; panels: InitializationMapOptions[] } {
  const o = record('options', options, [...EXECUTION_OPTION_KEYS, 'resolution']);
  checkExecution(o);
  const resolution = integerIn('resolution', o.resolution ?? preset.resolution, 2, 1 << 15);
  const panels = preset.panels.map((panel) => ({ ...panel.options, resolution, threads: options.threads, signal: options.signal }));
  preset.panels.forEach((panel, k) => planInitializationMap(panel.problem, panels[k]));
  return { resolution, panels };
}

/** Validates a preset run's options (and every panel's map at that resolution) without running anything; returns the resolution. */
export function planPreset(preset: MapPreset, options: PresetRunOptions = {}): number {
  return panelOptions(preset, options).resolution;
}

/** Computes and draws every panel of a preset; progress counts the pixels of all panels. */
export async function runPreset(preset: MapPreset, options: PresetRunOptions = {}): Promise<PresetRun> {
  const { resolution, panels: panelMaps } = panelOptions(preset, options);
  const pixels = resolution * resolution;
  const total = pixels * preset.panels.length;
  const maps: InitializationMap[] = [];
  let steps = 0;
  let seconds = 0;
  for (const [k, panel] of preset.panels.entries()) {
    const onProgress = options.onProgress && ((p: SweepProgress) => options.onProgress!({
      done: k * pixels + p.done, total, steps: steps + p.steps, elapsedSeconds: seconds + p.elapsedSeconds,
    }));
    const map = await initializationMap(panel.problem, { ...panelMaps[k], onProgress });
    steps += map.totalSteps;
    seconds += map.elapsedSeconds;
    maps.push(map);
  }
  const panels = maps.map((m, k) => renderMap(m, preset.panels[k].style, preset.panels[k].diagonals));
  return {
    preset, maps, panels, image: tileImages(panels, { columns: preset.columns, gap: 8 }), totalSteps: steps, elapsedSeconds: seconds,
  };
}

/** A map's settings and summary as JSON-ready data (`pixels: true` adds outcome and value per pixel). */
export function mapData(map: InitializationMap, pixels = false): Record<string, unknown> {
  const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(7)) : null);
  return {
    problem: map.problem, stepSize: map.stepSize, stops: map.stops, axes: map.axes, seed: map.seed,
    center: map.center, directions: map.directions, valueName: map.valueName, counts: map.counts,
    totalSteps: map.totalSteps, elapsedSeconds: map.elapsedSeconds, threads: map.threads,
    ...(pixels ? { outcome: Array.from(map.outcome), value: Array.from(map.value, round) } : {}),
  };
}
