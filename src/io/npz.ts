/**
 * numpy's .npz: a zip of .npy files, one per dataset (`numpy.load(file)["counts"]`), written
 * and read with fflate. Attributes travel in one more array, `attributes`: a 0-d string holding
 * the result's, the groups' and each dataset's attributes as JSON (`json.loads(str(f["attributes"]))`).
 */
import { zipSync, unzipSync } from 'fflate';
import { type Attributes, type ResultDocument, plainDocument } from './document.js';
import { encodeNpy, decodeNpy } from './npy.js';

/** The entry holding the attributes. */
export const NPZ_ATTRIBUTES = 'attributes';

/** What the `attributes` entry holds. */
interface AttributeEntry {
  readonly attributes: Attributes;
  readonly groups: Readonly<Record<string, Attributes>>;
  readonly datasets: Readonly<Record<string, Attributes>>;
  readonly primary: string;
}

/** A result document as the bytes of an .npz file (deflate-compressed, like numpy.savez_compressed). */
export function encodeNpz(document: ResultDocument): Uint8Array {
  const doc = plainDocument(document);
  const entry: AttributeEntry = {
    attributes: doc.attributes, groups: doc.groups, primary: doc.primary,
    datasets: Object.fromEntries(doc.datasets.map((d) => [d.name, d.attributes])),
  };
  const files: Record<string, Uint8Array> = {
    [`${NPZ_ATTRIBUTES}.npy`]: encodeNpy({ name: NPZ_ATTRIBUTES, dtype: 'str', shape: [], data: [JSON.stringify(entry)], attributes: {} }),
  };
  for (const d of doc.datasets) {
    if (d.name === NPZ_ATTRIBUTES) throw new RangeError(`dataset name ${NPZ_ATTRIBUTES} is reserved in .npz files`);
    files[`${d.name}.npy`] = encodeNpy(d);
  }
  return zipSync(files, { level: 1 }); // as hdf5.ts: level 6 is ten times slower on class arrays
}

/** Reads an .npz file written by encodeNpz back into a result document. */
export function decodeNpz(bytes: Uint8Array, source: string): ResultDocument {
  const files = unzipSync(bytes);
  const meta = files[`${NPZ_ATTRIBUTES}.npy`];
  if (!meta) throw new TypeError(`${source}: an .npz result needs its ${NPZ_ATTRIBUTES} entry (written by this package); it has ${Object.keys(files).join(', ')}`);
  const entry = JSON.parse((decodeNpy(meta, source).data as string[])[0]) as AttributeEntry;
  const datasets = Object.entries(entry.datasets).map(([name, attributes]) => {
    const file = files[`${name}.npy`];
    if (!file) throw new TypeError(`${source}: entry ${name}.npy is missing`);
    return { ...decodeNpy(file, name), attributes };
  });
  return { attributes: entry.attributes, groups: entry.groups, datasets, primary: entry.primary };
}
