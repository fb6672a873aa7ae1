/**
 * The file layout of matrix-factorization maps: an initialization map (outcome, iterations
 * and the end-of-run scalars per pixel, the slice it was taken on) and a quotient map (outcome,
 * region, state space and boundary in the (z, w) plane), as [height, width] images with row 0
 * at the top, the pixel coordinates beside them, and the problem and stopping rules as attributes.
 */
import type { InitializationMap, MapValue } from '../mf/map.js';
import type { QuotientMap } from '../mf/quotient-map.js';
import type { StopSettings } from '../mf/stops.js';
import type { GridAxes } from '../mf/grid.js';
import { columnCoordinate, rowCoordinate } from '../mf/grid.js';
import { OUTCOMES, countOutcomes } from '../mf/outcome.js';
import {
  type Attribute, type Dataset, type DatasetData, type Dtype, type ResultDocument,
  dataset, datasetNamed, int, jsonAttribute, numberAttribute, stringAttribute,
} from './document.js';

/** Initialization maps of a preset's panels, each with its title. */
export interface MapPanels {
  readonly panels: readonly { readonly title: string; readonly map: InitializationMap }[];
}

const OUTCOME_UNITS = OUTCOMES.map((name, id) => `${id} = ${name}`).join(', ');

/** The attributes every map has: problem, step size, stopping rules, pixel grid, timing. */
function mapAttributes(m: InitializationMap | QuotientMap, x: string, y: string): Record<string, Attribute> {
  return {
    d: int(m.problem.d), dy: int(m.problem.dy), target: m.problem.target, mu: m.problem.mu, step_size: m.stepSize,
    steps: int(m.stops.steps), loss_below: m.stops.lossBelow, loss_above: m.stops.lossAbove, norm_below: m.stops.normBelow,
    coordinate: int(m.stops.coordinate), width: int(m.width), height: int(m.height), [`${x}_range`]: m.axes.x, [`${y}_range`]: m.axes.y,
    outcome_names: [...OUTCOMES], ...Object.fromEntries(OUTCOMES.map((o) => [`count_${o}`, int(m.counts[o])])),
    total_steps: int(m.totalSteps), elapsed_seconds: m.elapsedSeconds, threads: int(m.threads),
    problem: JSON.stringify(m.problem), stops: JSON.stringify(m.stops), axes: JSON.stringify(m.axes),
  };
}

/** An image dataset [height, width]. */
function image(prefix: string, name: string, dtype: Dtype, m: { width: number; height: number }, data: DatasetData, units: string, description: string): Dataset {
  return dataset(prefix + name, dtype, [m.height, m.width], data, { units, description: `${description}; row 0 is the top (largest y)`, dimensions: ['row', 'column'] });
}

/** The coordinates of the columns and rows. */
function coordinates(prefix: string, axes: GridAxes, x: string, y: string): Dataset[] {
  return [
    dataset(prefix + x, 'float64', [axes.width], Float64Array.from({ length: axes.width }, (_, c) => columnCoordinate(axes, c)), { units: '1', description: `${x} of each column`, dimensions: ['column'] }),
    dataset(prefix + y, 'float64', [axes.height], Float64Array.from({ length: axes.height }, (_, r) => rowCoordinate(axes, r)), { units: '1', description: `${y} of each row (top row first)`, dimensions: ['row'] }),
  ];
}

/** The attributes and datasets of one initialization map (names under `prefix`). */
function initializationParts(m: InitializationMap, prefix: string): { attributes: Record<string, Attribute>; datasets: Dataset[] } {
  const n = m.center.length;
  return {
    attributes: { kind: 'initialization-map', ...mapAttributes(m, 'x', 'y'), value_name: m.valueName, ...(m.seed === undefined ? {} : { seed: int(m.seed) }) },
    datasets: [
      image(prefix, 'outcome', 'uint8', m, m.outcome, OUTCOME_UNITS, 'what gradient descent from each pixel came to'),
      image(prefix, 'iterations', 'int32', m, m.iterations, 'steps', 'steps until the run stopped'),
      image(prefix, 'squared_norm', 'float64', m, m.squaredNorm, '1', '|U|^2 + |V|^2 at the end of each run'),
      image(prefix, 'imbalance', 'float64', m, m.imbalance, '1', '|U U^T - V V^T|_F at the end of each run'),
      image(prefix, 'coordinate', 'float64', m, m.coordinate, '1', 'theta[coordinate] at the end of each run'),
      image(prefix, 'value', 'float64', m, m.value, '1', `${m.valueName} where the run reached a minimizer (NaN elsewhere)`),
      ...coordinates(prefix, m.axes, 'x', 'y'),
      dataset(`${prefix}center`, 'float64', [n], m.center, { units: '1', description: 'centre of the slice (theta = center + x d1 + y d2)', dimensions: ['parameter'] }),
      dataset(`${prefix}directions`, 'float64', [2, n], [...m.directions[0], ...m.directions[1]], { units: '1', description: 'the directions d1 (columns) and d2 (rows)', dimensions: ['direction', 'parameter'] }),
    ],
  };
}

/** An initialization map as a result document. */
export function initializationMapDocument(m: InitializationMap, version: string): ResultDocument {
  const { attributes, datasets } = initializationParts(m, '');
  return { attributes: { ...attributes, package_version: version }, groups: {}, datasets, primary: 'outcome' };
}

