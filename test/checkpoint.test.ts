// `fractal-gd sweep --checkpoint DIR`: an interrupted sweep resumes from its shards and merges exactly.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweep, multiplicative } from '../dist/index.js';

const cli = (args: string[]) =>
  JSON.parse(execFileSync(process.execPath, ['dist/cli/index.js', 'sweep', ...args, '--json', '--quiet'], { encoding: 'utf8' }));

describe('checkpointed sweep', () => {
  it('resumes from the shards on disk and gives the counts of one sweep', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
    const args = ['--family', 'multiplicative', '--levels', '13', '--checkpoint', dir];
    const first = cli(args);
    const files = readdirSync(dir).filter((f) => f.startsWith('shard-')).sort();
    expect(files).toHaveLength(64);
    expect(readdirSync(dir)).toContain('plan.json');
    for (const f of files.slice(10, 40)) rmSync(join(dir, f)); // as if interrupted
    const resumed = cli(args);
    expect(resumed.how).toBe('64 checkpointed shards, 34 resumed');
    const ref = await sweep(multiplicative({ epsilon: 0.2, lambda: 0.1 }), { levels: 13 });
    expect(resumed.boundaryCounts).toEqual(ref.boundaryCounts);
    expect(first.boundaryCounts).toEqual(ref.boundaryCounts);
    expect(resumed.totalSteps).toBe(ref.totalSteps);
    rmSync(dir, { recursive: true });
  });
});
