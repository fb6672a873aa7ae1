/** The version the package writes into its files is package.json's. */
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { packageVersion } from '../dist/index.js';

it('packageVersion() is the version in package.json', async () => {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(await packageVersion()).toBe(version);
});
