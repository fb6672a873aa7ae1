/**
 * The parameter panel: shows a state in the form, reads edits back into a state (validated
 * by the same parser as links), and tells the loss's roughness and convexity.
 */
import {
  CRITICAL_ROUGHNESS_ADDITIVE, defaultBound, isConvex, multiplicativeConvexityBound, roughness,
} from 'fractal-trainability';
import { DEFAULT_Y, type ViewState, criterionOf, formatState, lossOf, parseState } from './state.js';

const form = document.getElementById('panel') as HTMLFormElement;
const facts = document.getElementById('facts')!;

/** The form's fields, by name. */
function field(name: string): HTMLInputElement | HTMLSelectElement {
  return form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
}

/** Puts a state into the form, the loss facts beside it, and shows only the fields that apply. */
export function showState(s: ViewState): void {
  const text = new Map(formatState(s).split('&').map((kv) => kv.split('=') as [string, string]));
  for (const name of ['family', 'eps', 'lambda', 'eps2', 'lambda2', 'x0', 'steps', 'criterion', 'bound', 'levels', 'axis',
    'd', 'target', 'mu', 'eta', 'mfSteps', 'seed']) {
    field(name).value = text.get(name) ?? '';
  }
  form.dataset.family = s.family;
  form.dataset.view = s.view;
  (field('bound') as HTMLInputElement).placeholder = `default ${defaultBound(lossOf(s), criterionOf(s).kind)}`;
  facts.textContent = s.view === 'mf' ? describeFactorization(s) : describeLoss(s);
}

/**
 * Calls `open` with the state the form describes (lr and y windows and the view kept from
 * `current`; a new map axis starts from its default window). Bad input goes to `fail`.
 */
export function onEdit(current: () => ViewState, open: (s: ViewState) => void, fail: (e: unknown) => void): void {
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('change', () => {
    const c = current();
    const entries = [...new FormData(form)].filter(([, v]) => String(v).trim() !== '');
    const typed = entries.map(([k, v]) => `${k}=${encodeURIComponent(String(v).trim())}`).join('&');
    try {
      const windows = `lr=${c.lr.join(',')}&y=${c.y.join(',')}&u=${c.u.join(',')}&v=${c.v.join(',')}`;
      const next = parseState(`view=${c.view}&${windows}&${typed}`);
      lossOf(next);
      open(next.axis === c.axis ? next : { ...next, y: DEFAULT_Y[next.axis] });
    } catch (e) {
      fail(e);
    }
  });
}

/** The factorization loss, its slice, and (d = 1) when its minimizers are stable. */
function describeFactorization(s: ViewState): string {
  const slice = s.d === 1 ? 'slice: the (u, v) plane' : `slice: two random orthonormal directions (seed ${s.seed})`;
  const loss = `(u·v − ${s.target})²/2 + ${s.mu / 2}(|u|² + |v|²), u, v ∈ R^${s.d}; ${slice}`;
  if (s.d !== 1 || Math.abs(s.target) <= s.mu) return loss;
  // Hessian eigenvalues at the minimizers u = ±v, |u|^2 = |y| - mu: 2(|y| - mu) and 2 mu
  const stable = s.eta * Math.max(Math.abs(s.target) - s.mu, s.mu) < 1;
  return `${loss}. The minimizers are ${stable ? 'stable' : 'unstable'}: η·max(|y| − μ, μ) = ${(s.eta * Math.max(Math.abs(s.target) - s.mu, s.mu)).toPrecision(3)} ${stable ? '<' : '≥'} 1.`;
}

/** Roughness (the renormalization invariant) and convexity of the state's loss. */
function describeLoss(s: ViewState): string {
  const loss = lossOf(s);
  const r = roughness(loss);
  const convex = isConvex(loss) ? 'convex' : 'non-convex';
  switch (loss.family) {
    case 'quadratic': return `roughness 0 · ${convex}`;
    case 'additive':
      return `roughness θ+ = ε/λ² = ${(r as number).toPrecision(4)} (critical 1/(2π²) = ${CRITICAL_ROUGHNESS_ADDITIVE.toFixed(4)}) · ${convex}`;
    case 'twoCosine': {
      const [a, b] = r as readonly [number, number];
      return `roughness θ₁ = ε₁/λ₁² = ${a.toPrecision(4)}, θ₂ = ε₂/λ₂² = ${b.toPrecision(4)} · ${convex}`;
    }
    default: {
      const bound = s.bound ?? defaultBound(loss, criterionOf(s).kind);
      const limit = multiplicativeConvexityBound(s.lambda, bound);
      const seen = Math.abs(s.eps) < limit ? 'convex' : 'non-convex';
      return `roughness θ× = ε = ${(r as number).toPrecision(4)} · ${convex} on the whole line; ` +
        `${seen} for |x| < √bound (eq. S3: ε < λ²/(2π² bound) = ${limit.toPrecision(3)})`;
    }
  }
}
