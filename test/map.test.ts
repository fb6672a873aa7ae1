// Maps over (lr, y) (docs/optimizers.md): every row is the sweep of its own parameters, errors
// name the row and the parameter, and `fractal-gd map` writes a heat map and the data.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { sweepMap, sweep, additive, defineLoss, boxDimension, type SweepOptions } from '../dist/index.js';
import { parseAxis } from '../dist/cli/map.js';

const FIG2A = additive({ epsilon: 0.2, lambda: 0.1 });
const cli = (args: string[]) => spawnSync(process.execPath, ['dist/cli/index.js', ...args], { encoding: 'utf8' });

describe('sweepMap', () => {
  it('(lr, beta): each row equals the sweep with that beta, its dimension fitted to its counts; progress covers every row', async () => {
    const options: SweepOptions = { x0: 1, levels: 10, lr: [0, 3], optimizer: { kind: 'momentum', beta: 0.9 }, keep: { classes: true } };
    let last = { done: 0, total: 0 };
    const map = await sweepMap(FIG2A, { ...options, onProgress: (p) => { last = p; } }, { y: { parameter: 'optimizer.beta', values: [0, 0.3, 0.6] } });
    expect(last.done).toBe(3 * 1025);
    expect(last.total).toBe(3 * 1025);
    expect(map.rows.map((r) => r.value)).toEqual([0, 0.3, 0.6]);
    for (const row of map.rows) {
      const r = await sweep(FIG2A, { ...options, optimizer: { kind: 'momentum', beta: row.value } });
      expect(row.boundaryCounts).toEqual(r.boundaryCounts);
      expect([...row.divergent!]).toEqual([...r.divergent!]);
      expect(row.dimension).toEqual(boxDimension([...r.boundaryCounts]));
      expect(row.plan.optimizer).toEqual({ kind: 'momentum', beta: row.value });
    }
  });

  it('(lr, eps) of a built-in family and of a formula parameter', async () => {
    const map = await sweepMap(FIG2A, { x0: 1, levels: 10 }, { y: { parameter: 'loss.epsilon', values: [0.1, 0.3] } });
    expect(map.rows[1].boundaryCounts).toEqual((await sweep(additive({ epsilon: 0.3, lambda: 0.1 }), { x0: 1, levels: 10 })).boundaryCounts);
    const formula = await defineLoss({ loss: 'x^2 + eps*cos(2*pi*x/lambda)', gradient: '2*x - 2*pi*eps*sin(2*pi*x/lambda)/lambda', params: { eps: 0.2, lambda: 0.1 } });
    const f = await sweepMap(formula, { x0: 1, levels: 10 }, { y: { parameter: 'loss.eps', values: [0.3] } });
    expect(f.rows[0].boundaryCounts).toEqual(map.rows[1].boundaryCounts);
    expect(f.rows[0].plan.loss).toMatchObject({ family: 'formula', params: { eps: 0.3, lambda: 0.1 } });
  }, 30_000);

  it.each([
    [{ parameter: 'optimizer.beta', values: [0.5] }, {}, /y.values\[0\] \(optimizer.beta = 0.5\): y.parameter optimizer.beta needs optimizer.kind "momentum" or "nesterov"; got "gd"/],
    [{ parameter: 'optimizer.beta', values: [0.5, 1] }, { optimizer: { kind: 'nesterov' } }, /y.values\[1\] \(optimizer.beta = 1\): optimizer.beta must be a finite number in \[0, 1\); got 1/],
    [{ parameter: 'loss.eps', values: [1] }, {}, /loss.eps is not a parameter of the additive family; it has loss.epsilon, loss.lambda/],
    [{ parameter: 'beta', values: [1] }, {}, /y.parameter must be "optimizer.<name>" or "loss.<name>"/],
    [{ parameter: 'loss.lambda', values: [] }, {}, /y.values must be an array of 1 to 4096 numbers; got 0 values/],
    [{ parameter: 'loss.lambda', values: [0.1], extra: 1 }, {}, /extra/],
  ])('refuses %j', async (y, options, message) => {
    await expect(sweepMap(FIG2A, options as SweepOptions, { y: y as never })).rejects.toThrow(message);
  });
});

describe('fractal-gd map', () => {
  it('parses NAME=START:STOP:COUNT and NAME=V1,V2', () => {
    expect(parseAxis('beta=0:0.9:10')).toEqual({ parameter: 'optimizer.beta', values: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] });
    expect(parseAxis('adam-epsilon=1e-8,1e-4')).toEqual({ parameter: 'optimizer.epsilon', values: [1e-8, 1e-4] });
    expect(parseAxis('epsilon=0.1,0.2')).toEqual({ parameter: 'loss.epsilon', values: [0.1, 0.2] });
    expect(() => parseAxis('beta')).toThrow(/--y must be NAME=START:STOP:COUNT/);
  });

  it('writes a heat map with its colour bar and the data', () => {
    const out = mkdtempSync(join(tmpdir(), 'optim-map-'));
    const r = cli(['map', '--optimizer', 'momentum', '--y', 'beta=0:0.6:3', '--lr-max', '3', '--levels', '9', '--columns', '64',
      '--plot', join(out, 'map.png'), '--out', join(out, 'map.json'), '--threads', '1', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/optimizer.beta/);
    expect(decode(readFileSync(join(out, 'map.png'))).width).toBeGreaterThan(300);
    const data = JSON.parse(readFileSync(join(out, 'map.json'), 'utf8'));
    expect(data.rows.map((row: { value: number }) => row.value)).toEqual([0, 0.3, 0.6]);
    expect(data.rows[2].plan.optimizer).toEqual({ kind: 'momentum', beta: 0.6 });
  });

  it('refuses an optimizer flag of another optimizer, naming it', () => {
    const r = cli(['sweep', '--optimizer', 'adam', '--beta', '0.5', '--levels', '4']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--beta applies to --optimizer momentum or nesterov only; got it with --optimizer adam/);
  });
});
