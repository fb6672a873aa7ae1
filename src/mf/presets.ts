/**
 * The paper's initialization maps as plain data (Liang and Montufar, Fig. 1 left, 2, 3 middle,
 * 5 (= Appendix Fig. 9) and 8), in the canonical loss of problem.ts. Where the paper leaves a
 * setting open, or its caption and appendix disagree, the choice is written next to it.
 */
import { oneOf } from '../validate.js';
import { uniform, checkSeed } from '../runtime/random.js';
import { type FactorizationProblem, scalarFactorization, matrixFactorization } from './problem.js';
import type { InitializationMapOptions } from './map.js';

/** Names of the map presets. */
export const MAP_PRESETS = ['fig1-left', 'fig2', 'fig3', 'fig5', 'fig8'] as const;
/** A map preset's name. */
export type MapPresetName = (typeof MAP_PRESETS)[number];

/**
 * How a panel is coloured (src/mf/render.ts): `coordinate` a diverging scheme on the chosen
 * coordinate of the converged minimizer, grey where GD does not converge; `squaredNorm` viridis
 * on the minimizer's squared norm, white where it does not converge; `minimizer` red / blue by
 * the sign of u_1 at the minimizer (which of the two minimizers of d = 1), white elsewhere;
 * `convergence` blue where GD converges, white elsewhere, red on the saddle's basin.
 */
export type PanelStyle = 'coordinate' | 'squaredNorm' | 'minimizer' | 'convergence';

/** One map of a preset. */
export interface PresetPanel {
  readonly title: string;
  readonly problem: FactorizationProblem;
  /** Map options without resolution and execution options. */
  readonly options: InitializationMapOptions;
  readonly style: PanelStyle;
  /** Draw the lines y = x and y = -x (the fibres' symmetry lines of Fig. 3 middle). */
  readonly diagonals?: boolean;
}

/** A preset: the panels of one figure. */
export interface MapPreset {
  /** The preset name (or another name for a map built by hand). */
  readonly name: string;
  /** The paper's caption, shortened. */
  readonly caption: string;
  /** How the paper's loss maps to the canonical one, and settings the paper leaves open. */
  readonly notes: string;
  /** Pixels per side of each panel when none is asked for. */
  readonly resolution: number;
  readonly panels: readonly PresetPanel[];
  /** Panels per row when tiled. */
  readonly columns: number;
}

/** The random stream of Fig. 5's target entries (the directions use streams 0..7). */
const TARGET_STREAM = 100;

/** The (u, v) plane of d = 1 as a slice: directions e1 (u, columns) and e2 (v, rows). */
const PLANE: InitializationMapOptions['directions'] = [[1, 0], [0, 1]];

