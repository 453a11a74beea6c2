#!/usr/bin/env node
// Whole-machine parsing: the parse pool (worker processes, as the API, `gongkai ingest` and
// `gongkai parse` with several files use it) at 1 and 2 workers, against parsing in process, on
// generated text and HTML reports and the two real 洪泽区 PDFs; then `gongkai parse` end to end
// with PARSE_WORKERS=1 and 2. Prints a markdown table; --write puts it in docs/benchmarks.md.
// Usage: npm run build && node bench/parse/pool.mjs [--write]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParsePool } from '@gongkai/api/parse-pool';
import { parseReport } from '@gongkai/report-parser';
import { RENDER_EXT, randomReport, renderReport } from '@gongkai/report-render';

const root = new URL('../../', import.meta.url).pathname;
const pdfFiles = ['hongze-district-2023', 'hongze-district-2024'].map((n) => readFileSync(join(root, 'libs/report-parser/fixtures', n, 'input.pdf')));
const inputs = (format, n) =>
  Array.from({ length: n }, (_, i) =>
    format === 'pdf'
      ? { bytes: new Uint8Array(pdfFiles[i % pdfFiles.length]), name: 'r.pdf' }
      : { bytes: renderReport(randomReport(20_000 + i), format), name: `r.${RENDER_EXT[format]}` },
  );
const plan = [
  ['text-cells', 2000],
  ['html', 2000],
  ['pdf', 60],
];

const rows = [];
for (const [format, n] of plan) {
  const xs = inputs(format, n);
  const row = { format, n };
  // In process, one after another: what one core does without the pool.
  for (const x of xs.slice(0, 10)) await parseReport(x.bytes, x.name);
  let t = performance.now();
  for (const x of xs) await parseReport(x.bytes, x.name);
  row.inProcess = n / ((performance.now() - t) / 1000);
  for (const workers of [1, 2]) {
    const pool = new ParsePool({ size: workers, timeoutMs: 120_000, memoryMb: 1024 });
    // Warm-up: every worker started and its parser loaded.
    await Promise.all(xs.slice(0, workers * 4).map((x) => pool.parse(x.bytes, x.name)));
    t = performance.now();
    await Promise.all(xs.map((x) => pool.parse(x.bytes, x.name)));
    row[`w${workers}`] = n / ((performance.now() - t) / 1000);
    await pool.close();
  }
  rows.push(row);
  console.log(`${format}: in process ${row.inProcess.toFixed(1)}/s · 1 worker ${row.w1.toFixed(1)}/s · 2 workers ${row.w2.toFixed(1)}/s`);
}

// The CLI as a user runs it: one `gongkai parse` call over many files, workers set by PARSE_WORKERS.
const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-pool-'));
const cli = [];
for (const [format, n] of [
  ['text-cells', 500],
  ['pdf', 40],
]) {
  const files = inputs(format, n).map((x, i) => {
    const f = join(dir, `${format}-${i}.${x.name.split('.').pop()}`);
    writeFileSync(f, x.bytes);
    return f;
  });
  const row = { format, n };
  for (const workers of [1, 2]) {
    const times = [];
    for (let k = 0; k < 3; k++) {
      const started = performance.now();
      const res = spawnSync(process.execPath, [join(root, 'apps/cli/bin/gongkai.js'), 'parse', ...files, '--json'], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
        env: { ...process.env, PARSE_WORKERS: String(workers) },
      });
      if (res.status !== 0 || res.stdout.trim().split('\n').length !== n) throw new Error(`gongkai parse failed: ${res.stderr.slice(0, 500)}`);
      times.push((performance.now() - started) / 1000);
    }
    row[`w${workers}`] = n / times.sort((a, b) => a - b)[1];
  }
  cli.push(row);
  console.log(`gongkai parse ${n} ${format}: 1 worker ${row.w1.toFixed(1)}/s · 2 workers ${row.w2.toFixed(1)}/s`);
}
rmSync(dir, { recursive: true, force: true });

const f = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, load average ${loadavg()[0].toFixed(1)} at the end (other work on the machine)`;
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.`,
  '',
  '| format | n | in process, 1 core | pool, 1 worker | pool, 2 workers | 2 workers ÷ 1 |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.format} | ${r.n} | ${f(r.inProcess)}/s | ${f(r.w1)}/s | ${f(r.w2)}/s | ${(r.w2 / r.w1).toFixed(2)}× |`),
  '',
  '| `gongkai parse FILES… --json` (whole process, median of 3) | n | PARSE_WORKERS=1 | PARSE_WORKERS=2 | 2 ÷ 1 |',
  '|---|---:|---:|---:|---:|',
  ...cli.map((r) => `| ${r.format} | ${r.n} | ${f(r.w1)}/s | ${f(r.w2)}/s | ${(r.w2 / r.w1).toFixed(2)}× |`),
].join('\n');
console.log(`\n${table}`);

if (process.argv.includes('--write')) {
  const file = join(root, 'docs/benchmarks.md');
  const doc = readFileSync(file, 'utf8');
  const start = '<!-- bench:pool:start -->';
  const end = '<!-- bench:pool:end -->';
  if (!doc.includes(start)) throw new Error(`${file} has no ${start} section`);
  writeFileSync(file, doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${table}\n${end}`));
  console.log(`wrote ${file}`);
}
