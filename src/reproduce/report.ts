/**
 * The Markdown report: small formatting helpers for the recipes' sections, and REPORT.md,
 * which collects every figure section found in an output folder, in the registry's order.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import os from 'node:os';
import { writeFileAtomic } from '../io/files.js';
import { FileIntegrityError, digestOf } from '../io/digest.js';
import type { ReplicaSummary } from '../analysis/ensemble.js';
import type { Settings } from './recipe.js';

/** "0.996 ± 0.005" (or "0" for a dimension of zero without an error). */
export function pm(value: number, err: number, digits = 3): string {
  return value === 0 && err === 0 ? '0' : `${value.toFixed(digits)} ± ${err.toFixed(digits)}`;
}

/**
 * A dimension with its uncertainties: "0.954 ± 0.031 ± 0.116" (value ± fit error ± numerical
 * spread over replicas), or as `pm` for a single run.
 */
export function pmSpread(s: ReplicaSummary): string {
  const { dimension, stderr } = s.reference;
  if (s.fits.length < 2) return pm(dimension, stderr);
  return dimension === 0 && stderr === 0 && s.spread === 0 ? '0'
    : `${dimension.toFixed(3)} ± ${stderr.toFixed(3)} ± ${s.spread.toFixed(3)}`;
}

/** The report's sentence on what "value ± fit error ± numerical spread" means (empty for one replica). */
export function spreadNote(settings: Settings): string {
  if (settings.replicas < 2) return '';
  return `Dimensions read value ± fit error ± numerical spread: the reference sweep's least-squares slope, its standard error, ` +
    `and the sample standard deviation of the dimension over ${settings.replicas} replicas of the sweep (replica 0 is the ` +
    'reference; each other one shifts the grid by a random fraction of the finest spacing and x0 by 1 to 4 ulps, and every ' +
    `other one evaluates the phase as x · (2π/λ) instead of (2πx)/λ; seed ${settings.seed}). The spread is what rounding ` +
    'alone does to the dimension; the fit error does not include it.';
}

/** A Markdown table. */
export function mdTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** How far apart two estimates are in units of their combined standard error, and whether within one. */
export function agreement(a: { value: number; err: number }, b: { value: number; err: number }): { sigma: number; within: boolean } {
  const combined = Math.hypot(a.err, b.err);
  const diff = Math.abs(a.value - b.value);
  return { sigma: combined > 0 ? diff / combined : diff === 0 ? 0 : Infinity, within: diff <= combined };
}

/** The file holding a figure's section inside its folder. */
export const SECTION_FILE = 'section.md';

/** The last line of a section file: its digest, in a Markdown comment. */
const SECTION_SEAL = /\n<!-- fractal-trainability section (sha256:[0-9a-f]{64}) -->\n$/;

/** A figure's section as its file holds it: the text, then a comment line with the digest of the text. */
export async function sealSection(text: string): Promise<string> {
  return `${text}\n<!-- fractal-trainability section ${await digestOf(text)} -->\n`;
}

/** The text of a section file, its digest verified (a FileIntegrityError naming the file, with what to do, if not). */
export async function readSection(file: string, id: string): Promise<string> {
  const sealed = await readFile(file, 'utf8');
  const m = SECTION_SEAL.exec(sealed);
  const redo = `run the figure again (fractal-gd reproduce ${id}) to rewrite it`;
  if (!m) throw new FileIntegrityError(file, `has no digest line (written by an older fractal-trainability, or cut short); ${redo}`);
  const text = sealed.slice(0, m.index);
  if (await digestOf(text) !== m[1]) throw new FileIntegrityError(file, `content does not match its digest (the file was changed after it was written); ${redo}`);
  return text;
}

/**
 * Writes `root/REPORT.md` from the sections of the figures `ids` (in that order) that have
 * one under `root/<id>/`, each verified against its digest; figures not run yet are listed as such.
 */
export async function writeReport(root: string, ids: readonly string[]): Promise<string> {
  const sections: string[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    try {
      sections.push(await readSection(join(root, id, SECTION_FILE), id));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      missing.push(id);
    }
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const text = [
    '# Reproducing Liu (2024), "Complex fractal trainability boundary can arise from trivial non-convexity"',
    '',
    'Each section below is one figure of arXiv:2406.13971, made by `fractal-gd reproduce <figure>`: our numbers',
    'beside the paper\'s, the picture, and the data behind it (JSON, CSV). Box dimensions are least-squares slopes of',
    'log2 |B_N| against log2 N over the levels with |B_N| > 1, ± the standard error of the slope.',
    'The sections sd-* reproduce Sohl-Dickstein (2024), arXiv:2402.06184, made by `fractal-gd reproduce sd-<configuration>`;',
    'their dimensions are his estimate, the median of porespy\'s local slopes pooled over a zoom sequence.',
    '',
    `Report written ${new Date().toISOString()} on ${os.availableParallelism()} × ${cpu}, Node ${process.versions.node}.`,
    missing.length ? `Figures not run into this folder yet: ${missing.join(', ')}.` : 'Every figure has been run into this folder.',
    '',
    ...sections,
  ].join('\n');
  const file = join(root, 'REPORT.md');
  await writeFileAtomic(file, text);
  return file;
}
