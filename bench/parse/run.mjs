#!/usr/bin/env node
// Parser throughput per format (in process) and the CLI end to end on 500 text reports.
// Usage: npm run bench:parse [-- --write] [--runs N]   (--write updates docs/benchmarks.md)
// Each format runs in N fresh processes (default 3), the formats taken in turn so that a slow
// spell of a shared host falls on all of them; a format's rate is the median of its processes'.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomReport, renderReport } from '@gongkai/report-render';

const root = new URL('../../', import.meta.url).pathname;
const pdfs = ['hongze-district-2023', 'hongze-district-2024'].map((n) => join(root, 'libs/report-parser/fixtures', n, 'input.pdf'));
const formats = [
  ['text-cells', 2000],
  ['text-pipes', 2000],
  ['text-tabs', 2000],
  ['text-glued', 2000],
  ['html', 2000],
  ['html-gbk', 2000],
  ['markdown', 2000],
  ['docx', 1000],
  ['pdf', 100],
];

const runsArg = process.argv.indexOf('--runs');
const processRuns = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const results = new Map(formats.map(([format]) => [format, []]));
for (let k = 0; k < processRuns; k++) {
  for (const [format, n] of formats) {
    const out = execFileSync(process.execPath, [join(root, 'bench/parse/worker.mjs'), format, String(n), ...(format === 'pdf' ? pdfs : [])], {
      cwd: root,
      encoding: 'utf8',
    });
    const r = JSON.parse(out.trim().split('\n').pop());
    results.get(format).push(r);
    console.log(
      `${format.padEnd(11)} ${r.reportsPerSec.toFixed(0).padStart(7)} reports/s (first pass ${r.coldReportsPerSec.toFixed(0).padStart(5)}/s) ${r.mbPerSec.toFixed(1).padStart(7)} MB/s  peak RSS ${r.peakRssMB.toFixed(0)} MB  (avg ${r.avgKB.toFixed(1)} kB, n=${r.reports})`,
    );
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = formats.map(([format]) => {
  const rs = results.get(format);
  const rates = rs.map((r) => r.reportsPerSec);
  const mid = rs.find((r) => r.reportsPerSec === median(rates));
  return {
    ...mid,
    low: Math.min(...rates),
    high: Math.max(...rates),
    coldReportsPerSec: median(rs.map((r) => r.coldReportsPerSec)),
    peakRssMB: Math.max(...rs.map((r) => r.peakRssMB)),
  };
});
console.log(`median of ${processRuns} processes: ${rows.map((r) => `${r.format} ${r.reportsPerSec.toFixed(0)}`).join(', ')}`);

// The CLI as a user runs it: one process, 500 files, NDJSON to a file.
const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
const files = [];
for (let i = 0; i < 500; i++) {
  const file = join(dir, `report-${i}.txt`);
  writeFileSync(file, renderReport(randomReport(10_000 + i), i % 2 ? 'text-cells' : 'text-pipes'));
  files.push(file);
}
const bin = join(root, 'apps/cli/bin/gongkai.js');
const runs = [];
for (let k = 0; k < 3; k++) {
  const started = performance.now();
  const res = spawnSync(process.execPath, [bin, 'parse', ...files, '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  runs.push((performance.now() - started) / 1000);
  if (res.status !== 0 || res.stdout.trim().split('\n').length !== 500) throw new Error(`CLI run failed: ${res.stderr}`);
}
rmSync(dir, { recursive: true, force: true });
const best = Math.min(...runs);
const cliMedian = median(runs);
console.log(
  `CLI: gongkai parse 500 text files --json: median ${cliMedian.toFixed(2)} s = ${(500 / cliMedian).toFixed(0)} reports/s whole process (best ${(500 / best).toFixed(0)}/s)`,
);

if (process.argv.includes('--write')) {
  const table = [
    `| format | reports/s (median of ${processRuns} processes, each the median of 3 passes) | lowest – highest process | first pass, cold process | MB/s | peak RSS | avg size | n |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.format} | ${r.reportsPerSec.toFixed(0)} | ${r.low.toFixed(0)} – ${r.high.toFixed(0)} | ${r.coldReportsPerSec.toFixed(0)} | ${r.mbPerSec.toFixed(1)} | ${r.peakRssMB.toFixed(0)} MB | ${r.avgKB.toFixed(1)} kB | ${r.reports} |`,
    ),
    '',
    `CLI end to end, \`gongkai parse\` of 500 text reports in one call (\`--json\`, output to a pipe): median of 3 runs **${cliMedian.toFixed(2)} s = ${(500 / cliMedian).toFixed(0)} reports/s** (target ≥ 200/s).`,
  ].join('\n');
  const doc = join(root, 'docs/benchmarks.md');
  const text = readFileSync(doc, 'utf8');
  const start = '<!-- bench:parse:start -->';
  const end = '<!-- bench:parse:end -->';
  const stamp = `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}.`;
  const next = text.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${stamp}\n\n${table}\n${end}`);
  writeFileSync(doc, next);
  console.log('docs/benchmarks.md updated');
}
