/**
 * Results out and back in: every result of the package (a sweep, an ensemble, an
 * initialization or quotient map, a preset's map panels, a figure of `reproduce`, a cluster shard) as HDF5,
 * .npz, .npy, CSV or JSON bytes, with the same dataset names in every format (docs/results.md).
 * Browser-safe: no node: imports; results-files.ts writes and reads files in Node.
 */
import type { InitializationMap } from '../mf/map.js';
import type { QuotientMap } from '../mf/quotient-map.js';
import { type ResultDocument, datasetNamed, stringAttribute } from './document.js';
import { csvTable, fromJson, toJson } from './text.js';
import { type SweepData, type EnsembleData, sweepDocument, sweepFromDocument, ensembleDocument, ensembleFromDocument } from './layout-sweep.js';
import {
  type MapPanels, initializationMapDocument, initializationMapFromDocument, panelsDocument, panelsFromDocument, quotientMapDocument, quotientMapFromDocument,
} from './layout-map.js';
import { type FigureData, figureDocument, figureFromDocument } from './layout-figure.js';
import { shardDocument, shardFromDocument } from './layout-shard.js';
import { type Shard, SHARD_FORMAT } from '../lr/shard.js';
import { encodeHdf5, decodeHdf5 } from './hdf5.js';
import { encodeNpy } from './npy.js';
import { encodeNpz, decodeNpz } from './npz.js';
import { oneOf, record } from '../validate.js';
import { packageVersion } from '../version.js';

export type { SweepData, EnsembleData, MapPanels, FigureData };

/** File formats of results. */
export const RESULT_FORMATS = ['hdf5', 'npz', 'npy', 'csv', 'json'] as const;
/** One of RESULT_FORMATS. */
export type ResultFormat = (typeof RESULT_FORMATS)[number];

/** File name extensions of each format. */
export const RESULT_EXTENSIONS: Readonly<Record<string, ResultFormat>> = {
  '.h5': 'hdf5', '.hdf5': 'hdf5', '.npz': 'npz', '.npy': 'npy', '.csv': 'csv', '.json': 'json',
};

/** The usual extension of a format (".h5" for hdf5). */
export function extensionOf(format: ResultFormat): string {
  return Object.keys(RESULT_EXTENSIONS).find((e) => RESULT_EXTENSIONS[e] === format)!;
}

/** The result kinds and what each is. */
export interface ResultKinds {
  sweep: SweepData;
  ensemble: EnsembleData;
  'initialization-map': InitializationMap;
  'quotient-map': QuotientMap;
  'map-panels': MapPanels;
  figure: FigureData;
  shard: Shard;
}
/** A result kind's name. */
export type ResultKind = keyof ResultKinds;
/** Any result `encodeResult` takes. */
export type AnyResult = ResultKinds[ResultKind];
/** A result read back, with its kind and the version of the package that wrote it. */
export type StoredResult = { [K in ResultKind]: { readonly kind: K; readonly result: ResultKinds[K]; readonly packageVersion: string } }[ResultKind];

/** Options of `encodeResult` and `writeResult`. */
export interface ResultOptions {
  /** The format (default: from the file name's extension; `encodeResult` needs it). */
  format?: ResultFormat;
  /** For .npy (one array) and CSV (one table): the dataset to write, by its name (default: the result's main one). */
  dataset?: string;
  /** The package version recorded in the file (default: this package's, read from its package.json; give it in a bundle). */
  version?: string;
}

/** The kind of a result, told by its fields; a TypeError for anything else. */
export function resultKind(result: AnyResult): ResultKind {
  const r = record('result', result);
  if (r.format === SHARD_FORMAT) return 'shard';
  if ('figure' in r && 'tables' in r && 'cells' in r) return 'figure';
  if ('panels' in r && Array.isArray(r.panels)) return 'map-panels';
  if ('replicas' in r && Array.isArray(r.replicas) && 'plan' in r) return 'ensemble';
  if ('boundaryCounts' in r && 'plan' in r) return 'sweep';
  if ('region' in r && 'outcome' in r) return 'quotient-map';
  if ('outcome' in r && 'directions' in r) return 'initialization-map';
  throw new TypeError('result must be a sweep, an ensemble (with its plan), an initialization map, a quotient map, ' +
    `map panels, a figure or a shard; got an object with fields ${Object.keys(r).join(', ')}`);
}

