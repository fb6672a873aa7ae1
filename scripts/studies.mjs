#!/usr/bin/env node
// The two studies of docs/studies.md, computed with the package (build it first: npm run build).
//   node scripts/studies.mjs momentum [--levels 20] [--threads 2] [--images docs/images]
//   node scripts/studies.mjs perturbations [--levels 20] [--threads 2] [--images docs/images]
// Each prints its tables (Markdown, as docs/optimizers.md and docs/studies.md show them) and writes
// its picture to the --images folder (study-momentum.png, study-perturbations.png). Every sweep starts at x0 = 1 and
// uses the threshold criterion; dimensions are fitted by the paper's rule (boxDimension: the
// levels with |B| > 1), with the least-squares standard error of the slope.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sweep, additive, defineLoss, boxDimension, formulaMinCurvature, learningRate } from '../dist/index.js';
import { errorBarChart } from '../dist/plot/errorbars.js';
import { chartToSvg, svgToPng } from '../dist/plot/render.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    levels: { type: 'string', default: '20' },
    threads: { type: 'string', default: '2' },
    images: { type: 'string', default: fileURLToPath(new URL('../docs/images/', import.meta.url)) },
  },
});
const study = positionals[0];
const levels = Number(values.levels);
const threads = Number(values.threads);

/** Draws a chart to <images>/<name>.png. */
async function draw(name, chart) {
  const file = join(values.images, `${name}.png`);
  writeFileSync(file, svgToPng(await chartToSvg(chart)));
  console.log(`\nwrote ${file}`);
}

/** The fitted dimension as the tables print it (parenthesized when three levels or fewer carry it). */
function dimensionText(d) {
  if (d.dimension === 0) return `- (${d.levels.length} level${d.levels.length === 1 ? '' : 's'} with \\|B\\| > 1)`;
  const text = `${d.dimension.toFixed(3)} ± ${d.stderr.toFixed(3)}`;
  return d.levels.length <= 3 ? `(${text})` : text;
}

/** The last five levels' counts, the fit and its levels, as table cells. */
function cells(counts, d) {
  const range = d.levels.length ? `${d.levels[0]}..${d.levels.at(-1)}` : '-';
  return `${counts.slice(-5).join(', ')} | ${dimensionText(d)} | ${range}`;
}

/** Fig. 2a's loss under heavy-ball momentum: the dimension against beta. */
async function momentum() {
  const fig2a = additive({ epsilon: 0.2, lambda: 0.1 });
  const points = [];
  console.log(`| beta | \\|B\\| at levels ${levels - 4} .. ${levels} | dimension ± fit error | levels fitted |`);
  console.log('| --- | --- | --- | --- |');
  for (let i = 0; i <= 9; i++) {
    const beta = i / 10;
    // the window scales with the quadratic's step limit 1 + beta: Fig. 2a's [0, 1.5] at beta = 0
    const r = await sweep(fig2a, { x0: 1, levels, lr: [0, 1.5 * (1 + beta)], threads, optimizer: { kind: 'momentum', beta } });
    const d = boxDimension(r.boundaryCounts);
    console.log(`| ${beta}${beta === 0 ? ' (GD)' : ''} | ${cells(r.boundaryCounts, d)} |`);
    if (d.dimension > 0) {
      const group = beta === 0 ? 'GD (beta = 0)' : d.levels.length > 3 ? 'momentum' : 'momentum, 3 levels fitted';
      points.push({ x: beta, y: d.dimension, err: d.stderr, group });
    }
  }
  const gd = points.find((p) => p.x === 0);
  await draw('study-momentum', errorBarChart({
    title: "Box dimension of Fig. 2a's boundary under heavy-ball momentum",
    subtitle: `x^2 + 0.2 cos(2 pi x / 0.1), x0 = 1, lr in [0, 1.5 (1 + beta)], levels ${levels}; bars: ± one fit standard error`,
    xTitle: 'momentum beta',
    yTitle: 'box dimension',
    points,
    level: gd && { y: gd.y, label: `GD: ${gd.y.toFixed(3)}` },
  }));
}

/** The perturbations compared: Liu's cosine and two that are not cosines (lambda = 0.1). */
const PERTURBATIONS = [
  { name: 'cos', loss: 'x^2 + eps*cos(2*pi*x/lambda)', gradient: '2*x - 2*pi*eps*sin(2*pi*x/lambda)/lambda' },
  { name: '|sin|', loss: 'x^2 + eps*abs(sin(2*pi*x/lambda))', gradient: '2*x + 2*pi*eps/lambda*sign(sin(2*pi*x/lambda))*cos(2*pi*x/lambda)' },
  { name: 'exp(cos)', loss: 'x^2 + eps*exp(cos(2*pi*x/lambda))' },
];
const LAMBDA = 0.1;
const EPSILONS = [0.0002, 0.0003, 0.0005, 0.00075, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3];
/** Where these boundaries are: a sweep of lr in [0, 2] at levels 16 finds every transition in it. */
const WINDOW = [1, 1.5];

