/**
 * The explorer's entry: the URL hash is the single source of truth. Every gesture and edit
 * writes a new hash; each hash change aborts the running job and renders the new state.
 */
import './style.css';
import { BarView } from './bar.js';
import { saveJson, savePng, saveResult } from './export.js';
import { MapView } from './map.js';
import { MfView } from './mf.js';
import { onEdit, showState } from './panel.js';
import { DEFAULT_STATE, DEFAULT_Y, type ViewState, formatState, parseState } from './state.js';

const status = document.getElementById('status')!;
let current: ViewState = DEFAULT_STATE;
let job: AbortController | undefined;
let renders = 0;

/** Opens a state: a new history entry, so Back undoes a zoom. */
const open = (s: ViewState) => {
  location.hash = formatState(s);
};
const views = { bar: new BarView(open), map: new MapView(open), mf: new MfView(open) };

function fail(e: unknown): void {
  document.body.dataset.status = 'error';
  status.textContent = e instanceof Error ? e.message : String(e);
}

async function render(): Promise<void> {
  job?.abort();
  const controller = (job = new AbortController());
  const { signal } = controller;
  try {
    current = parseState(location.hash);
    showState(current);
    document.body.dataset.view = current.view;
    document.body.dataset.status = 'computing';
    status.textContent = 'computing…';
    await views[current.view].render(current, signal, (text) => {
      if (!signal.aborted) status.textContent = text;
    });
    if (signal.aborted) return;
    document.body.dataset.status = 'done';
    document.body.dataset.renders = String(++renders);
  } catch (e) {
    if (!signal.aborted) fail(e);
  }
}

const button = (id: string, action: () => void) => document.getElementById(id)!.addEventListener('click', action);
for (const b of document.querySelectorAll<HTMLButtonElement>('nav button[data-view]')) {
  b.addEventListener('click', () => open({ ...current, view: b.dataset.view as ViewState['view'] }));
}
button('reset', () => open({ ...current, lr: DEFAULT_STATE.lr, y: DEFAULT_Y[current.axis], u: DEFAULT_STATE.u, v: DEFAULT_STATE.v }));
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
