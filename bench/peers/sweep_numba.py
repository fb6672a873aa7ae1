"""The peer a Python programmer would write: the same learning-rate sweep (Liu's 1-D families,
threshold criterion, same grid and evaluation order) as a numba loop, prange over learning rates
on every core, numpy's sin/cos (libm).
    python3 sweep_numba.py FAMILY LEVELS     (FAMILY: additive | multiplicative)
Prints one JSON line: {"counts": [...], "steps": N, "seconds": S, "threads": T}; the time
excludes the JIT compile (a small warm-up sweep runs first)."""
import json
import math
import sys
import time

import numba
import numpy as np


@numba.njit(parallel=True, cache=False)
def classify(levels, mult):
    n = 1 << levels
    eps, lam, bound, two_pi, steps = 0.2, 0.1, 1e8, 2 * math.pi, 1000
    cls = np.zeros(n + 1, np.uint8)
    used = np.zeros(n + 1, np.int64)
    for j in numba.prange(n + 1):
        lr = 0.0 + 1.5 * (j / n)
        x = 1.0
        a = (two_pi * x) / lam
        if mult:
            g = 2 * x * (1 + eps * math.cos(a)) - two_pi * (x * x) * eps * math.sin(a) / lam
        else:
            g = 2 * x - two_pi * eps * math.sin(a) / lam
        k = 1
        div = 0
        while k <= steps:
            x = x - lr * g
            a = (two_pi * x) / lam
            s = math.sin(a)
            c = math.cos(a)
            f = (x * x) * (1 + eps * c) if mult else x * x + eps * c
            if not (f <= bound):
                div = 1
                break
            g = 2 * x * (1 + eps * c) - two_pi * (x * x) * eps * s / lam if mult else 2 * x - two_pi * eps * s / lam
            k += 1
        cls[j] = div
        used[j] = k if div else steps
    return cls, used.sum()


def main():
    family, levels = sys.argv[1], int(sys.argv[2])
    mult = family == "multiplicative"
    classify(4, mult)  # compile
    t0 = time.perf_counter()
    cls, steps = classify(levels, mult)
    seconds = time.perf_counter() - t0
    counts = [int(np.count_nonzero(cls[: -1 : 1 << (levels - k)] != cls[1 << (levels - k) :: 1 << (levels - k)])) for k in range(levels + 1)]
    print(json.dumps({"counts": counts, "steps": int(steps), "seconds": seconds, "threads": numba.get_num_threads()}))


main()
