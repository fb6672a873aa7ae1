/**
 * The parameter panel: shows a state in the form, reads edits back into a state (validated
 * by the same parser as links), and tells the loss's roughness and convexity.
 */
import {
  CRITICAL_ROUGHNESS_ADDITIVE, defaultBound, isConvex, multiplicativeConvexityBound, quadratic, roughness,
} from 'fractal-trainability';
import { DEFAULT_Y, NN_CONFIGURATIONS, type ViewState, criterionOf, formatState, lossOf, parseState } from './state.js';
import { HIS_STEPS, configurationOf } from './nn.js';
import { checkFormula, describeFormula } from './formula.js';

const form = document.getElementById('panel') as HTMLFormElement;
const facts = document.getElementById('facts')!;
const formula = document.getElementById('loss-formula')!;
const formulaError = document.getElementById('formula-error')!;

/** Each family's formula, for the "what is this" line under the loss menu. */
const FORMULAS: Record<ViewState['family'], string> = {
  quadratic: 'f(x) = x²',
  additive: 'f(x) = x² + ε cos(2πx/λ)',
  multiplicative: 'f(x) = x² (1 + ε cos(2πx/λ))',
  twoCosine: 'f(x) = x² + ε₁ cos(2πx/λ₁) + ε₂ cos(2πx/λ₂)',
  formula: 'f(x) as typed below, in x; its gradient is derived unless given',
};

/** Each optimizer's update, for the line under the loss menu. */
const UPDATES: Record<ViewState['optimizer'], string> = {
  gd: 'gradient descent: x ← x − lr · f′(x)',
  momentum: 'heavy-ball momentum: v ← β v + f′(x), x ← x − lr · v',
  nesterov: 'Nesterov momentum: the gradient taken at the look-ahead point',
  adam: 'Adam: steps by bias-corrected moment estimates (β₁, β₂, ε)',
};

/** The configuration menu: his overview, then his six. */
const configurations = form.elements.namedItem('nn') as HTMLSelectElement;
configurations.append(...NN_CONFIGURATIONS.map((id) => {
  const { label, title } = configurationOf(id);
  const option = new Option(label, id);
  option.title = title;
  return option;
}));

/** The form's fields, by name. */
function field(name: string): HTMLInputElement | HTMLSelectElement {
  return form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
}

/** Puts a state into the form, the loss facts beside it, and shows only the fields that apply. */
export function showState(s: ViewState): void {
  const text = new Map(formatState(s).split('&').map((kv) => kv.split('=') as [string, string]));
  for (const name of ['family', 'eps', 'lambda', 'eps2', 'lambda2', 'x0', 'steps', 'criterion', 'bound', 'levels', 'axis',
    'd', 'target', 'mu', 'eta', 'mfSteps', 'seed', 'nn', 'nnSteps', 'nnRes', 'nnColours']) {
    field(name).value = text.get(name) ?? '';
  }
  for (const name of ['formula', 'gradient', 'params', 'optimizer'] as const) field(name).value = s[name];
  for (const name of ['beta', 'beta2', 'adamEps'] as const) field(name).value = String(s[name]);
  form.dataset.family = s.family;
  form.dataset.view = s.view;
  form.dataset.optimizer = s.optimizer;
  // a formula's bound default is that of any one-dimensional loss
  (field('bound') as HTMLInputElement).placeholder = `default ${defaultBound(s.family === 'formula' ? quadratic() : lossOf(s), criterionOf(s).kind)}`;
  formula.textContent = `${FORMULAS[s.family]}; ${UPDATES[s.optimizer]}`;
  showFacts(s.view === 'mf' ? describeFactorization(s) : s.view === 'nn' ? describeNetwork(s) : s.family === 'formula' ? describeFormula(s) : describeLoss(s));
  if (s.family === 'formula') void liveCheck();
}

let factsShown = 0;

/** Shows the facts line (a formula's are computed: the latest request wins). */
function showFacts(content: [string, string] | Promise<[string, string]>): void {
  const n = ++factsShown;
  facts.dataset.state = 'computing';
  if (!Array.isArray(content)) facts.textContent = 'computing the curvature…';
  Promise.resolve(content).then(([words, title]) => {
    if (n !== factsShown) return;
    facts.textContent = words;
    facts.title = title;
    facts.dataset.state = 'done';
  }, (e: unknown) => {
    if (n !== factsShown) return;
    facts.textContent = e instanceof Error ? e.message : String(e);
    facts.title = '';
    facts.dataset.state = 'error';
  });
}

let checks = 0;

/** Checks the typed formula fields (mathjs parse, names, parameters) and shows the problem under them, or nothing. */
async function liveCheck(): Promise<void> {
  const n = ++checks;
  formulaError.dataset.state = 'checking';
  const problem = await checkFormula(field('formula').value, field('gradient').value, field('params').value);
  if (n !== checks) return;
  formulaError.textContent = problem ?? '';
  formulaError.dataset.state = problem ? 'error' : 'ok';
}

/**
 * Calls `open` with the state the form describes (lr and y windows and the view kept from
 * `current`; a new map axis starts from its default window). Bad input goes to `fail`.
 */