/** A result as its document (datasets and attributes). */
export async function resultDocument(result: AnyResult, version: string): Promise<ResultDocument> {
  switch (resultKind(result)) {
    case 'sweep': return sweepDocument(result as SweepData, version);
    case 'ensemble': return ensembleDocument(result as EnsembleData, version);
    case 'initialization-map': return initializationMapDocument(result as InitializationMap, version);
    case 'quotient-map': return quotientMapDocument(result as QuotientMap, version);
    case 'map-panels': return panelsDocument(result as MapPanels, version);
    case 'figure': return figureDocument(result as FigureData, version);
    case 'shard': return shardDocument(result as Shard);
  }
}

/** The result a document holds (by its `kind` attribute). */
export async function resultFromDocument(doc: ResultDocument, source: string): Promise<StoredResult> {
  const kind = stringAttribute(doc.attributes, 'kind');
  const packageVersion = stringAttribute(doc.attributes, 'package_version');
  switch (kind) {
    case 'sweep': return { kind, packageVersion, result: sweepFromDocument(doc) };
    case 'ensemble': return { kind, packageVersion, result: ensembleFromDocument(doc) };
    case 'initialization-map': return { kind, packageVersion, result: initializationMapFromDocument(doc) };
    case 'quotient-map': return { kind, packageVersion, result: quotientMapFromDocument(doc) };
    case 'map-panels': return { kind, packageVersion, result: panelsFromDocument(doc) };
    case 'figure': return { kind, packageVersion, result: figureFromDocument(doc) };
    case 'shard': return { kind, packageVersion, result: await shardFromDocument(doc, source) };
    default: throw new TypeError(`${source}: kind must be one of sweep, ensemble, initialization-map, quotient-map, map-panels, figure, shard; got ${JSON.stringify(kind)}`);
  }
}

/** The format a file name asks for, or a RangeError listing the extensions. */
export function formatOfPath(path: string): ResultFormat {
  const m = /\.[^./\\]+$/.exec(path);
  const format = m ? RESULT_EXTENSIONS[m[0].toLowerCase()] : undefined;
  if (!format) throw new RangeError(`the file name must end in ${Object.keys(RESULT_EXTENSIONS).join(', ')} (or give format); got ${JSON.stringify(path)}`);
  return format;
}

/**
 * The bytes of a result document in a format: `hdf5`, `npz`, `npy` (one dataset: `dataset`, or the
 * document's primary one), `csv` (that dataset's table) or `json`. For documents built by hand (the web
 * explorer's views); `encodeResult` builds them from the package's results.
 */
export async function encodeDocument(doc: ResultDocument, options: Pick<ResultOptions, 'dataset'> & { format: ResultFormat }): Promise<Uint8Array> {
  const format = oneOf('format', record('options', options).format, RESULT_FORMATS);
  const chosen = () => datasetNamed(doc, options.dataset ?? doc.primary);
  switch (format) {
    case 'hdf5': return encodeHdf5(doc);
    case 'npz': return encodeNpz(doc);
    case 'npy': return encodeNpy(chosen());
    case 'csv': return new TextEncoder().encode(csvTable(doc, chosen()));
    case 'json': return new TextEncoder().encode(toJson(doc));
  }
}

/** The bytes of a result in a format: `hdf5`, `npz`, `npy` (one dataset), `csv` (one table) or `json`. */
export async function encodeResult(result: AnyResult, options: ResultOptions & { format: ResultFormat }): Promise<Uint8Array> {
  oneOf('format', record('options', options).format, RESULT_FORMATS);
  return encodeDocument(await resultDocument(result, options.version ?? await packageVersion()), options);
}

/** The result in the bytes of an `hdf5`, `npz` or `json` file this package wrote (`source` names it in errors). */
export async function decodeResult(bytes: Uint8Array, format: ResultFormat, source = 'result'): Promise<StoredResult> {
  const f = oneOf('format', format, RESULT_FORMATS);
  if (f === 'npy' || f === 'csv') {
    throw new RangeError(`format must be hdf5, npz or json to read a result back (a ${f} file holds one array or table, not the plan); got ${f}`);
  }
  const doc = f === 'hdf5' ? await decodeHdf5(bytes, source) : f === 'npz' ? decodeNpz(bytes, source) : fromJson(new TextDecoder().decode(bytes), source);
  return resultFromDocument(doc, source);
}
