/**
 * The file layout of a figure of `fractal-gd reproduce`: its tables (one group per table,
 * one dataset per column, as in its CSV files), its cells (key, cost, and the boundary counts
 * per cell and level when the cells are sweeps, with each sweep's plan fields per cell), the
 * settings as attributes, and everything plotted as JSON (`data_json`) so the figure can be
 * redrawn from the file (`recipe.finish(cells' results, settings)`).
 */
import type { Row, Settings } from '../reproduce/recipe.js';
import type { SweepPlan } from '../lr/plan.js';
import { type Attribute, type Dataset, type ResultDocument, dataset, datasetNamed, int, numberAttribute, stringAttribute } from './document.js';
import { planAttributes } from './layout-sweep.js';

/** A figure's results as a file holds them. */
export interface FigureData {
  readonly figure: string;
  readonly title: string;
  readonly settings: Settings;
  /** Everything plotted and reported (what data.json holds beside the settings and cells). */
  readonly data: Readonly<Record<string, unknown>>;
  /** Tables by name, as written to the CSV files. */
  readonly tables: Readonly<Record<string, readonly Row[]>>;
  /** Each cell's key, result (plain JSON) and, for sweep cells, its plan. */
  readonly cells: readonly { readonly key: string; readonly result: unknown; readonly plan?: SweepPlan }[];
}

/** Marks a float column whose NaN entries were empty cells. */
const BLANK = 'NaN is an empty cell';
/** Marks a uint8 column of booleans. */
const BOOLEAN = '1 = true, 0 = false';

/** One table column as a dataset: integers as int64, numbers (or blanks) as float64, booleans as uint8, anything else as strings. */
function column(name: string, values: readonly (number | string | boolean)[]): Dataset {
  const notes = (units: string) => ({ units, description: `column ${name.split('/').at(-1)} of the table`, dimensions: ['row'] });
  const shape = [values.length];
  if (values.every((v) => typeof v === 'number')) {
    const ints = (values as number[]).every((v) => Number.isSafeInteger(v) && !Object.is(v, -0));
    return dataset(name, ints ? 'int64' : 'float64', shape, values as number[], notes(''));
  }
  if (values.every((v) => typeof v === 'number' || v === '')) {
    return dataset(name, 'float64', shape, values.map((v) => (v === '' ? NaN : v as number)), notes(BLANK));
  }
  if (values.every((v) => typeof v === 'boolean')) return dataset(name, 'uint8', shape, Uint8Array.from(values as boolean[], Number), notes(BOOLEAN));
  return dataset(name, 'str', shape, values.map(String), notes(''));
}

/** The column's values back as table entries. */
function entries(d: Dataset): (number | string | boolean)[] {
  const units = d.attributes.units;
  if (units === BOOLEAN) return Array.from(d.data as ArrayLike<number>, (v) => v !== 0);
  if (units === BLANK) return Array.from(d.data as ArrayLike<number>, (v) => (Number.isNaN(v) ? '' : v));
  return d.dtype === 'str' ? [...(d.data as readonly string[])] : Array.from(d.data as ArrayLike<number>);
}

/** Scalar plan attributes, and which of them every sweep cell shares. */
function cellPlans(cells: FigureData['cells']): { shared: Record<string, Attribute>; varying: Dataset[] } {
  const plans = cells.map((c) => (c.plan ? planAttributes(c.plan) : undefined));
  if (plans.length === 0 || plans.some((p) => p === undefined)) return { shared: {}, varying: [] };
  const names = [...new Set(plans.flatMap((p) => Object.keys(p!)))].filter((k) => k !== 'plan');
  const shared: Record<string, Attribute> = {};
  const varying: Dataset[] = [];
  for (const name of names) {
    const values = plans.map((p) => p![name]);
    const text = values.map((v) => JSON.stringify(v ?? null));
    if (text.every((t) => t === text[0]) && values[0] !== undefined) shared[name] = values[0];
    else {
      const scalar = values.map((v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as { int: number }).int : v));
      if (scalar.every((v) => typeof v === 'number' || v === undefined)) {
        varying.push(dataset(`cells/${name}`, 'float64', [cells.length], scalar.map((v) => (v === undefined ? NaN : v as number)), { units: '', description: `${name} of each cell's sweep (NaN: none)`, dimensions: ['cell'] }));
      } else varying.push(dataset(`cells/${name}`, 'str', [cells.length], scalar.map((v) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v))), { units: '', description: `${name} of each cell's sweep`, dimensions: ['cell'] }));
    }
  }
  return { shared, varying };
}

