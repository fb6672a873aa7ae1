// The peers a user would pick instead of this package, run on the same sweep in the same bench run:
// C with OpenMP (gcc -O3 -march=native -fopenmp, glibc's libm) and a numba loop with prange (Debian's
// python3-numba), each on every core. A missing peer is reported as skipped, with the reason.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('./peers/', import.meta.url));
const PYTHON = '/usr/bin/python3'; // Debian's python, where python3-numba installs

/** Builds the C peer; returns the binary, or the reason it cannot run. */
function buildC() {
  const out = join(mkdtempSync(join(tmpdir(), 'fractal-peer-')), 'sweep');
  const r = spawnSync('gcc', ['-O3', '-march=native', '-fopenmp', join(HERE, 'sweep.c'), '-lm', '-o', out], { encoding: 'utf8' });
  if (r.error) return { skipped: 'gcc is not installed (Debian: apt-get install gcc)' };
  if (r.status !== 0) return { skipped: `gcc failed: ${r.stderr.trim().split('\n')[0]}` };
  return { command: [out] };
}

/** Checks the numba peer. */
function findNumba() {
  const r = spawnSync(PYTHON, ['-c', 'import numba; print(numba.__version__)'], { encoding: 'utf8' });
  if (r.status !== 0) return { skipped: 'numba is not installed (Debian: apt-get install python3-numba)' };
  return { command: [PYTHON, join(HERE, 'sweep_numba.py')], version: r.stdout.trim() };
}

/** The peers: name -> { command } or { skipped }. */
export function peers() {
  const gcc = spawnSync('gcc', ['-dumpfullversion'], { encoding: 'utf8' }).stdout?.trim();
  const numba = findNumba();
  return {
    [`C, gcc ${gcc ?? ''} -O3 -march=native, OpenMP, all cores`]: buildC(),
    [`numba ${numba.version ?? ''}, prange, all cores`]: numba,
  };
}

/** Runs a peer on `family` at `levels` `runs` times; returns the fastest run's {counts, steps, seconds, threads}. */
export function runPeer(peer, family, levels, runs = 3) {
  let best;
  for (let i = 0; i < runs; i++) {
    const [cmd, ...args] = peer.command;
    const r = JSON.parse(execFileSync(cmd, [...args, family, String(levels)], { encoding: 'utf8', maxBuffer: 1 << 26 }));
    if (!best || r.seconds < best.seconds) best = r;
  }
  return best;
}
