// The nn command line and the API's refusals.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { twoLayerNetwork, networkMap } from '../dist/index.js';

const cli = (args: string[]) => spawnSync(process.execPath, ['dist/cli/index.js', ...args], { encoding: 'utf8' });

describe('fractal-gd nn map', () => {
  it('writes a PNG in his colours and the data', () => {
    const out = mkdtempSync(join(tmpdir(), 'nn-'));
    const r = cli(['nn', 'map', '--activation', 'identity', '--data', '16', '--resolution', '12', '--steps', '100', '--x', '1e-1,1e4', '--y', '1e-1,1e4', '--out', out, '--threads', '1']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const png = decode(readFileSync(join(out, 'map.png')));
    expect([png.width, png.height]).toEqual([12, 12]);
    const data = JSON.parse(readFileSync(join(out, 'map.json'), 'utf8'));
    expect(data.network).toMatchObject({ activation: 'identity', width: 16, data: 16 });
    expect(data.measure).toHaveLength(144);
  });
  it('refuses a bad range naming the flag', () => {
    const r = cli(['nn', 'map', '--x', '1e-3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--x must be "lo,hi"/);
  });
});

describe('fractal-gd reproduce sd-*', () => {
  it('maps the zoom sequence and prints the dimension beside his', () => {
    const out = mkdtempSync(join(tmpdir(), 'sd-'));
    const r = cli(['reproduce', 'sd-dataset-1', '--quick', '--resolution', '12', '--out', out, '--quiet']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/sd-dataset-1\s+12\s+1000/);
    expect(r.stdout).toMatch(/1\.41/);
    expect(existsSync(join(out, 'sd-dataset-1', 'frame-00.png'))).toBe(true);
    const data = JSON.parse(readFileSync(join(out, 'sd-dataset-1', 'sd-dataset-1.json'), 'utf8'));
    expect(data.frames.length).toBeGreaterThan(15);
    const again = cli(['reproduce', 'sd-dataset-1', '--quick', '--resolution', '12', '--out', out, '--quiet', '--resume']);
    expect(again.stderr).toMatch(/\((\d+) resumed\)/);
    expect(JSON.parse(readFileSync(join(out, 'sd-dataset-1', 'sd-dataset-1.json'), 'utf8')).dimension).toEqual(data.dimension);
    // a frame checkpoint changed after it was written is refused on --resume, naming the file; so is one of another run
    const frame = join(out, 'sd-dataset-1', 'frame-03.json');
    const original = readFileSync(frame, 'utf8');
    writeFileSync(frame, original.replace(/"measure":\[(-?[0-9.e+-]+)/, (_, v) => `"measure":[${Number(v) + 1}`));
    const damaged = cli(['reproduce', 'sd-dataset-1', '--quick', '--resolution', '12', '--out', out, '--quiet', '--resume']);
    expect(damaged.status).toBe(1);
    expect(damaged.stderr).toMatch(/frame-03\.json: content does not match its digest.*delete it to compute frame 3 again/);
    writeFileSync(frame, original);
    const other = cli(['reproduce', 'sd-dataset-1', '--quick', '--resolution', '12', '--steps', '50', '--out', out, '--quiet', '--resume']);
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/frame-00\.json: is the checkpoint of another run/);
  }, 180_000);
  it('names the configurations when one is unknown, and refuses flags that do not apply', () => {
    expect(cli(['reproduce', 'sd-nope']).stderr).toMatch(/sd-deep-linear, sd-relu/);
    expect(cli(['reproduce', 'sd-tanh', '--levels', '4']).stderr).toMatch(/--levels does not apply/);
    expect(cli(['reproduce', 'sd-tanh', '--non-finite', 'zero', '--resolution', '4']).stderr).toMatch(/--non-finite must be one of/);
    expect(cli(['reproduce', 'fig2a', '--steps', '4']).stderr).toMatch(/--steps applies to Sohl-Dickstein/);
  });
});

describe('refusals', () => {
  it('names the parameter, the value and the range', async () => {
    expect(() => twoLayerNetwork({ width: 0 })).toThrow('width must be an integer in [1, 64]; got 0');
    expect(() => twoLayerNetwork({ activation: 'gelu' as never })).toThrow(/activation must be one of "tanh", "relu", "identity"/);
    const net = twoLayerNetwork({ width: 4, data: 5 });
    await expect(networkMap(net, { x: [-1, 1] })).rejects.toThrow(/x must be positive/);
    await expect(networkMap(net, { steps: 0 })).rejects.toThrow('steps must be an integer in [1, 100000]; got 0');
    await expect(networkMap(net, { axes: 'lr-lr', offset: 'init' })).rejects.toThrow(/offset applies to axes "offset-lr" only/);
    await expect(networkMap(net, { nonFinite: 'zero' as never })).rejects.toThrow(/nonFinite must be one of/);
  });
  it('reports progress and honours abort', async () => {
    const net = twoLayerNetwork({ width: 4, data: 5 });
    const seen: number[] = [];
    const m = await networkMap(net, { resolution: [5, 3], steps: 10, threads: 1, onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([5, 10, 15]);
    expect(m.totalSteps).toBeLessThanOrEqual(150);
    const before = new AbortController();
    before.abort(new Error('stopped before'));
    await expect(networkMap(net, { signal: before.signal })).rejects.toThrow('stopped before');
    const during = new AbortController();
    const run = networkMap(net, { resolution: 64, steps: 2000, threads: 2, signal: during.signal, onProgress: () => during.abort(new Error('stopped during')) });
    await expect(run).rejects.toThrow('stopped during');
  });
});
