#!/usr/bin/env node
// The `test` target of one Nx project: vitest over that project's folder (all its tiers), with the
// totals in <project>/.vitest/results.json — an Nx output, so a cached run restores them and
// `npm test` (scripts/test.mjs) can add up every project's numbers.
// Usage, from a package folder: `node ../../scripts/vitest-project.mjs [vitest args]`;
// from the workspace root: `node scripts/vitest-project.mjs --dir=test [vitest args]`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS = '.vitest/results.json';
const root = fileURLToPath(new URL('..', import.meta.url));

const args = process.argv.slice(2);
const dirArg = args.find((a) => a.startsWith('--dir='));
const own = dirArg ? dirArg.slice('--dir='.length) : relative(root, process.cwd()).replaceAll('\\', '/');
const projectRoot = dirArg ? '.' : own;
const results = join(projectRoot, RESULTS);
rmSync(join(root, results), { force: true });
mkdirSync(join(root, projectRoot, '.vitest'), { recursive: true });

const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const run = spawnSync(
  process.execPath,
  [vitest, 'run', `${own}/`, '--reporter=default', '--reporter=json', `--outputFile=${results}`, ...args.filter((a) => a !== dirArg)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(run.status ?? 1);
