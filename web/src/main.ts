/**
 * The explorer's entry: the URL hash is the single source of truth. Every gesture and edit
 * writes a new hash; each hash change aborts the running job and renders the new state. A
 * heavy stage shows its estimate and a Stop button first.
 */
import './style.css';
import { BarView } from './bar.js';
import { saveJson, savePng, saveResult } from './export.js';
import { HEAVY_SECONDS, describeEstimate, estimateSeconds, recordSpeed } from './job.js';
import { MapView } from './map.js';
import { MfView } from './mf.js';
import { NnView } from './nn.js';
import { onEdit, showState } from './panel.js';
import { RECORD_FPS, RECORD_FRAMES, recordFrames } from './record.js';
import { DEFAULT_STATE, type ViewState, formatState, parseState } from './state.js';
import { type Job, THREADS, type View } from './view.js';

const status = document.getElementById('status')!;
const estimate = document.getElementById('estimate')!;
const stop = document.getElementById('stop') as HTMLButtonElement;
let current: ViewState = DEFAULT_STATE;
let job: AbortController | undefined;
let renders = 0;

/** Opens a state: a new history entry, so Back undoes a zoom. */
const open = (s: ViewState) => {
  location.hash = formatState(s);
};
const views: Record<ViewState['view'], View> = { bar: new BarView(open), map: new MapView(open), mf: new MfView(open), nn: new NnView(open) };

function fail(e: unknown): void {
  document.body.dataset.status = 'error';
  status.textContent = e instanceof Error ? e.message : String(e);
}

/** The job a render reports to: progress in the status line, estimates and Stop for heavy stages. */
function jobFor(signal: AbortSignal): Job {
  return {
    progress(text) {
      if (!signal.aborted) status.textContent = text;
    },
    stage(kind, cost) {
      const seconds = estimateSeconds(kind, cost, THREADS);
      if (seconds >= HEAVY_SECONDS && !signal.aborted) {
        estimate.textContent = `This step takes ${describeEstimate(seconds, THREADS)} (${cost.toExponential(1)} ${kind === 'nn' ? 'network steps × data points' : 'gradient-descent steps'} at most).`;
        stop.hidden = false;
      }
      const t0 = performance.now();
      return () => {
        if (signal.aborted) return;
        recordSpeed(kind, cost, THREADS, (performance.now() - t0) / 1000);
        estimate.textContent = '';
        stop.hidden = true;
      };
    },
  };
}

async function render(): Promise<void> {
  job?.abort();
  const controller = (job = new AbortController());
  const { signal } = controller;
  try {
    current = parseState(location.hash);
    showState(current);
    document.body.dataset.view = current.view;
    placeRecordBlock();
    document.body.dataset.status = 'computing';
    status.textContent = 'computing…';
    estimate.textContent = '';
    stop.hidden = true;
    await views[current.view].render(current, signal, jobFor(signal));
    if (signal.aborted) return;
    document.body.dataset.status = 'done';
    document.body.dataset.renders = String(++renders);
  } catch (e) {
    if (!signal.aborted) fail(e);
  }
}

const recordBlock = document.getElementById('record-block')!;

/** Puts the Record zoom block under the current view's plot, or hides it where the view cannot record. */
function placeRecordBlock(): void {
  const view = views[current.view];
  recordBlock.hidden = !view.zoomFrames;
  view.canvas.closest('section')!.querySelector('.readout')!.after(recordBlock);
}

/**
 * Records the current view's zoom from its full window to the current one: computes the frames
 * (a job with its estimate and Stop), then plays them into a WebM shown in a player with a
 * download link.
 */
async function recordZoom(): Promise<void> {
  job?.abort();
  const controller = (job = new AbortController());
  const { signal } = controller;
  const panel = document.getElementById('recording')!;
  const screen = document.getElementById('record-canvas') as HTMLCanvasElement;
  const video = document.getElementById('record-video') as HTMLVideoElement;
  const link = document.getElementById('record-download') as HTMLAnchorElement;
  try {
    document.body.dataset.status = 'recording';
    const progress = jobFor(signal);
    const view = views[current.view];
    if (!view.zoomFrames) return;
    const frames = await view.zoomFrames(RECORD_FRAMES, signal, progress);
    panel.hidden = false;
    screen.hidden = false;
    video.hidden = true;
    link.hidden = true;
    stop.hidden = false;
    const movie = await recordFrames(screen, frames, RECORD_FPS, signal, progress.progress);
    if (video.src) URL.revokeObjectURL(video.src);
    video.src = link.href = URL.createObjectURL(movie);
    screen.hidden = true;
    video.hidden = false;
    link.hidden = false;
    stop.hidden = true;
    status.textContent = `Recorded ${frames.length} frames at ${RECORD_FPS} per second: ${(frames.length / RECORD_FPS).toFixed(1)} s of WebM, ` +
      `${Math.round(movie.size / 1024)} kB.`;
    document.body.dataset.status = 'recorded';
  } catch (e) {
    stop.hidden = true;
    if (!signal.aborted) fail(e);
  }
}

const button = (id: string, action: () => void) => document.getElementById(id)!.addEventListener('click', action);
for (const b of document.querySelectorAll<HTMLButtonElement>('nav button[data-view]')) {
  b.addEventListener('click', () => open({ ...current, view: b.dataset.view as ViewState['view'] }));
}
button('reset', () => open(views[current.view].reset(current)));
button('record', () => void recordZoom());
button('stop', () => {
  if (!job || job.signal.aborted) return;
  job.abort(new Error('stopped'));
  stop.hidden = true;
  estimate.textContent = '';
  document.body.dataset.status = 'stopped';
  status.textContent = 'Stopped: what was computed stays on screen. Any change of the view starts a new computation.';
});
button('defaults', () => open({ ...DEFAULT_STATE, view: current.view }));
button('copy-link', () => {
  navigator.clipboard?.writeText(location.href).then(() => (status.textContent = 'link copied'), () => prompt('Link to this view:', location.href));
});
const fileName = () => `fractal-${current.view}-${current.family}`;
button('save-png', () => savePng(views[current.view].canvas, fileName()));
button('save-json', () => saveJson(views[current.view].data(), fileName()));
for (const format of ['hdf5', 'npy'] as const) {
  button(`save-${format}`, async () => {
    const doc = await views[current.view].document();
    if (!doc) status.textContent = 'nothing to save yet';
    else saveResult(doc, fileName(), format).catch(fail);
  });
}
onEdit(() => current, open, fail);

let resized: ReturnType<typeof setTimeout> | undefined;
let lastWidth = window.innerWidth;
window.addEventListener('resize', () => {
  clearTimeout(resized);
  resized = setTimeout(() => {
    if (window.innerWidth !== lastWidth) void render();
    lastWidth = window.innerWidth;
  }, 250);
});
window.addEventListener('hashchange', () => void render());
if (!location.hash) history.replaceState(null, '', `#${formatState(DEFAULT_STATE)}`);
void render();
