"""Reads result files written by fractal-trainability with h5py and numpy (test/results.test.ts).

Usage: read-results.py FILE... ; prints one JSON object per file (in order, one per line):
for .h5 its attributes and every dataset's shape, dtype and SHA-256 of its bytes (C order,
little-endian) and, for small integer datasets, its values; for .npy the same of its one array;
for .npz each entry's.
"""
import hashlib
import json
import sys

import h5py
import numpy


def plain(value):
    """An attribute as JSON: numpy scalars and arrays as numbers and lists, bytes as text."""
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, numpy.ndarray):
        return [plain(v) for v in value.tolist()]
    if isinstance(value, numpy.generic):
        return value.item()
    return value


def describe(array):
    """Shape, dtype, digest and (small integer arrays) values of an array."""
    a = numpy.ascontiguousarray(array)
    out = {"shape": list(a.shape), "dtype": a.dtype.str, "sha256": hashlib.sha256(a.tobytes()).hexdigest()}
    if a.dtype.kind in "iu" and a.size <= 4096:
        out["values"] = a.ravel().tolist()
    if a.dtype.kind in "iuf" and a.size > 0:
        out["sum"] = float(numpy.nansum(a, dtype=numpy.float64))
    return out


def dataset(obj):
    """An HDF5 dataset: its array's description (strings: shape and the first values), attributes and storage."""
    if obj.dtype.kind == "O":
        head = {"shape": list(obj.shape), "dtype": "str", "first": [plain(v) for v in obj[()].ravel()[:3]]}
    else:
        head = describe(obj[()])
    return {**head, "attrs": {k: plain(v) for k, v in obj.attrs.items()},
            "compression": obj.compression, "chunks": list(obj.chunks) if obj.chunks else None}


def read_h5(path):
    with h5py.File(path, "r") as f:
        datasets = {}
        f.visititems(lambda name, obj: datasets.__setitem__(name, dataset(obj)) if isinstance(obj, h5py.Dataset) else None)
        return {"attrs": {k: plain(v) for k, v in f.attrs.items()}, "datasets": datasets}


def read_npz(path):
    with numpy.load(path) as f:
        out = {name: describe(f[name]) for name in f.files if name != "attributes"}
        return {"datasets": out, "attrs": json.loads(str(f["attributes"]))["attributes"]}


for path in sys.argv[1:]:
    if path.endswith(".npy"):
        result = describe(numpy.load(path))
    elif path.endswith(".npz"):
        result = read_npz(path)
    else:
        result = read_h5(path)
    print(json.dumps(result))
