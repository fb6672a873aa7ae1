/**
 * The flags that describe a sweep (loss, grid, criterion, execution), shared by every
 * subcommand that runs one, and their translation into a loss and SweepOptions. The
 * library validates the values, so errors name the parameter exactly as the API does.
 */
import { Command, Option } from 'commander';
import { Interrupted } from './exit.js';
import {
  type Loss, FAMILIES, quadratic, additive, multiplicative, twoCosine, additiveND, multiplicativeND,
} from '../lr/losses.js';
import type { SweepOptions, Criterion, NanRule } from '../lr/plan.js';
import { defineLoss } from '../formula/define.js';
import { OPTIMIZER_KINDS, OPTIMIZER_DEFAULTS, kindsWith, type OptimizerOptions } from '../lr/optimizer.js';

/** Parsed values of the sweep flags. */
export interface SweepFlags {
  family?: string;
  loss?: string; gradient?: string; param?: string[];
  epsilon?: string; lambda?: string;
  epsilon1?: string; lambda1?: string; epsilon2?: string; lambda2?: string;
  dim?: string;
  x0: string;
  lrMin: string; lrMax: string;
  levels: string; steps: string;
  criterion: string; bound?: string; nan?: string;
  threads?: string; kernel: string;
  optimizer?: string; beta?: string; beta1?: string; beta2?: string; adamEpsilon?: string;
}

/** Adds the sweep flags to a command. */
export function addSweepFlags(cmd: Command, defaults: { levels?: string } = {}): Command {
  return cmd
    .addOption(new Option('--family <name>', 'loss family (default additive)').choices([...FAMILIES]))
    .option('--loss <formula>', 'a loss written as a formula in x, e.g. "x^2 + eps*cos(2*pi*x/lambda)" (instead of --family; with --dim d > 1, in x_i and sum(...))')
    .option('--gradient <formula>', 'its derivative in x, or component i in x_i (with --loss; derived symbolically when absent)')
    .option('--param <name=value>', 'a parameter of --loss (repeatable, or comma-separated)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--epsilon <eps>', 'perturbation amplitude (additive, multiplicative, ND)', '0.2')
    .option('--lambda <lambda>', 'perturbation wavelength, > 0', '0.1')
    .option('--epsilon1 <eps>', 'first amplitude (twoCosine)')
    .option('--lambda1 <lambda>', 'first wavelength (twoCosine)', '0.3')
    .option('--epsilon2 <eps>', 'second amplitude (twoCosine)')
    .option('--lambda2 <lambda>', 'second wavelength (twoCosine)', '0.5')
    .option('--dim <d>', 'dimension (additiveND, multiplicativeND, or a --loss formula in x_i)')
    .option('--x0 <x>', 'initial point: one number, or comma-separated values per coordinate', '1')
    .option('--lr-min <lr>', 'smallest learning rate', '0')
    .option('--lr-max <lr>', 'largest learning rate', '1.5')
    .option('--levels <n>', 'finest level n: 2^n + 1 learning rates (0..40)', defaults.levels ?? '20')
    .option('--steps <k>', 'GD steps per learning rate', '1000')
    .addOption(new Option('--criterion <kind>', 'divergence criterion')
      .choices(['threshold', 'threshold-inclusive', 'sum']).default('threshold'))
    .option('--bound <b>', 'divergence bound (default 1e8, 1e8*dim for ND families, 1e16 for sum)')
    .addOption(new Option('--nan <rule>', 'how a NaN loss counts under the threshold criteria (bounded: as the published scripts)')
      .choices(['divergent', 'bounded']))
    .addOption(new Option('--optimizer <kind>', 'optimizer (docs/optimizers.md; default gd)').choices([...OPTIMIZER_KINDS]))
    .option('--beta <b>', `momentum coefficient in [0, 1) (momentum, nesterov; default ${OPTIMIZER_DEFAULTS.beta})`)
    .option('--beta1 <b>', `first-moment decay in [0, 1) (adam; default ${OPTIMIZER_DEFAULTS.beta1})`)
    .option('--beta2 <b>', `second-moment decay in [0, 1) (adam; default ${OPTIMIZER_DEFAULTS.beta2})`)
    .option('--adam-epsilon <e>', `Adam's epsilon, > 0 (default ${OPTIMIZER_DEFAULTS.epsilon})`)
    .option('--threads <t>', 'worker threads (default: all cores)')
    .addOption(new Option('--kernel <k>', 'kernel build').choices(['auto', 'scalar', 'simd']).default('auto'));
}

/** A number from a flag; anything unparsable becomes NaN, which the library rejects by name. */
export function num(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return text.trim() === '' ? NaN : Number(text);
}

/** `--param` values (`name=value`, repeated or comma-separated) as parameters. */
export function paramsFromFlags(values: readonly string[] = []): Record<string, number> {
  const params: Record<string, number> = {};
  for (const item of values.flatMap((v) => v.split(','))) {
    const m = /^\s*([^=\s]+)\s*=(.*)$/.exec(item);
    if (!m) throw new RangeError(`--param must be name=value (for example eps=0.2); got ${JSON.stringify(item)}`);
    if (Object.hasOwn(params, m[1])) throw new RangeError(`--param ${m[1]} is given twice`);
    params[m[1]] = num(m[2]) as number;
  }
  return params;
}

