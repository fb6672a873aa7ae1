/**
 * Zoom gestures on a plot: drag a range (or a rectangle) to zoom into it, wheel to zoom about
 * the cursor, double-click to reset; on the focused plot, + and - zoom about the centre and 0
 * (or Home) resets. Positions are fractions of the plot rectangle: x from the
 * left edge, y from the BOTTOM edge (so y grows upward like the plotted value).
 */

/** The plot rectangle in CSS pixels relative to the canvas. */
export interface PlotRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** What the gestures ask for. */
export interface ZoomHandlers {
  /** A dragged range: x fractions, and y fractions unless the drag was (nearly) horizontal. */
  select(x0: number, x1: number, y?: readonly [number, number]): void;
  /** Zoom by `factor` (< 1: in) about (x, y). */
  wheel(x: number, y: number, factor: number): void;
  reset(): void;
  /** The pointer is over (x, y) without dragging; undefined when it left the plot. */
  hover(at?: { x: number; y: number }): void;
}

const DRAG_PX = 4;
/** One key press zooms in (or out) by this factor. */
const KEY_FACTOR = 0.5;
const WHEEL_IDLE_MS = 120;

/**
 * Wires the gestures to `canvas`. `box` is an absolutely positioned element in the canvas's
 * (relatively positioned) parent that shows the dragged range. `twoD`: rectangles, not x ranges.
 */
export function attachZoom(canvas: HTMLCanvasElement, box: HTMLElement, rect: () => PlotRect, twoD: boolean, h: ZoomHandlers): void {
  /** The event's position in canvas CSS pixels (px, py) and as plot fractions (x, y). */
  const local = (e: MouseEvent) => {
    const b = canvas.getBoundingClientRect();
    const r = rect();
    const px = e.clientX - b.left;
    const py = e.clientY - b.top;
    const x = (px - r.left) / r.width;
    const y = 1 - (py - r.top) / r.height;
    return { px, py, x, y, inside: x >= 0 && x <= 1 && y >= 0 && y <= 1 };
  };
  /** Where the current drag started. */
  let start: ReturnType<typeof local> | undefined;
  const showBox = (x0: number, y0: number, x1: number, y1: number) => {
    const r = rect();
    const flat = !twoD || Math.abs(y1 - y0) < DRAG_PX;
    Object.assign(box.style, {
      display: 'block',
      left: `${canvas.offsetLeft + Math.min(x0, x1)}px`, width: `${Math.abs(x1 - x0)}px`,
      top: `${canvas.offsetTop + (flat ? r.top : Math.min(y0, y1))}px`, height: `${flat ? r.height : Math.abs(y1 - y0)}px`,
    });
  };
  canvas.addEventListener('pointerdown', (e) => {
    const p = local(e);
    if (e.button !== 0 || !p.inside) return;
    start = p;
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', (e) => {
    const p = local(e);
    if (start) {
      const r = rect();
      const clampX = Math.min(r.left + r.width, Math.max(r.left, p.px));
      const clampY = Math.min(r.top + r.height, Math.max(r.top, p.py));
      showBox(start.px, start.py, clampX, clampY);
    } else h.hover(p.inside ? { x: p.x, y: p.y } : undefined);
  });
  canvas.addEventListener('pointerleave', () => { if (!start) h.hover(undefined); });
  canvas.addEventListener('pointerup', (e) => {
    if (!start) return;
    const s = start;
    start = undefined;
    box.style.display = 'none';
    const p = local(e);
    if (Math.abs(p.px - s.px) < DRAG_PX) return;
    const y = twoD && Math.abs(p.py - s.py) >= DRAG_PX ? ([s.y, p.y] as const) : undefined;
    h.select(s.x, p.x, y);
  });
  canvas.addEventListener('pointercancel', () => {
    start = undefined;
    box.style.display = 'none';
  });
  canvas.addEventListener('dblclick', () => h.reset());
  canvas.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '+' || e.key === '=') h.wheel(0.5, 0.5, KEY_FACTOR);
    else if (e.key === '-' || e.key === '_') h.wheel(0.5, 0.5, 1 / KEY_FACTOR);
    else if (e.key === '0' || e.key === 'Home') h.reset();
    else return;
    e.preventDefault();
  });

  let wheelFactor = 1;
  let wheelAt = { x: 0.5, y: 0.5 };
  let timer: ReturnType<typeof setTimeout> | undefined;
  canvas.addEventListener('wheel', (e) => {
    const p = local(e);
    if (!p.inside) return;
    e.preventDefault();
    const lines = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? 33 : e.deltaMode === WheelEvent.DOM_DELTA_PAGE ? 400 : 1;
    wheelFactor *= Math.exp(e.deltaY * lines * 0.002);
    wheelAt = { x: p.x, y: p.y };
    clearTimeout(timer);
    timer = setTimeout(() => {
      const f = wheelFactor;
      wheelFactor = 1;
      h.wheel(wheelAt.x, wheelAt.y, f);
    }, WHEEL_IDLE_MS);
  }, { passive: false });
}
