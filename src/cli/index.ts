#!/usr/bin/env node
/** The `fractal-gd` command line: one subcommand per file in this folder. */
import { Command, CommanderError } from 'commander';
import { sweepCommand } from './sweep.js';
import { paperCommand } from './paper.js';
import { shardCommand } from './shard.js';
import { mergeCommand } from './merge.js';
import { planCommand } from './plan.js';
import { dimensionCommand } from './dimension.js';
import { reproduceCommand } from './reproduce.js';
import { mfCommand } from './mf.js';
import { movieCommand } from './movie.js';
import { nnCommand } from './nn.js';
import { mapCommand } from './map.js';
import { packageVersion } from '../version.js';
import { EXIT_CODES_HELP, exitCode, throwOnUsageErrors } from './exit.js';

const program = new Command('fractal-gd')
  .description('Map where gradient descent trains and where it diverges, and how fractal the boundary is.')
  .version(await packageVersion())
  .addCommand(sweepCommand())
  .addCommand(paperCommand())
  .addCommand(shardCommand())
  .addCommand(mergeCommand())
  .addCommand(planCommand())
  .addCommand(dimensionCommand())
  .addCommand(reproduceCommand())
  .addCommand(mfCommand())
  .addCommand(movieCommand())
  .addCommand(nnCommand())
  .addCommand(mapCommand())
  .addHelpText('afterAll', EXIT_CODES_HELP);
throwOnUsageErrors(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // commander has printed its own usage errors (and help, and the version)
  if (!(err instanceof CommanderError)) console.error(`fractal-gd: ${(err as Error).message}`);
  process.exitCode = exitCode(err);
}
