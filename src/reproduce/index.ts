/**
 * `fractal-trainability/reproduce`: the figures of Liu (2024) and Liang and Montúfar (2025) as
 * code — the registry, the runner that writes data, pictures and REPORT.md, and the figure
 * shards that run a figure's cells on a cluster; Sohl-Dickstein's configurations as tiles of frames. Re-exports only.
 */
export { FIGURES, findFigure } from './registry.js';
export { runFigure, resolveSettings, DEFAULT_SEED, MAX_REPLICAS } from './runner.js';
export type { RunOptions, FigureRun, ProgressSink } from './runner.js';
export type { Recipe, AnyRecipe, Settings, Cell, CellIO, CellCost, Output, Row } from './recipe.js';
export { figureTasks, figureTask, sweepFigureShard, figureOfShards, figureResults, MAX_PARTS } from './shards.js';
export type { FigureTask } from './shards.js';
export {
  SD_PRESETS, SD_TILE_FORMAT, SD_TILE_FORMAT_VERSION, resolveSdSettings, sdFrames, sdTasks, sdTask, computeSdTile, serializeSdTile,
  parseSdTile, isSdTile, mergeSdTiles,
} from './sd-tiles.js';
export type { SdSettings, SdSettingNames, SdTask, SdTile, MergedSdTiles } from './sd-tiles.js';
export { readSdResult, sdSpread, SD_SUMMARY } from './sd-report.js';
export type { SdResult, SdSpread } from './sd-report.js';
