#!/usr/bin/env node
/** The `fractal-gd` command line: one subcommand per file in this folder. */
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { sweepCommand } from './sweep.js';
import { paperCommand } from './paper.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('fractal-gd')
  .description('Map where gradient descent trains and where it diverges, and how fractal the boundary is.')
  .version(pkg.version)
  .showHelpAfterError()
  .addCommand(sweepCommand())
  .addCommand(paperCommand());

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const e = err as Error;
  console.error(`fractal-gd: ${e.message}`);
  process.exitCode = e instanceof RangeError || e instanceof TypeError ? 2 : 1;
}