/** The preset, with `seed` for its random parts (default 0). */
export function mapPreset(name: MapPresetName, seed = 0): MapPreset {
  checkSeed('seed', seed);
  switch (oneOf('preset', name, MAP_PRESETS)) {
    case 'fig1-left': {
      const problem = scalarFactorization({ d: 10, y: 1, mu: 0.6 });
      return {
        name, resolution: 400, columns: 1,
        caption: 'GD on (u.v - 1)^2 (/2) + 0.3(|u|^2 + |v|^2), u, v in R^10, step size 1, on a random 2-D slice of [-4, 4]^2; ' +
          'grey: no convergence; colour: a coordinate of the converged minimizer. The convergence boundary is fractal.',
        notes: 'Read as (u.v - 1)^2/2 + 0.3(|u|^2 + |v|^2), i.e. mu = 0.6: taken literally (no 1/2), step size 1 is step size 2 ' +
          'on the canonical loss with mu = 0.3, where every minimizer is unstable (eta (|y| - mu) > 1) and no run converges. ' +
          '1000 steps; converged below L_min + 1e-6, diverged above 100 (Appendix H). Random orthonormal directions from the seed; colour: u_1.',
        panels: [{ title: 'Fig. 1 left', problem, style: 'coordinate',
          options: { stepSize: 1, steps: 1000, tolerance: 1e-6, divergence: 100, extent: 4, seed, value: 'coordinate', coordinate: 0 } }],
      };
    }
    case 'fig2':
      return {
        name, resolution: 400, columns: 1,
        caption: 'GD on (uv - 1)^2 (/2), (u, v) in R^2, step size 0.2: the converged minimizer (its squared norm) depends sensitively ' +
          'on the initialization near the smooth convergence boundary.',
        notes: 'Read with the 1/2 (canonical loss, mu = 0): only then does the appendix\'s sampling square [-0.9, 0.6] x [-4.55, -4.25] ' +
          'straddle the boundary of D\'. [-4.5, 4.5]^2, 250 steps, converged below 1e-8, diverged above 100 (Appendix H).',
        panels: [{ title: 'Fig. 2', problem: scalarFactorization({ d: 1, y: 1 }), style: 'squaredNorm',
          options: { stepSize: 0.2, steps: 250, tolerance: 1e-8, divergence: 100, extent: 4.5, directions: PLANE, value: 'squaredNorm' } }],
      };
    case 'fig3':
      return {
        name, resolution: 800, columns: 1,
        caption: 'GD on (uv - 0.5)^2/2 + 0.1(u^2 + v^2), (u, v) in R^2, step size 1: red and blue converge to the two minimizers; ' +
          'the fractal convergence boundary consists of four replicates of T(dD), separated by the grey lines.',
        notes: 'y = 0.5, mu = 0.2, [-4, 4]^2 on 800 x 800 points, 100 steps (Appendix H); converged below L_min + 1e-6, diverged above 100.',
        panels: [{ title: 'Fig. 3 middle', problem: scalarFactorization({ d: 1, y: 0.5, mu: 0.2 }), style: 'minimizer', diagonals: true,
          options: { stepSize: 1, steps: 100, tolerance: 1e-6, divergence: 100, extent: 4, directions: PLANE, value: 'coordinate', coordinate: 0 } }],
      };
    case 'fig5': {
      const target = [0, 1, 2, 3].map((i) => uniform(seed, TARGET_STREAM, i));
      const problem = matrixFactorization({ d: 5, target });
      return {
        name, resolution: 400, columns: 2,
        caption: 'GD on |U^T V - Y|_F^2/2, U, V in R^{5x4}, Y diagonal with entries uniform in [0, 1]: four random 2-D slices of R^40, ' +
          'coloured by the squared Frobenius norm of the converged minimizer; white: no convergence.',
        notes: 'The paper gives neither step size nor extent: step size 0.5 and [-5, 5]^2 show the whole non-smooth boundary. ' +
          `Y = diag(${target.map((y) => y.toFixed(3)).join(', ')}) from the seed; 1000 steps, converged below 1e-6, diverged above 100.`,
        panels: [0, 1, 2, 3].map((slice) => ({
          title: `Fig. 5, slice ${slice + 1}`, problem, style: 'squaredNorm' as const,
          options: { stepSize: 0.5, steps: 1000, tolerance: 1e-6, divergence: 100, extent: 5, seed, slice, value: 'squaredNorm' as const },
        })),
      };
    }
    case 'fig8':
      return {
        name, resolution: 400, columns: 4,
        caption: 'GD on (uv - 0.8)^2/2 + (mu/2)(u^2 + v^2), mu in {0, 0.01, 0.1, 0.5}: blue converges to a global minimizer, ' +
          'white does not; red: the basin of the saddle (0, 0). The boundary is smooth at mu = 0 and grows spikes as mu increases.',
        notes: 'The paper gives neither step size nor extent: step size 1 and [-3, 3]^2. The saddle basin is drawn where neighbouring ' +
          'runs reach different minimizers (the sign of u at the end; preimages of u = -v) and where runs reach the origin.',
        panels: [0, 0.01, 0.1, 0.5].map((mu) => ({
          title: `Fig. 8, mu = ${mu}`, problem: scalarFactorization({ d: 1, y: 0.8, mu }), style: 'convergence' as const,
          options: { stepSize: 1, steps: 1000, tolerance: 1e-6, divergence: 100, extent: 3, directions: PLANE, value: 'coordinate' as const, coordinate: 0 },
        })),
      };
  }
}
