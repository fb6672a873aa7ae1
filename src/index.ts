/**
 * fractal-trainability: where gradient descent trains and where it diverges, and how
 * fractal the boundary between the two is. Re-exports only.
 */
export {
  quadratic, additive, multiplicative, twoCosine, additiveND, multiplicativeND, validateLoss, dimensionOf,
  FAMILIES, MAX_DIM,
} from './lr/losses.js';
export type { Loss, Quadratic, Additive, Multiplicative, TwoCosine, AdditiveND, MultiplicativeND } from './lr/losses.js';
export { sweep } from './lr/sweep.js';
export type { SweepResult } from './lr/sweep.js';
export { planSweep, learningRate, gridPoints, defaultBound, MAX_LEVELS, MAX_STEPS, MAX_KEPT_LEVELS } from './lr/plan.js';
export type { SweepOptions, SweepPlan, SweepProgress, Criterion } from './lr/plan.js';
export type { ExecutionOptions, Progress } from './runtime/schedule.js';
export { mergeSummaries } from './lr/summary.js';
export type { Summary, LevelClass } from './lr/summary.js';
export { sweepShard, mergeShards, shardRange, serializeShard, parseShard, SHARD_FORMAT, SHARD_FORMAT_VERSION } from './lr/shard.js';
export type { Shard, ShardSpec, ShardCell, MergedShards } from './lr/shard.js';
export type { GridRange } from './lr/sweep.js';
export { packageVersion } from './version.js';
export { boxDimension, fitLine } from './analysis/fit.js';
export { localSlopes, scalingRange, scalingFits } from './analysis/scaling.js';
export type { ScalingRangeOptions, ScalingFits } from './analysis/scaling.js';
export { dimensionEnsemble, replicaChange, replicaOptions, summarizeReplicas, shiftUlps, PERTURBATIONS } from './analysis/ensemble.js';
export type { DimensionEnsemble, EnsembleOptions, Replica, ReplicaChange, ReplicaSummary, Perturbation } from './analysis/ensemble.js';
export type { BoxDimension, BoxDimensionOptions, LineFit } from './analysis/fit.js';
export { roughness, renormalize, CRITICAL_ROUGHNESS_ADDITIVE } from './lr/renormalize.js';
export type { Renormalized } from './lr/renormalize.js';
export { curvature, minCurvature, isConvex, commonPeriod, multiplicativeConvexityBound } from './lr/convexity.js';
export { simdSupported, setWasmBase } from './runtime/wasm.js';
export type { KernelVariant } from './lr/kernel.js';
export { scalarFactorization, matrixFactorization, validateProblem, minimumLoss, parameterCount, MAX_PARAMETERS, MAX_TARGETS } from './mf/problem.js';
export type { FactorizationProblem } from './mf/problem.js';
export { criticalStepSize, criticalStepSizeMatrix, inInvariantSet, smallStepSizes } from './mf/critical.js';
export type { SmallStepSizes, InvariantSetOptions } from './mf/critical.js';
export { extremeMinimizers } from './mf/minimizers.js';
export type { ExtremeMinimizers } from './mf/minimizers.js';
export { toParameters, fromParameters } from './mf/vectors.js';
export type { Matrix } from './mf/vectors.js';
export { OUTCOMES, OUTCOME, countOutcomes } from './mf/outcome.js';
export type { Outcome } from './mf/outcome.js';
export type { RunOptions } from './mf/stops.js';
export { runFactorization } from './mf/runs.js';
export type { BatchOptions, RunResult } from './mf/runs.js';
export { gdTrajectory, quotientTrajectory } from './mf/trajectory.js';
export type { TrajectoryOptions } from './mf/trajectory.js';
export { randomDirections } from './mf/directions.js';
export { initializationMap } from './mf/map.js';
export type { InitializationMap, InitializationMapOptions, MapValue } from './mf/map.js';
export { quotientMap } from './mf/quotient-map.js';
export type { QuotientMap, QuotientMapOptions } from './mf/quotient-map.js';
export { boundaryMask } from './analysis/boundary.js';
export type { BoundaryOptions } from './analysis/boundary.js';
export { boxCountingDimension2D } from './analysis/box-counting.js';
export type { BoxCounting2D, BoxCounting2DOptions } from './analysis/box-counting.js';
export { colourGrid, paintMask, tileImages } from './image/raster.js';
export type { RgbImage, Colouring, TileOptions } from './image/raster.js';
export { schemeTable, SCHEME_NAMES } from './image/colormap.js';
export type { Rgb, SchemeName } from './image/colormap.js';
export { encodePng } from './image/png.js';
export { MAP_PRESETS, mapPreset } from './mf/presets.js';
export type { MapPreset, MapPresetName, PresetPanel, PanelStyle } from './mf/presets.js';
export { runPreset, mapData } from './mf/run-preset.js';
export type { PresetRun, PresetRunOptions } from './mf/run-preset.js';
export { renderMap, renderQuotient } from './mf/render.js';
export { lmFigure, LM_FIGURES, PUBLISHED_LM_DIMENSION } from './mf/figures.js';
export type { LmFigure, LmFigureId, LmFigureOptions, FigureImage } from './mf/figures.js';
export { twoLayerNetwork, ACTIVATIONS } from './nn/network.js';
export type { TwoLayerNetwork, TwoLayerNetworkOptions, Activation } from './nn/network.js';
export { networkMap, networkLosses, NETWORK_AXES } from './nn/map.js';
export type { NetworkMap, NetworkMapOptions, NetworkAxes } from './nn/map.js';
