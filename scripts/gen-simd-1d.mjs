#!/usr/bin/env node
// Writes assembly/simd-1d.ts, the built-in families' one-dimensional SIMD step loops, from their one
// source, src/lr/simd-source.ts (built into dist/ by `npm run build:ts`; formula losses generate
// their loop from the same templates at run time).
//   node scripts/gen-simd-1d.mjs [--vectors WIDE[,MULTIPLICATIVE]] [--check]
// --check exits 1 when the committed file differs from what the generator writes (test/simd.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate, WIDTHS } from '../dist/lr/simd-source.js';

const OUT = fileURLToPath(new URL('../assembly/simd-1d.ts', import.meta.url));
const i = process.argv.indexOf('--vectors'); // --vectors WIDE[,MULTIPLICATIVE]: for measuring other widths
const [wide, mul] = i > 0 ? process.argv[i + 1].split(',').map(Number) : [WIDTHS.wide, WIDTHS.multiplicative];
const text = generate(i > 0 ? { wide, multiplicative: mul ?? wide } : WIDTHS);
if (process.argv.includes('--check')) {
  if (readFileSync(OUT, 'utf8') !== text) {
    console.error('assembly/simd-1d.ts differs from src/lr/simd-source.ts output; run npm run build:ts && node scripts/gen-simd-1d.mjs');
    process.exit(1);
  }
} else writeFileSync(OUT, text);
