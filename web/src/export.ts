/**
 * Saving the view: the canvas as PNG, the data behind it as JSON, and its arrays as HDF5 or
 * .npy for Python, MATLAB and Julia (docs/results.md). HDF5 loads h5wasm on the first click only.
 */
import { type ResultDocument, type ResultDataset, encodeDocument } from 'fractal-trainability';
import { version } from '../../package.json';
import type { ViewState } from './state.js';

function download(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** Downloads the canvas as a PNG file. */
export function savePng(canvas: HTMLCanvasElement, name: string): void {
  canvas.toBlob((blob) => blob && download(blob, `${name}.png`), 'image/png');
}

/** Downloads `data` as pretty-printed JSON (typed arrays as plain arrays). */
export function saveJson(data: unknown, name: string): void {
  const text = JSON.stringify(data, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v), 1);
  download(new Blob([text], { type: 'application/json' }), `${name}.json`);
}

/** The package version the explorer was built from (recorded in its files). */
export const PACKAGE_VERSION = version;

/** A view's arrays as a result document: `kind` explorer-<view>, the link and the state as attributes. */
export function viewDocument(view: string, state: ViewState, link: string, datasets: readonly ResultDataset[], primary: string): ResultDocument {
  return {
    attributes: { kind: `explorer-${view}`, package_version: version, link, state: JSON.stringify(state) },
    groups: {}, datasets, primary,
  };
}

/** Downloads a result document as HDF5 (`.h5`) or its main array as `.npy`. */
export async function saveResult(doc: ResultDocument, name: string, format: 'hdf5' | 'npy'): Promise<void> {
  const bytes = await encodeDocument(doc, { format });
  download(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), `${name}${format === 'hdf5' ? '.h5' : '.npy'}`);
}
