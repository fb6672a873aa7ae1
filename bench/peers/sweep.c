/*
 * The peer a C programmer would write: the same learning-rate sweep (Liu's 1-D families, threshold
 * criterion, same grid and evaluation order), OpenMP over learning rates, libm's sin/cos.
 *   gcc -O3 -march=native -fopenmp sweep.c -lm -o sweep
 *   ./sweep FAMILY LEVELS            (FAMILY: additive | multiplicative; eps 0.2, lambda 0.1, x0 1, 1000 steps, bound 1e8)
 * Prints one JSON line: {"counts": [...], "steps": N, "seconds": S, "threads": T}.
 */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: sweep additive|multiplicative LEVELS\n"); return 2; }
  const int mult = strcmp(argv[1], "multiplicative") == 0;
  const int levels = atoi(argv[2]);
  const long n = 1L << levels;
  const double eps = 0.2, lambda = 0.1, bound = 1e8, two_pi = 2 * M_PI;
  const int steps = 1000;
  unsigned char *cls = malloc(n + 1);
  long total = 0;
  double t0 = omp_get_wtime();
#pragma omp parallel for schedule(dynamic, 256) reduction(+ : total)
  for (long j = 0; j <= n; j++) {
    const double lr = 0 + 1.5 * ((double)j / (double)n);
    double x = 1, a = (two_pi * x) / lambda;
    double g = mult ? 2 * x * (1 + eps * cos(a)) - two_pi * (x * x) * eps * sin(a) / lambda
                    : 2 * x - two_pi * eps * sin(a) / lambda;
    int k = 1, div = 0;
    for (; k <= steps; k++) {
      x = x - lr * g;
      a = (two_pi * x) / lambda;
      const double s = sin(a), c = cos(a);
      const double f = mult ? (x * x) * (1 + eps * c) : x * x + eps * c;
      if (!(f <= bound)) { div = 1; break; }
      g = mult ? 2 * x * (1 + eps * c) - two_pi * (x * x) * eps * s / lambda : 2 * x - two_pi * eps * s / lambda;
    }
    cls[j] = (unsigned char)div;
    total += div ? k : steps;
  }
  const double seconds = omp_get_wtime() - t0;
  printf("{\"counts\": [");
  for (int lv = 0; lv <= levels; lv++) {
    const long stride = 1L << (levels - lv);
    long c = 0;
    for (long j = 0; j < (1L << lv); j++) c += cls[j * stride] != cls[(j + 1) * stride];
    printf(lv ? ", %ld" : "%ld", c);
  }
  printf("], \"steps\": %ld, \"seconds\": %.6f, \"threads\": %d}\n", total, seconds, omp_get_max_threads());
  free(cls);
  return 0;
}
