#!/usr/bin/env node
// Regenerates every parser golden file: fixtures/<case>/expected.json from input.* (and the
// optional meta.json {"previous": "<path to last year's input>"}). Review the diff, then commit.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fixtureResult } from '../libs/report-parser/dist/testing/fixtures.js';

const root = new URL('../libs/report-parser/fixtures/', import.meta.url).pathname;
let n = 0;
for (const name of (await readdir(root, { withFileTypes: true }))
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()) {
  const dir = join(root, name);
  const result = await fixtureResult(dir, { readdir, readFile });
  await writeFile(join(dir, 'expected.json'), `${JSON.stringify(result, null, 2)}\n`);
  n++;
}
console.log(`wrote ${n} expected.json files under libs/report-parser/fixtures/`);