/** The loss the flags describe: a built-in family, or a formula (`--loss`). */
export async function lossFromFlags(f: SweepFlags): Promise<Loss> {
  if (f.loss !== undefined) {
    if (f.family !== undefined) throw new RangeError(`--loss and --family exclude each other; got --family ${f.family} and --loss ${JSON.stringify(f.loss)}`);
    return defineLoss({ loss: f.loss, gradient: f.gradient, params: paramsFromFlags(f.param), ...(f.dim === undefined ? {} : { dim: num(f.dim) as number }) });
  }
  if (f.gradient !== undefined || f.param !== undefined) throw new RangeError('--gradient and --param need --loss <formula>');
  const epsilon = num(f.epsilon) as number;
  const lambda = num(f.lambda) as number;
  switch (f.family ?? 'additive') {
    case 'quadratic': return quadratic();
    case 'additive': return additive({ epsilon, lambda });
    case 'multiplicative': return multiplicative({ epsilon, lambda });
    case 'twoCosine':
      return twoCosine({
        epsilon1: num(f.epsilon1 ?? f.epsilon) as number, lambda1: num(f.lambda1) as number,
        epsilon2: num(f.epsilon2 ?? f.epsilon) as number, lambda2: num(f.lambda2) as number,
      });
    case 'additiveND': return additiveND({ dim: num(f.dim ?? '1') as number, epsilon, lambda });
    case 'multiplicativeND': return multiplicativeND({ dim: num(f.dim ?? '1') as number, epsilon, lambda });
    default: throw new RangeError(`--family must be one of ${FAMILIES.join(', ')}; got ${f.family}`);
  }
}

/** Each optimizer parameter's flag: [attribute of SweepFlags, flag, the parameter's name in OptimizerOptions]. */
export const OPTIMIZER_FLAGS = [
  ['beta', '--beta', 'beta'],
  ['beta1', '--beta1', 'beta1'],
  ['beta2', '--beta2', 'beta2'],
  ['adamEpsilon', '--adam-epsilon', 'epsilon'],
] as const;

/** The optimizer the flags describe (undefined: the default, GD); a parameter flag of another optimizer is refused. */
export function optimizerFromFlags(f: SweepFlags): OptimizerOptions | undefined {
  const kind = (f.optimizer ?? 'gd') as OptimizerOptions['kind'];
  for (const [key, flag, parameter] of OPTIMIZER_FLAGS) {
    const kinds = kindsWith(parameter);
    if (f[key] !== undefined && !kinds.includes(kind)) {
      throw new RangeError(`${flag} applies to --optimizer ${kinds.join(' or ')} only; got it with --optimizer ${kind}`);
    }
  }
  switch (kind) {
    case 'gd': return f.optimizer === undefined ? undefined : { kind };
    case 'momentum': case 'nesterov': return { kind, beta: num(f.beta) };
    case 'adam': return { kind, beta1: num(f.beta1), beta2: num(f.beta2), epsilon: num(f.adamEpsilon) };
  }
}

/** The sweep options the flags describe (no callbacks). */
export function optionsFromFlags(f: SweepFlags): SweepOptions {
  const x0parts = f.x0.split(',').map((s) => num(s) as number);
  const criterion: Criterion = f.criterion === 'sum'
    ? { kind: 'sum', bound: num(f.bound), nan: f.nan as 'divergent' | undefined }
    : { kind: 'threshold', bound: num(f.bound), inclusive: f.criterion === 'threshold-inclusive', nan: f.nan as NanRule | undefined };
  return {
    x0: x0parts.length === 1 ? x0parts[0] : x0parts,
    lr: [num(f.lrMin) as number, num(f.lrMax) as number],
    levels: num(f.levels),
    steps: num(f.steps),
    criterion,
    optimizer: optimizerFromFlags(f),
    threads: num(f.threads),
    kernel: f.kernel as SweepOptions['kernel'],
  };
}

/** `text` quoted for a POSIX shell where it needs quoting. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** The command line this process was started with, as `fractal-gd ...`, plus `extra` flags it lacks. */
export function thisCommand(extra: readonly string[] = []): string {
  const args = process.argv.slice(2);
  return ['fractal-gd', ...args, ...extra.filter((f) => !args.includes(f))].map(shellWord).join(' ');
}

/**
 * Runs `run` with an AbortSignal that fires on Ctrl-C (SIGINT), so long jobs stop within a
 * second (every kernel call is budgeted, busy workers are terminated); an interrupted run throws
 * `Interrupted`, whose message ends with `resume` (the command that resumes it) when given.
 * A second Ctrl-C exits at once.
 */
export async function withInterrupt<T>(run: (signal: AbortSignal) => Promise<T>, resume?: string): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => {
    process.once('SIGINT', () => process.exit(130));
    controller.abort(new Interrupted(`interrupted (SIGINT)${resume ? `; resume with:\n  ${resume}` : ''}`));
  };
  process.once('SIGINT', onSigint);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
