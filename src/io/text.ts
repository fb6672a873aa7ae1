/**
 * The text formats of result documents: CSV (one table: a dataset and its group's datasets of
 * its shape) and JSON (the whole document, typed arrays as plain arrays, non-finite numbers as
 * strings).
 */
import { csvFormatRows } from 'd3-dsv';
import { type Dataset, type ResultDocument, plainDocument, sizeOf } from './document.js';

/**
 * The table of a dataset: it and every dataset of its group with its shape, one column each,
 * after one index column per axis (named by the datasets' `dimensions`).
 */
export function csvTable(doc: ResultDocument, primary: Dataset): string {
  const group = primary.name.split('/').slice(0, -1).join('/');
  const same = doc.datasets.filter((d) => d.name.split('/').slice(0, -1).join('/') === group && d.shape.join() === primary.shape.join());
  const axes = (primary.attributes.dimensions as readonly string[] | undefined) ?? primary.shape.map((_, i) => `axis${i}`);
  const header = [...axes, ...same.map((d) => d.name.split('/').at(-1)!)];
  const shape = primary.shape;
  const rows: string[][] = [header];
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < sizeOf(shape); i++) {
    rows.push([...index.map(String), ...same.map((d) => String(d.data[i]))]);
    for (let k = shape.length - 1; k >= 0 && ++index[k] === shape[k]; k--) index[k] = 0;
  }
  return csvFormatRows(rows) + '\n';
}

/** A document as JSON text: attributes, groups, and each dataset with its dtype, shape, attributes and data. */
export function toJson(document: ResultDocument): string {
  const doc = plainDocument(document);
  return JSON.stringify({
    format: 'fractal-trainability/result', ...doc,
    datasets: doc.datasets.map((d) => ({ ...d, data: Array.from(d.data as ArrayLike<number | string>, (v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) })),
  });
}

/** A document from JSON text written by toJson. */
export function fromJson(text: string, source: string): ResultDocument {
  const doc = JSON.parse(text) as ResultDocument & { format?: string };
  if (doc.format !== 'fractal-trainability/result') throw new TypeError(`${source}: format must be "fractal-trainability/result"; got ${JSON.stringify(doc.format)}`);
  return { ...doc, datasets: doc.datasets.map((d) => ({ ...d, data: d.dtype === 'str' ? d.data : (d.data as readonly (number | string)[]).map(Number) })) };
}
