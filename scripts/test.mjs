#!/usr/bin/env node
// `npm test`: builds and tests every Nx project (`nx run-many`, cached), then adds up the projects'
// vitest results into one report. `--outputFile=x.json` (as `.ci/run` passes it, with its
// `--reporter` flags, which each project already uses) writes the totals there in vitest's JSON
// shape. A project that left no results counts as a failure, so a skipped or crashed run never
// passes; the exit code is non-zero when Nx failed or any test failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = '.vitest/results.json';

const args = process.argv.slice(2);
const outputFile = args.find((a) => a.startsWith('--outputFile='))?.slice('--outputFile='.length);
// `--projects=a,b` tests only those Nx projects (and builds what they need).
const only = args
  .find((a) => a.startsWith('--projects='))
  ?.slice('--projects='.length)
  .split(',');
const passOn = args.filter((a) => !/^--(outputFile|reporter|projects)=/.test(a));
if (passOn.length) {
  console.error(`npm test takes no other arguments (got ${passOn.join(' ')}): run \`npx vitest run <files>\` for a part.`);
  process.exit(2);
}

const nxBin = join(dirname(createRequire(import.meta.url).resolve('nx/package.json')), 'dist/bin/nx.js');
const nx = (...a) => spawnSync(process.execPath, [nxBin, ...a], { cwd: root, stdio: 'inherit' });

// Every project with a test target, and its folder, from Nx's project graph.
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-nx-graph-'));
if (nx('graph', `--file=${join(tmp, 'graph.json')}`).status !== 0) process.exit(1);
const nodes = Object.values(JSON.parse(readFileSync(join(tmp, 'graph.json'), 'utf8')).graph.nodes).filter(
  (n) => n.data.targets?.test && (!only || only.includes(n.name)),
);
rmSync(tmp, { recursive: true, force: true });
const projects = nodes.map((n) => n.name);
const roots = nodes.map((n) => n.data.root);
// Results of an earlier run must not stand in for a project that does not run now.
for (const r of roots) rmSync(join(root, r, RESULTS), { force: true });

// One project's tests at a time: each vitest already uses both cores.
const run = nx('run-many', '-t', 'build', 'test', `--projects=${projects.join(',')}`, '--parallel=1', '--outputStyle=stream');

const total = { numTotalTests: 0, numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, numTotalTestSuites: 0, numFailedTestSuites: 0 };
let runtimeErrors = 0;
const testResults = [];
const missing = [];
for (const [i, r] of roots.entries()) {
  const file = join(root, r, RESULTS);
  if (!existsSync(file)) {
    missing.push(projects[i]);
    continue;
  }
  const one = JSON.parse(readFileSync(file, 'utf8'));
  for (const k of Object.keys(total)) total[k] += one[k] ?? 0;
  runtimeErrors += one.numRuntimeErrorTestSuites ?? 0;
  if (!one.success && !one.numFailedTests) runtimeErrors++;
  testResults.push(...one.testResults);
}
// A project without results failed before its tests ran (its build, or vitest itself).
runtimeErrors += missing.length;
const success = run.status === 0 && total.numFailedTests === 0 && runtimeErrors === 0;
const report = { ...total, numRuntimeErrorTestSuites: runtimeErrors, success, projects: projects.length, missing, testResults };
if (outputFile) writeFileSync(resolve(root, outputFile), JSON.stringify(report));
console.log(`\nAll projects: ${total.numPassedTests} passed, ${total.numFailedTests} failed${missing.length ? `; no results from ${missing.join(', ')}` : ''}`);
process.exit(success ? 0 : 1);
