/**
 * numpy's .npy format, version 1.0 (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
 * a magic string, a little-endian header length, a Python dict literal naming the element
 * type, the order and the shape, padded so the data starts at a multiple of 64 bytes, then
 * the elements. `numpy.load` reads these files without pickle.
 */
import { type Dataset, type DatasetData, type Dtype, sizeOf } from './document.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/** numpy's type descriptor of a dtype (strings: UTF-32 of the longest string's length). */
function descr(dtype: Dtype, data: DatasetData): string {
  switch (dtype) {
    case 'uint8': return '|u1';
    case 'int32': return '<i4';
    case 'int64': return '<i8';
    case 'float64': return '<f8';
    case 'str': return `<U${Math.max(1, ...(data as readonly string[]).map((s) => [...s].length))}`;
  }
}

/** The element bytes of a dataset, little-endian. */
function body(d: Dataset, width: number): Uint8Array {
  const n = d.data.length;
  if (d.dtype === 'uint8') return new Uint8Array((d.data as Uint8Array).buffer, (d.data as Uint8Array).byteOffset, n);
  if (d.dtype === 'str') {
    const out = new Uint32Array(n * width);
    (d.data as readonly string[]).forEach((s, i) => [...s].forEach((c, k) => (out[i * width + k] = c.codePointAt(0)!)));
    return new Uint8Array(out.buffer);
  }
  const bytes = d.dtype === 'int32' ? 4 : 8;
  const out = new DataView(new ArrayBuffer(n * bytes));
  for (let i = 0; i < n; i++) {
    const v = (d.data as ArrayLike<number>)[i];
    if (d.dtype === 'int32') out.setInt32(i * 4, v, true);
    else if (d.dtype === 'int64') out.setBigInt64(i * 8, BigInt(v), true);
    else out.setFloat64(i * 8, v, true);
  }
  return new Uint8Array(out.buffer);
}

/** A dataset as the bytes of a .npy file. */
export function encodeNpy(d: Dataset): Uint8Array {
  const type = descr(d.dtype, d.data);
  const shape = d.shape.length === 1 ? `(${d.shape[0]},)` : `(${d.shape.join(', ')})`;
  let header = `{'descr': '${type}', 'fortran_order': False, 'shape': ${shape}, }`;
  const unpadded = MAGIC.length + 4 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  if (header.length > 0xffff) throw new RangeError(`dataset ${d.name} has a .npy header of ${header.length} bytes; version 1.0 allows 65535`);
  const data = body(d, d.dtype === 'str' ? Number(type.slice(2)) : 0);
  const out = new Uint8Array(MAGIC.length + 4 + header.length + data.length);
  out.set(MAGIC);
  out[6] = 1;
  out[7] = 0;
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(data, 10 + header.length);
  return out;
}

/** The dtype and data of a .npy file's elements (the types encodeNpy writes). */
function elements(type: string, bytes: Uint8Array, n: number, name: string): { dtype: Dtype; data: DatasetData } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === '|u1') return { dtype: 'uint8', data: bytes.slice(0, n) };
  if (type === '<i4') return { dtype: 'int32', data: Int32Array.from({ length: n }, (_, i) => view.getInt32(i * 4, true)) };
  if (type === '<i8') return { dtype: 'int64', data: Array.from({ length: n }, (_, i) => Number(view.getBigInt64(i * 8, true))) };
  if (type === '<f8') return { dtype: 'float64', data: Float64Array.from({ length: n }, (_, i) => view.getFloat64(i * 8, true)) };
  const m = /^<U(\d+)$/.exec(type);
  if (!m) throw new TypeError(`${name}: .npy element type ${type} is not one this package writes (|u1, <i4, <i8, <f8, <U)`);
  const width = Number(m[1]);
  const data = Array.from({ length: n }, (_, i) => {
    const codes: number[] = [];
    for (let k = 0; k < width; k++) {
      const c = view.getUint32((i * width + k) * 4, true);
      if (c === 0) break;
      codes.push(c);
    }
    return String.fromCodePoint(...codes);
  });
  return { dtype: 'str', data };
}

/** Reads a .npy file written by encodeNpy (C order, little-endian) back into a dataset named `name`. */
export function decodeNpy(bytes: Uint8Array, name: string): Dataset {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new TypeError(`${name}: not a .npy file (no \\x93NUMPY magic)`);
  const major = bytes[6];
  const length = major === 1 ? bytes[8] | (bytes[9] << 8) : new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(bytes.subarray(start, start + length));
  const type = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (type === undefined || shapeText === undefined || !/'fortran_order':\s*False/.test(header)) {
    throw new TypeError(`${name}: .npy header must give descr, shape and fortran_order False; got ${header.trim()}`);
  }
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  const { dtype, data } = elements(type, bytes.subarray(start + length), sizeOf(shape), name);
  return { name, dtype, shape, data, attributes: {} };
}