/** Non-cosine perturbations: where convexity breaks, the dimension against eps (drawn: fitted on the finest five levels), and the derived gradient of |sin|. */
async function perturbations() {
  const points = [];
  for (const p of PERTURBATIONS) {
    const unit = await defineLoss({ loss: p.loss, gradient: p.gradient, params: { eps: 1, lambda: LAMBDA } });
    // f'' = 2 + eps * min p'': convex while eps <= epsC = -2 / min p'' (min over one wavelength)
    const minPerturbation = (await formulaMinCurvature(unit, [0, LAMBDA])).value - 2;
    const epsC = -2 / minPerturbation;
    console.log(`\n${p.name}: ${p.loss}; gradient ${unit.gradient}`);
    console.log(`min f'' = 2 - ${(-minPerturbation).toFixed(2)} eps: convex for eps <= ${epsC.toPrecision(4)} (eps/lambda^2 <= ${(epsC / LAMBDA ** 2).toPrecision(4)})`);
    console.log(`| eps | eps/eps_c | \\|B\\| at levels ${levels - 4} .. ${levels} | dimension ± fit error | levels fitted | levels ${levels - 4}..${levels} only | kernel |`);
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const eps of EPSILONS) {
      const loss = await defineLoss({ loss: p.loss, gradient: p.gradient, params: { eps, lambda: LAMBDA } });
      const r = await sweep(loss, { x0: 1, levels, lr: WINDOW, threads });
      const d = boxDimension(r.boundaryCounts);
      const fine = boxDimension(r.boundaryCounts, { minLevel: levels - 4 });
      console.log(`| ${eps} | ${(eps / epsC).toPrecision(3)} | ${cells(r.boundaryCounts, d)} | ${fine.dimension ? dimensionText(fine) : '-'} | ${r.kernel} |`);
      // a boundary of one segment is not fractal (drawn at 0); too few levels with |B| > 1 to fit: not drawn
      if (fine.dimension > 0 || r.boundaryCounts.at(-1) === 1) points.push({ x: eps / epsC, y: fine.dimension, err: fine.stderr, group: p.name });
    }
  }
  await draw('study-perturbations', errorBarChart({
    title: 'Boundary dimension against roughness: cos, |sin|, exp(cos)',
    subtitle: [
      `x^2 + eps p(2 pi x / 0.1), x0 = 1, lr in [${WINDOW.join(', ')}], fitted on levels ${levels - 4}..${levels}; bars: ± one fit standard error`,
      "eps_c: where f'' first dips below 0 (formulaMinCurvature); at 0: one boundary point, not fractal",
    ],
    xTitle: 'eps / eps_c (log scale)',
    yTitle: 'box dimension',
    points,
    xLog: true,
    rule: { x: 1, label: 'convexity breaks' },
    legendOrient: 'bottom-right',
  }));
  await derivedAbs();
}

/** |sin| with the gradient mathjs derives (abs(u)/u * u'): how its classes differ from the sign gradient's. */
async function derivedAbs() {
  const [, abs] = PERTURBATIONS;
  const params = { eps: 0.2, lambda: LAMBDA };
  const given = await defineLoss({ loss: abs.loss, gradient: abs.gradient, params });
  const derived = await defineLoss({ loss: abs.loss, params });
  const opts = { x0: 1, levels: 16, lr: WINDOW, threads, keep: { classes: true } };
  const [a, b] = [await sweep(given, opts), await sweep(derived, opts)];
  let differ = 0;
  for (let j = 0; j < a.divergent.length; j++) differ += a.divergent[j] !== b.divergent[j] ? 1 : 0;
  console.log(`\n|sin|, eps 0.2, without gradient: defineLoss derives ${derived.gradient}`);
  console.log(`levels 16, lr in [${WINDOW.join(', ')}]: |B| at 12..16 ${a.boundaryCounts.slice(-5).join(', ')} (sign gradient), ${b.boundaryCounts.slice(-5).join(', ')} (derived); ${differ} of ${a.divergent.length} classes differ`);
  // from x0 = 0 the derived gradient is 0/0: NaN, a divergent run; sign's is 0, a fixed point
  const zero = { x0: 0, levels: 4, lr: [0.5, 1], threads: 1, keep: { classes: true } };
  const [za, zb] = [await sweep(given, zero), await sweep(derived, zero)];
  console.log(`x0 = 0: divergent runs ${za.divergent.reduce((s, v) => s + v, 0)} of ${za.divergent.length} (sign gradient), ${zb.divergent.reduce((s, v) => s + v, 0)} of ${zb.divergent.length} (derived), e.g. lr ${learningRate(za.plan, 0)}`);
}

if (study === 'momentum') await momentum();
else if (study === 'perturbations') await perturbations();
else {
  console.error('usage: node scripts/studies.mjs momentum|perturbations [--levels 20] [--threads 2] [--images docs/images]');
  process.exit(2);
}
