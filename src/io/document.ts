/**
 * A result as a file sees it: named arrays (datasets, with their shape, element type and
 * attributes such as units) and attributes (the plan, the package version). Every result
 * kind maps to one of these (layouts.ts) and every file format writes one (hdf5.ts, npy.ts,
 * npz.ts, results.ts), so the names are the same in every format.
 */

/** An integer attribute (written as int64; plain numbers are written as float64). */
export interface IntAttribute { readonly int: number }

/** What an attribute holds. */
export type Attribute = string | number | boolean | IntAttribute | readonly number[] | readonly string[];

/** Attributes by name. */
export type Attributes = Readonly<Record<string, Attribute>>;

/** Element types of datasets (numpy's names). */
export type Dtype = 'uint8' | 'int32' | 'int64' | 'float64' | 'str';

/** The arrays each element type is held in (int64 values as numbers, exact up to 2^53). */
export type DatasetData = Uint8Array | Int32Array | Float64Array | readonly number[] | readonly string[];

/** One named array, row-major. */
export interface Dataset {
  /** Path inside the result, '/' between groups ("counts", "panel-0/outcome"). */
  readonly name: string;
  readonly dtype: Dtype;
  readonly shape: readonly number[];
  readonly data: DatasetData;
  /** `units` and `description` at least. */
  readonly attributes: Attributes;
}

/** A result ready to be written. */
export interface ResultDocument {
  /** Attributes of the whole result (the root group): `kind`, `package_version`, the plan. */
  readonly attributes: Attributes;
  /** Attributes of groups by path ("panel-0"). */
  readonly groups: Readonly<Record<string, Attributes>>;
  readonly datasets: readonly Dataset[];
  /** The dataset a one-array format (.npy) writes unless another is named. */
  readonly primary: string;
}

/** An integer attribute. */
export function int(value: number): IntAttribute {
  return { int: value };
}

/** Whether an attribute is an integer attribute. */
export function isInt(value: unknown): value is IntAttribute {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as IntAttribute).int === 'number';
}

/** A document for JSON-based formats: integer attributes as plain numbers (readers see `levels: 16`). */
export function plainDocument(doc: ResultDocument): ResultDocument {
  const plain = (a: Attributes): Attributes => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, isInt(v) ? v.int : v]));
  return {
    ...doc, attributes: plain(doc.attributes), groups: Object.fromEntries(Object.entries(doc.groups).map(([g, a]) => [g, plain(a)])),
    datasets: doc.datasets.map((d) => ({ ...d, attributes: plain(d.attributes) })),
  };
}

/** The number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** What every dataset says about itself: its units, what it is, and the names of its axes. */
export interface DatasetNotes {
  readonly units: string;
  readonly description: string;
  /** One name per axis ("k"; "row", "column"). */
  readonly dimensions: readonly string[];
}

/** A dataset, checked: the data's length matches the shape and the axes are named. */
export function dataset(name: string, dtype: Dtype, shape: readonly number[], data: DatasetData, notes: DatasetNotes): Dataset {
  if (data.length !== sizeOf(shape)) throw new RangeError(`dataset ${name} must have ${sizeOf(shape)} elements for shape [${shape.join(', ')}]; got ${data.length}`);
  if (notes.dimensions.length !== shape.length) throw new RangeError(`dataset ${name} must name ${shape.length} dimensions; got ${notes.dimensions.length}`);
  return { name, dtype, shape, data, attributes: { ...notes } };
}

/** The dataset named `name`, or a RangeError listing the names. */
export function datasetNamed(doc: ResultDocument, name: string): Dataset {
  const d = doc.datasets.find((x) => x.name === name);
  if (!d) throw new RangeError(`dataset must be one of ${doc.datasets.map((x) => x.name).join(', ')}; got ${JSON.stringify(name)}`);
  return d;
}

/** The dataset named `name` if present. */
export function maybeDataset(doc: ResultDocument, name: string): Dataset | undefined {
  return doc.datasets.find((x) => x.name === name);
}

/** A string attribute, or a TypeError naming it. */
export function stringAttribute(attributes: Attributes, name: string): string {
  const v = attributes[name];
  if (typeof v !== 'string') throw new TypeError(`attribute ${name} must be a string; got ${JSON.stringify(v)}`);
  return v;
}

/** A number attribute (float or integer), or a TypeError naming it. */
export function numberAttribute(attributes: Attributes, name: string): number {
  const v = attributes[name];
  const n = isInt(v) ? v.int : v;
  if (typeof n !== 'number') throw new TypeError(`attribute ${name} must be a number; got ${JSON.stringify(v)}`);
  return n;
}

/** A JSON-valued string attribute, parsed. */
export function jsonAttribute<T>(attributes: Attributes, name: string): T {
  return JSON.parse(stringAttribute(attributes, name)) as T;
}