export function onEdit(current: () => ViewState, open: (s: ViewState) => void, fail: (e: unknown) => void): void {
  let typing: ReturnType<typeof setTimeout> | undefined;
  form.addEventListener('input', (e) => {
    if (!['formula', 'gradient', 'params'].includes((e.target as HTMLInputElement).name)) return;
    clearTimeout(typing);
    typing = setTimeout(() => void liveCheck(), 120);
  });
  const apply = () => {
    const c = current();
    const entries = [...new FormData(form)].filter(([, v]) => String(v).trim() !== '');
    const typed = entries.map(([k, v]) => `${k}=${encodeURIComponent(String(v).trim())}`).join('&');
    try {
      const windows = `lr=${c.lr.join(',')}&mapLr=${c.mapLr.join(',')}&y=${c.y.join(',')}&u=${c.u.join(',')}&v=${c.v.join(',')}` +
        `&nx=${c.nx.join(',')}&ny=${c.ny.join(',')}`;
      const next = parseState(`view=${c.view}&${windows}&${typed}`);
      if (next.family !== 'formula') lossOf(next);
      // a new configuration opens its window; his deepest windows are drawn at his 1000 steps
      const { window, dimension } = configurationOf(next.nn);
      const nn = next.nn === c.nn ? next : { ...next, nx: window.x, ny: window.y, nnSteps: dimension === undefined ? next.nnSteps : HIS_STEPS };
      open(nn.axis === c.axis ? nn : { ...nn, y: DEFAULT_Y[nn.axis] });
    } catch (e) {
      fail(e);
    }
  };
  form.addEventListener('change', apply);
  // Apply (Enter in a field, or the button) commits the formula fields; compile errors show in the status line
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply();
  });
}

/** The network configuration in words: [text, tooltip]. */
function describeNetwork(s: ViewState): [string, string] {
  const c = configurationOf(s.nn);
  const his = c.dimension === undefined ? '' : ` Its deepest window opens with the menu; he reports a boundary dimension of ${c.dimension}.`;
  return [`Sohl-Dickstein's ${c.title}.${his} Double-click the plot for the overview, both axes 10⁻³ to 10⁶.`,
    'h = φ(X W₀/√n), ŷ = h W₁/n, loss mean((ŷ − Y)²); converged iff the mean of the last 20 losses is below the first'];
}

/** The factorization loss, its slice, and (d = 1) whether its minimizers are stable: [text, formula for the tooltip]. */
function describeFactorization(s: ViewState): [string, string] {
  const slice = s.d === 1 ? 'the picture is the (u, v) plane' : `the picture is a plane through two random directions (seed ${s.seed})`;
  const loss = `(u·v − ${s.target})²/2 + ${s.mu / 2}(|u|² + |v|²), u, v ∈ R^${s.d}`;
  const text = `Loss ${loss}; ${slice}.`;
  if (s.d !== 1 || Math.abs(s.target) <= s.mu) return [text, loss];
  // Hessian eigenvalues at the minimizers u = ±v, |u|^2 = |y| - mu: 2(|y| - mu) and 2 mu
  const x = s.eta * Math.max(Math.abs(s.target) - s.mu, s.mu);
  const stable = x < 1;
  return [`${text} The minimizers are ${stable ? 'stable' : 'unstable'} at this step size.`,
    `η·max(|y| − μ, μ) = ${x.toPrecision(3)} ${stable ? '<' : '≥'} 1`];
}

/** Roughness (the quantity that stays the same under zooming) and convexity of the loss: [text, formulas for the tooltip]. */
function describeLoss(s: ViewState): [string, string] {
  const loss = lossOf(s);
  const r = roughness(loss);
  const convex = isConvex(loss) ? 'convex' : 'not convex';
  switch (loss.family) {
    case 'quadratic': return [`A plain parabola: convex, no roughness; learning rates below 1 train, above 1 diverge.`, 'f(x) = x²'];
    case 'additive':
      return [`Roughness ${(r as number).toPrecision(4)}: the border is fractal above ${CRITICAL_ROUGHNESS_ADDITIVE.toPrecision(3)}. The loss is ${convex}.`,
        'roughness θ+ = ε/λ², critical value 1/(2π²)'];
    case 'twoCosine': {
      const [a, b] = r as readonly [number, number];
      return [`Roughness ${a.toPrecision(4)} and ${b.toPrecision(4)} (one per ripple). The loss is ${convex}.`, 'θ₁ = ε₁/λ₁², θ₂ = ε₂/λ₂²'];
    }
    default: {
      const bound = s.bound ?? defaultBound(loss, criterionOf(s).kind);
      const limit = multiplicativeConvexityBound(s.lambda, bound);
      const seen = Math.abs(s.eps) < limit ? 'convex' : 'not convex';
      return [`Roughness ${(r as number).toPrecision(4)} (the ripple height). The loss is ${convex} on the whole line, and ${seen} ` +
        `over the range runs cover before they count as diverged (that would need a ripple height below ${limit.toPrecision(3)}).`,
      `roughness θ× = ε; convex for |x| < √bound when ε < λ²/(2π² bound) (Liu, Supplementary eq. S3)`];
    }
  }
}
