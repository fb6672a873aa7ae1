/**
 * fractal-trainability: where gradient descent trains and where it diverges, and how
 * fractal the boundary between the two is. Re-exports only.
 */
export {
  quadratic, additive, multiplicative, twoCosine, additiveND, multiplicativeND, validateLoss, dimensionOf,
  FAMILIES, MAX_DIM,
} from './losses.js';
export type { Loss, Quadratic, Additive, Multiplicative, TwoCosine, AdditiveND, MultiplicativeND } from './losses.js';
export { sweep } from './sweep.js';
export type { SweepResult } from './sweep.js';
export { planSweep, learningRate, gridPoints, defaultBound, MAX_LEVELS, MAX_STEPS, MAX_KEPT_LEVELS } from './plan.js';
export type { SweepOptions, SweepPlan, SweepProgress, Criterion } from './plan.js';
export { mergeSummaries } from './summary.js';
export type { Summary, LevelClass } from './summary.js';
export { sweepShard, mergeShards, shardRange, serializeShard, parseShard, SHARD_FORMAT, SHARD_FORMAT_VERSION } from './shard.js';
export type { Shard, ShardSpec, ShardCell, MergedShards } from './shard.js';
export type { GridRange } from './sweep.js';
export { packageVersion } from './version.js';
export { boxDimension, fitLine } from './fit.js';
export { localSlopes, scalingRange } from './scaling.js';
export type { ScalingRangeOptions } from './scaling.js';
export { dimensionEnsemble, replicaChange, shiftUlps, PERTURBATIONS } from './ensemble.js';
export type { DimensionEnsemble, EnsembleOptions, Replica, ReplicaChange, Perturbation } from './ensemble.js';
export type { BoxDimension, BoxDimensionOptions, LineFit } from './fit.js';
export { roughness, renormalize, CRITICAL_ROUGHNESS_ADDITIVE } from './renormalize.js';
export type { Renormalized } from './renormalize.js';
export { curvature, minCurvature, isConvex, commonPeriod, multiplicativeConvexityBound } from './convexity.js';
export { simdSupported } from './wasm.js';
export type { KernelVariant } from './wasm.js';
