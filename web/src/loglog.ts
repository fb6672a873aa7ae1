/**
 * The small log-log chart: log2 of a box count against the level k (boxes of size 2^-k of
 * the window), with the least-squares line over the fitted levels.
 */
import { INK, MUTED, fitCanvas, font } from './canvas.js';

/** Box counts by level: counts[i] boxes at level levels[i]. */
export interface LevelCounts {
  readonly levels: readonly number[];
  readonly counts: readonly number[];
}

/** A fitted line log2 count = intercept + dimension * k over `levels` (dimension 0: no fit). */
export interface Fit {
  readonly dimension: number;
  readonly stderr: number;
  readonly intercept: number;
  readonly levels: readonly number[];
}

/** Draws the non-zero counts as points (filled when used in the fit) and the fitted line. */
export function drawLogLog(canvas: HTMLCanvasElement, data: LevelCounts, fit: Fit, yLabel: string): void {
  const { ctx, dpr, width, height } = fitCanvas(canvas);
  ctx.clearRect(0, 0, width, height);
  const left = 40 * dpr;
  const bottom = height - 34 * dpr;
  const top = 10 * dpr;
  const right = width - 12 * dpr;
  const n = Math.max(1, ...data.levels);
  const points = data.levels.map((k, i) => ({ k, c: data.counts[i] })).filter((p) => p.c > 0); // log2 0 is off the chart
  const yMax = Math.max(1, Math.ceil(Math.max(0, ...points.map((p) => Math.log2(p.c)))));
  const px = (k: number) => left + (k / n) * (right - left);
  const py = (v: number) => bottom - (v / yMax) * (bottom - top);

  font(ctx, 11, dpr);
  ctx.strokeStyle = '#d0d7de';
  ctx.fillStyle = INK;
  ctx.lineWidth = dpr;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const xStep = Math.ceil(n / 10);
  for (let k = 0; k <= n; k += xStep) {
    ctx.beginPath();
    ctx.moveTo(px(k), top);
    ctx.lineTo(px(k), bottom);
    ctx.stroke();
    ctx.fillText(String(k), px(k), bottom + 4 * dpr);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const yStep = Math.ceil(yMax / 6);
  for (let v = 0; v <= yMax; v += yStep) {
    ctx.beginPath();
    ctx.moveTo(left, py(v));
    ctx.lineTo(right, py(v));
    ctx.stroke();
    ctx.fillText(String(v), left - 5 * dpr, py(v));
  }
  ctx.fillStyle = MUTED;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText('level k  (boxes of width 2^-k)', (left + right) / 2, height - 2 * dpr);
  ctx.save();
  ctx.translate(11 * dpr, (top + bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(yLabel, 0, 0);
  ctx.restore();

  const used = new Set(fit.dimension > 0 ? fit.levels : []);
  if (used.size > 0) {
    const k0 = fit.levels[0];
    const k1 = fit.levels[fit.levels.length - 1];
    ctx.strokeStyle = '#cf222e';
    ctx.lineWidth = 1.5 * dpr;
    ctx.beginPath();
    ctx.moveTo(px(k0), py(fit.intercept + fit.dimension * k0));
    ctx.lineTo(px(k1), py(fit.intercept + fit.dimension * k1));
    ctx.stroke();
  }
  ctx.strokeStyle = INK;
  ctx.lineWidth = dpr;
  for (const { k, c } of points) {
    ctx.beginPath();
    ctx.arc(px(k), py(Math.log2(c)), 3 * dpr, 0, 2 * Math.PI);
    ctx.fillStyle = used.has(k) ? INK : '#ffffff';
    ctx.fill();
    ctx.stroke();
  }
}

/** The fitted dimension as the readout shows it. */
export function describeFit(data: LevelCounts, fit: Fit, what: string): string {
  if (data.counts.every((c) => c === 0)) return `no ${what} in this window`;
  if (fit.dimension === 0) return `no fractal ${what}: fewer than 3 levels to fit`;
  return `D = ${fit.dimension.toFixed(3)} ± ${fit.stderr.toFixed(3)}  (levels ${fit.levels[0]}–${fit.levels[fit.levels.length - 1]})`;
}
