/**
 * Canvas helpers shared by the views: device-pixel sizing and axes with tick labels.
 */
import { type Window, ticks } from './axis.js';

/** Theme colours shared with style.css. */
export const INK = '#1f2328';
export const MUTED = '#6e7781';
const FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif';

/** Sizes the canvas's backing store to its CSS box times devicePixelRatio; returns the context and scale. */
export function fitCanvas(canvas: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; dpr: number; width: number; height: number } {
  const dpr = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * dpr));
  const height = Math.max(1, Math.round(canvas.clientHeight * dpr));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  return { ctx: canvas.getContext('2d')!, dpr, width, height };
}

/** Sets a font of `px` CSS pixels. */
export function font(ctx: CanvasRenderingContext2D, px: number, dpr: number): void {
  ctx.font = `${px * dpr}px ${FONT}`;
}

/**
 * A horizontal axis under a plot spanning [left, left + width) device pixels: tick marks at `top`
 * and labels that never overlap (fewer ticks when the labels need more digits).
 */
export function axisX(ctx: CanvasRenderingContext2D, w: Window, left: number, top: number, width: number, dpr: number, title: string): void {
  font(ctx, 11, dpr);
  let list = ticks(w, 8);
  for (let n = 8; n > 2; n--) {
    list = ticks(w, n);
    const widest = Math.max(...list.map((t) => ctx.measureText(t.label).width));
    if ((widest + 16 * dpr) * list.length <= width) break;
  }
  ctx.fillStyle = INK;
  ctx.strokeStyle = INK;
  ctx.lineWidth = dpr;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of list) {
    const x = Math.round(left + ((t.value - w[0]) / (w[1] - w[0])) * width) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + 5 * dpr);
    ctx.stroke();
    const half = ctx.measureText(t.label).width / 2;
    ctx.fillText(t.label, Math.min(left + width - half, Math.max(left + half, x)), top + 7 * dpr);
  }
  ctx.fillStyle = MUTED;
  ctx.textAlign = 'right';
  ctx.fillText(title, left + width, top + 22 * dpr);
}

/** A vertical axis left of a plot spanning [top, top + height) device pixels, labels right-aligned at `right`. */
export function axisY(ctx: CanvasRenderingContext2D, w: Window, right: number, top: number, height: number, dpr: number, title: string): void {
  font(ctx, 11, dpr);
  ctx.fillStyle = INK;
  ctx.strokeStyle = INK;
  ctx.lineWidth = dpr;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks(w, Math.max(2, Math.floor(height / (28 * dpr))))) {
    const y = Math.round(top + height - ((t.value - w[0]) / (w[1] - w[0])) * height) + 0.5;
    ctx.beginPath();
    ctx.moveTo(right - 5 * dpr, y);
    ctx.lineTo(right, y);
    ctx.stroke();
    ctx.fillText(t.label, right - 7 * dpr, y);
  }
  ctx.save();
  ctx.fillStyle = MUTED;
  ctx.translate(11 * dpr, top);
  if (title.length > 2) ctx.rotate(-Math.PI / 2); // short names read better upright
  ctx.textAlign = title.length > 2 ? 'right' : 'center';
  ctx.fillText(title, 0, title.length > 2 ? 0 : 6 * dpr);
  ctx.restore();
}