/** The panels of a preset as a result document: one group per panel (`panel-0`, ...). */
export function panelsDocument(p: MapPanels, version: string): ResultDocument {
  const groups: Record<string, Record<string, Attribute>> = {};
  const datasets: Dataset[] = [];
  p.panels.forEach(({ title, map }, k) => {
    const parts = initializationParts(map, `panel-${k}/`);
    groups[`panel-${k}`] = { ...parts.attributes, title };
    datasets.push(...parts.datasets);
  });
  return { attributes: { kind: 'map-panels', package_version: version, panels: int(p.panels.length) }, groups, datasets, primary: 'panel-0/outcome' };
}

/** Restores an initialization map from its attributes and datasets (names under `prefix`). */
function initializationFrom(doc: ResultDocument, a: ResultDocument['attributes'], prefix: string): InitializationMap {
  const get = (name: string) => datasetNamed(doc, prefix + name).data;
  const outcome = Uint8Array.from(get('outcome') as ArrayLike<number>);
  const center = Array.from(get('center') as ArrayLike<number>);
  const directions = Array.from(get('directions') as ArrayLike<number>);
  return {
    problem: jsonAttribute(a, 'problem'), stepSize: numberAttribute(a, 'step_size'), stops: jsonAttribute<StopSettings>(a, 'stops'),
    axes: jsonAttribute<GridAxes>(a, 'axes'), center, directions: [directions.slice(0, center.length), directions.slice(center.length)],
    ...(a.seed === undefined ? {} : { seed: numberAttribute(a, 'seed') }),
    width: numberAttribute(a, 'width'), height: numberAttribute(a, 'height'), outcome,
    iterations: Int32Array.from(get('iterations') as ArrayLike<number>), squaredNorm: Float64Array.from(get('squared_norm') as ArrayLike<number>),
    imbalance: Float64Array.from(get('imbalance') as ArrayLike<number>), coordinate: Float64Array.from(get('coordinate') as ArrayLike<number>),
    value: Float64Array.from(get('value') as ArrayLike<number>), valueName: stringAttribute(a, 'value_name') as MapValue,
    counts: countOutcomes(outcome), totalSteps: numberAttribute(a, 'total_steps'), elapsedSeconds: numberAttribute(a, 'elapsed_seconds'),
    threads: numberAttribute(a, 'threads'),
  };
}

/** An initialization map restored from its document. */
export function initializationMapFromDocument(doc: ResultDocument): InitializationMap {
  return initializationFrom(doc, doc.attributes, '');
}

/** A preset's panels restored from their document. */
export function panelsFromDocument(doc: ResultDocument): MapPanels {
  const count = numberAttribute(doc.attributes, 'panels');
  return {
    panels: Array.from({ length: count }, (_, k) => {
      const a = doc.groups[`panel-${k}`];
      if (!a) throw new TypeError(`group panel-${k} is missing (the file has ${count} panels)`);
      return { title: stringAttribute(a, 'title'), map: initializationFrom(doc, a, `panel-${k}/`) };
    }),
  };
}

/** A quotient map as a result document. */
export function quotientMapDocument(q: QuotientMap, version: string): ResultDocument {
  return {
    attributes: { kind: 'quotient-map', package_version: version, ...mapAttributes(q, 'z', 'w') },
    groups: {},
    datasets: [
      image('', 'outcome', 'uint8', q, q.outcome, OUTCOME_UNITS, 'what the quotient map from each (z, w) came to'),
      image('', 'iterations', 'int32', q, q.iterations, 'steps', 'steps until the run stopped'),
      image('', 'region', 'uint8', q, q.region, '1 = in the region', 'runs that reach a global minimizer or the saddle (the projected region T(D u S))'),
      image('', 'domain', 'uint8', q, q.domain, '1 = in the state space', 'the state space w >= 2|z|'),
      image('', 'boundary', 'uint8', q, q.boundary, '1 = on the boundary', "the region's boundary inside the state space"),
      ...coordinates('', q.axes, 'z', 'w'),
    ],
    primary: 'region',
  };
}

/** A quotient map restored from its document. */
export function quotientMapFromDocument(doc: ResultDocument): QuotientMap {
  const a = doc.attributes;
  const bytes = (name: string) => Uint8Array.from(datasetNamed(doc, name).data as ArrayLike<number>);
  const outcome = bytes('outcome');
  return {
    problem: jsonAttribute(a, 'problem'), stepSize: numberAttribute(a, 'step_size'), stops: jsonAttribute<StopSettings>(a, 'stops'),
    axes: jsonAttribute<GridAxes>(a, 'axes'), width: numberAttribute(a, 'width'), height: numberAttribute(a, 'height'),
    outcome, iterations: Int32Array.from(datasetNamed(doc, 'iterations').data as ArrayLike<number>),
    region: bytes('region'), domain: bytes('domain'), boundary: bytes('boundary'), counts: countOutcomes(outcome),
    totalSteps: numberAttribute(a, 'total_steps'), elapsedSeconds: numberAttribute(a, 'elapsed_seconds'), threads: numberAttribute(a, 'threads'),
  };
}
