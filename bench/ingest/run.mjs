#!/usr/bin/env node
// `gongkai ingest` of a folder of 1,000 generated reports (about 2 % junk) into a fresh database
// holding the demo county, end to end as a user runs it. Prints and (with --write) records the
// throughput. Uses DATABASE_URL's server when set (a scratch database is made on it), else an
// embedded PostgreSQL. Usage: npm run bench:ingest [-- --write]
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_COUNTY, parsePoolSettings, startServer } from '@gongkai/api';
import { RENDER_EXT, randomReport, renderReport } from '@gongkai/report-render';
import pg from 'pg';
import { scratchDatabase } from '../lib/db.mjs';

const root = new URL('../../', import.meta.url).pathname;
const N = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1000);
const work = mkdtempSync(join(tmpdir(), 'gongkai-bench-ingest-'));
chmodSync(work, 0o755);

const scratch = await scratchDatabase(work, 'gongkai_bench');
const databaseUrl = scratch.url;

// The demo county (units and users) through the product's own start-up; not measured.
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  databaseUrl,
  dataDir: work,
  authSecret: 'bench-secret-bench-secret-bench-secret-00',
  tokenTtlHours: 1,
  publicRead: true,
  maxUploadBytes: 20 << 20,
  seedDemo: true,
  logLevel: 'error',
  webDir: null,
  parse: parsePoolSettings(process.env).options,
  slowQueryMs: 0,
  metricsToken: null,
  listenDataVersion: true,
});
await server.close();

const units = DEMO_COUNTY.towns;
const formats = ['html', 'text-cells', 'text-pipes', 'docx', 'html-gbk', 'markdown'];
const dir = join(work, 'reports');
mkdirSync(dir);
let junk = 0;
for (let i = 0; i < N; i++) {
  if (i % 50 === 7) {
    writeFileSync(join(dir, `junk-${i}.txt`), `not a report ${i}`);
    junk++;
    continue;
  }
  const unit = units[i % units.length];
  const year = 2013 + (i % 6);
  const format = formats[i % formats.length];
  writeFileSync(join(dir, `${unit}-${year}-${i}.${RENDER_EXT[format]}`), renderReport(randomReport(50_000 + i, { organ: `${unit}人民政府`, year }), format));
}

const started = performance.now();
const res = spawnSync(process.execPath, [join(root, 'apps/cli/bin/gongkai.js'), 'ingest', dir, '--county', '桐柏县', '--json'], {
  env: { ...process.env, DATABASE_URL: databaseUrl },
  encoding: 'utf8',
  maxBuffer: 1 << 28,
});
const seconds = (performance.now() - started) / 1000;
const out = res.stdout
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const summary = out.pop().summary;
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const { rows: counts } = await db.query('SELECT count(*)::int AS n FROM report_version WHERE NOT synthetic OR "submittedBy" LIKE \'ingest:%\'');
await db.end();
const accounted = summary.imported + summary.unchanged + summary.failed;
const line = `ingest ${N} files (${junk} junk): ${summary.imported} imported, ${summary.unchanged} unchanged, ${summary.failed} failed with reasons, ${N - accounted} unaccounted; ${seconds.toFixed(1)} s whole process = ${(N / seconds).toFixed(0)} files/s (${counts[0].n} versions stored by ingest)`;
console.log(line);

await scratch.drop();
rmSync(work, { recursive: true, force: true });

if (process.argv.includes('--write')) {
  const doc = join(root, 'docs/benchmarks.md');
  const start = '<!-- bench:ingest:start -->';
  const end = '<!-- bench:ingest:end -->';
  const text = readFileSync(doc, 'utf8');
  const body = `${start}\nMeasured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ${process.env.DATABASE_URL ? 'PostgreSQL server from DATABASE_URL' : 'embedded PostgreSQL 18'}.\n\n${line}\n${end}`;
  writeFileSync(
    doc,
    text.includes(start)
      ? text.replace(new RegExp(`${start}[\\s\\S]*${end}`), body)
      : `${text}\n## Ingestion (\`bench/ingest\`)\n\nCommand: \`npm run bench:ingest -- --write\`\n\nA folder of generated reports in six shapes for the demo county's 16 townships, about 2 % junk,\ningested by \`gongkai ingest --json\` into a fresh database; every file must come back imported,\nunchanged or failed with a reason.\n\n${body}\n`,
  );
  console.log('docs/benchmarks.md updated');
}