/** The boundary counts of every cell, when every cell's result has counts of one length. */
function cellCounts(cells: FigureData['cells']): Dataset[] {
  const counts = cells.map((c) => (c.result as { counts?: unknown }).counts);
  if (counts.length === 0 || !counts.every((c): c is number[] => Array.isArray(c) && c.length === (counts[0] as number[]).length)) return [];
  return [dataset('cells/counts', 'int64', [cells.length, counts[0].length], counts.flat(), { units: 'boundary segments', description: '|B_N| per cell (row) and level k (column)', dimensions: ['cell', 'k'] })];
}

/** A figure as a result document. */
export function figureDocument(f: FigureData, version: string): ResultDocument {
  const groups: Record<string, Record<string, Attribute>> = { tables: {} };
  const datasets: Dataset[] = [];
  for (const [name, rows] of Object.entries(f.tables)) {
    groups[`tables/${name}`] = { rows: int(rows.length) };
    const columns = rows.length ? Object.keys(rows[0]) : [];
    if (columns.length) groups[`tables/${name}`].columns = columns;
    for (const c of columns) datasets.push(column(`tables/${name}/${c}`, rows.map((r) => r[c] ?? '')));
  }
  const { shared, varying } = cellPlans(f.cells);
  groups.cells = { cells: int(f.cells.length) };
  const n = f.cells.length;
  const cost = (name: 'steps' | 'seconds') => f.cells.map((c) => Number((c.result as Record<string, unknown>)[name] ?? NaN));
  datasets.push(
    dataset('cells/key', 'str', [n], f.cells.map((c) => c.key), { units: '', description: 'what each cell computes (its checkpoint key)', dimensions: ['cell'] }),
    dataset('cells/steps', cost('steps').every(Number.isSafeInteger) ? 'int64' : 'float64', [n], cost('steps'), { units: 'GD steps', description: 'gradient-descent steps each cell executed', dimensions: ['cell'] }),
    dataset('cells/seconds', 'float64', [n], cost('seconds'), { units: 's', description: 'wall-clock seconds of each cell', dimensions: ['cell'] }),
    ...cellCounts(f.cells), ...varying,
    dataset('cells/results_json', 'str', [1], [JSON.stringify(f.cells.map((c) => c.result))], { units: '', description: "every cell's result as JSON", dimensions: ['one'] }),
    dataset('data_json', 'str', [1], [JSON.stringify(f.data)], { units: '', description: 'everything plotted and reported, as JSON (data.json without settings and cells)', dimensions: ['one'] }),
  );
  const firstTable = Object.keys(f.tables).find((t) => f.tables[t].length > 0);
  return {
    attributes: {
      kind: 'figure', package_version: version, figure: f.figure, title: f.title, ...shared,
      levels: int(f.settings.levels), quick: f.settings.quick, seed: int(f.settings.seed), replicas: int(f.settings.replicas),
      settings: JSON.stringify(f.settings),
    },
    groups,
    datasets,
    primary: firstTable ? `tables/${firstTable}/${Object.keys(f.tables[firstTable][0])[0]}` : 'cells/key',
  };
}

/** A figure restored from its document (sweep plans are not restored: the cells' keys say what they computed). */
export function figureFromDocument(doc: ResultDocument): FigureData {
  const a = doc.attributes;
  const tables: Record<string, Row[]> = {};
  for (const [group, attrs] of Object.entries(doc.groups)) {
    const m = /^tables\/(.+)$/.exec(group);
    if (!m) continue;
    const rows = numberAttribute(attrs, 'rows');
    const names = attrs.columns === undefined ? [] : Array.isArray(attrs.columns) ? attrs.columns as string[] : [String(attrs.columns)];
    const columns = names.map((c) => [c, entries(datasetNamed(doc, `${group}/${c}`))] as const);
    tables[m[1]] = Array.from({ length: rows }, (_, i) => Object.fromEntries(columns.map(([c, v]) => [c, v[i]])));
  }
  const results = JSON.parse((datasetNamed(doc, 'cells/results_json').data as string[])[0]) as unknown[];
  const keys = datasetNamed(doc, 'cells/key').data as readonly string[];
  return {
    figure: stringAttribute(a, 'figure'), title: stringAttribute(a, 'title'), settings: JSON.parse(stringAttribute(a, 'settings')) as Settings,
    data: JSON.parse((datasetNamed(doc, 'data_json').data as string[])[0]) as Record<string, unknown>,
    tables, cells: keys.map((key, i) => ({ key, result: results[i] })),
  };
}
