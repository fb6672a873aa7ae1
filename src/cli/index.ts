#!/usr/bin/env node
/** The `fractal-gd` command line: one subcommand per file in this folder. */
import { Command } from 'commander';
import { sweepCommand } from './sweep.js';
import { paperCommand } from './paper.js';
import { shardCommand } from './shard.js';
import { mergeCommand } from './merge.js';
import { planCommand } from './plan.js';
import { dimensionCommand } from './dimension.js';
import { reproduceCommand } from './reproduce.js';
import { mfCommand } from './mf.js';
import { nnCommand } from './nn.js';
import { packageVersion } from '../version.js';

const program = new Command('fractal-gd')
  .description('Map where gradient descent trains and where it diverges, and how fractal the boundary is.')
  .version(await packageVersion())
  .showHelpAfterError()
  .addCommand(sweepCommand())
  .addCommand(paperCommand())
  .addCommand(shardCommand())
  .addCommand(mergeCommand())
  .addCommand(planCommand())
  .addCommand(dimensionCommand())
  .addCommand(reproduceCommand())
  .addCommand(mfCommand())
  .addCommand(nnCommand());

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const e = err as Error;
  console.error(`fractal-gd: ${e.message}`);
  process.exitCode = e instanceof RangeError || e instanceof TypeError ? 2 : 1;
}
