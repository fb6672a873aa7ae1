// The GD sweep as a plain JavaScript loop (V8's Math.sin/Math.cos), for the benchmark only:
// same grid, same evaluation order, threshold criterion. It is the "what you would write in
// JS" baseline; its classes can differ from the reference deep down (V8's sine is not musl's).
const TWO_PI = 2 * Math.PI;

/** Sweeps 2^levels + 1 learning rates in [0, 1.5] on a 1D or d-dim family; returns the steps executed. */
export function jsSweep({ family, epsilon, lambda, dim = 1 }, { levels, steps = 1000, bound, x0 = 1 }) {
  const n = 2 ** levels;
  let total = 0;
  const x = new Float64Array(dim);
  const s = new Float64Array(dim);
  for (let j = 0; j <= n; j++) {
    const lr = 0 + 1.5 * (j / n);
    x.fill(x0);
    let k = 1;
    if (dim === 1 && family !== 'multiplicativeND' && family !== 'additiveND') {
      let xv = x0;
      let a = (TWO_PI * xv) / lambda;
      let sn = Math.sin(a);
      let m = 1 + epsilon * Math.cos(a);
      let g = family === 'additive' ? 2 * xv - (TWO_PI * epsilon * sn) / lambda : 2 * xv * m - (TWO_PI * (xv * xv) * epsilon * sn) / lambda;
      for (; k <= steps; k++) {
        xv = xv - lr * g;
        a = (TWO_PI * xv) / lambda;
        sn = Math.sin(a);
        const c = Math.cos(a);
        let f;
        if (family === 'additive') {
          f = xv * xv + epsilon * c;
          g = 2 * xv - (TWO_PI * epsilon * sn) / lambda;
        } else {
          m = 1 + epsilon * c;
          f = xv * xv * m;
          g = 2 * xv * m - (TWO_PI * (xv * xv) * epsilon * sn) / lambda;
        }
        if (!(f <= bound)) break;
      }
    } else {
      // d dimensions, multiplicative or additive
      const prepare = () => {
        let sq = 0, cs = 0, ad = 0;
        for (let i = 0; i < dim; i++) {
          const a = (TWO_PI * x[i]) / lambda;
          const c = Math.cos(a);
          s[i] = Math.sin(a);
          sq += x[i] * x[i];
          cs += c;
          ad += x[i] * x[i] + epsilon * c;
        }
        return [sq, cs, ad];
      };
      let [sq, cs, ad] = prepare();
      for (; k <= steps; k++) {
        if (family === 'additiveND') {
          for (let i = 0; i < dim; i++) x[i] = x[i] - lr * (2 * x[i] - (TWO_PI * epsilon * s[i]) / lambda);
        } else {
          const m = 1 + epsilon * cs;
          const kk = TWO_PI * sq * epsilon;
          for (let i = 0; i < dim; i++) x[i] = x[i] - lr * (2 * x[i] * m - (kk * s[i]) / lambda);
        }
        [sq, cs, ad] = prepare();
        const f = family === 'additiveND' ? ad : sq * (1 + epsilon * cs);
        if (!(f <= bound)) break;
      }
    }
    total += Math.min(k, steps);
  }
  return total;
}
