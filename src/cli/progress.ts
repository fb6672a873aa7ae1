/**
 * Progress bars on stderr (cli-progress: maintained, TTY-aware, ETA built in). Quiet when
 * stderr is not a terminal, so piped and CI output stays clean.
 */
import cliProgress from 'cli-progress';
import type { SweepProgress } from '../lr/plan.js';

/** A progress bar for one long job; `update` takes sweep progress, `stop` clears it. */
export interface ProgressBar {
  update(p: SweepProgress): void;
  stop(): void;
}

/** Starts a bar titled `title` over `total` grid points (does nothing when `enabled` is false). */
export function progressBar(title: string, total: number, enabled = true): ProgressBar {
  if (!enabled || !process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${title} [{bar}] {percentage}% | ETA {eta_formatted} | {rate} M steps/s`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { rate: '0' });
  return {
    update(p) {
      bar.update(p.done, { rate: (p.steps / Math.max(p.elapsedSeconds, 1e-9) / 1e6).toFixed(1) });
    },
    stop() {
      bar.stop();
    },
  };
}
