#!/usr/bin/env node
// A synthetic country — 31 provinces, ~330 cities, ~2,800 counties, ~40,000 township-level units,
// 7 years (~280,000 reports) — loaded through the product's bulk submission path (every report
// read as canonical JSON and validated, then stored and published with set-based inserts), then
// GraphQL latency over HTTP and throughput under load. Usage:
//   npm run bench:country [-- --scale 0.1] [-- --write]
// --scale shrinks the country (0.1 ≈ 4,000 townships) for a quick run. DATABASE_URL's server is
// used when set (a scratch database is made on it), else an embedded PostgreSQL.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { CoreModule, freePort, migrate, SubmissionsService } from '@gongkai/api';
import { randomReport, rng } from '@gongkai/report-render';
import { NestFactory } from '@nestjs/core';
import autocannon from 'autocannon';
import pg from 'pg';
import { scratchDatabase } from '../lib/db.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const SCALE = Number(arg('scale', '1'));
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const root = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'gongkai-country-'));
chmodSync(work, 0o755);
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);

// ---- database -------------------------------------------------------------------------------
const scratch = await scratchDatabase(work, 'gongkai_country');
const databaseUrl = scratch.url;
await migrate(databaseUrl);
const config = {
  port: 0,
  host: '127.0.0.1',
  databaseUrl,
  dataDir: work,
  authSecret: 'country-bench-secret-country-bench-000',
  tokenTtlHours: 1,
  publicRead: true,
  maxUploadBytes: 20 << 20,
  seedDemo: false,
  logLevel: 'error',
  webDir: null,
};
const ctx = await NestFactory.createApplicationContext(CoreModule.forRoot(config, databaseUrl), { logger: ['error'] });
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();

// ---- geography (reference data, inserted level by level) -------------------------------------
const rand = rng(42);
const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const SYL = '安宁平和华东西南北中山河江湖海阳新兴隆昌盛德清源泉林石桥城关镇乡';
const name = (n) => Array.from({ length: n }, () => SYL[Math.floor(rand() * SYL.length)]).join('');
async function insertLevel(rows) {
  const out = await db.query(
    `INSERT INTO jurisdiction (name, kind, code, "parentId") SELECT name, kind, code, "parentId" FROM json_populate_recordset(NULL::jurisdiction, $1::json) RETURNING id, "parentId", kind, name`,
    [JSON.stringify(rows)],
  );
  return out.rows;
}
const t0 = performance.now();
const provinces = await insertLevel(
  Array.from({ length: 31 }, (_, i) => ({ name: `${name(2)}省${i}`, kind: 'province', code: String(110000 + i * 10000), parentId: null })),
);
const cities = await insertLevel(
  provinces.flatMap((p) =>
    Array.from({ length: Math.max(1, Math.round(between(9, 12) * Math.sqrt(SCALE))) }, (_, i) => ({ name: `${name(2)}市${i}`, kind: 'city', parentId: p.id })),
  ),
);
const counties = await insertLevel(
  cities.flatMap((c) =>
    Array.from({ length: Math.max(1, Math.round(between(7, 10) * Math.sqrt(SCALE))) }, (_, i) => ({
      name: `${name(2)}县${i}`,
      kind: 'county',
      parentId: c.id,
    })),
  ),
);
const townRows = counties.flatMap((c) =>
  Array.from({ length: between(10, 18) }, (_, i) => ({
    name: `${name(2)}${i % 4 === 0 ? '乡' : '镇'}${i}`,
    kind: i % 4 === 0 ? 'township' : 'town',
    parentId: c.id,
  })),
);
const towns = [];
for (let i = 0; i < townRows.length; i += 5000) towns.push(...(await insertLevel(townRows.slice(i, i + 5000))));
await db.query(
  `WITH RECURSIVE t(id, path) AS (SELECT id, id::text FROM jurisdiction WHERE "parentId" IS NULL UNION ALL SELECT j.id, t.path || '.' || j.id FROM jurisdiction j JOIN t ON j."parentId" = t.id) UPDATE jurisdiction j SET path = t.path FROM t WHERE t.id = j.id`,
);
const paths = new Map((await db.query('SELECT id, path FROM jurisdiction')).rows.map((r) => [r.id, r.path]));
log(
  `geography: ${provinces.length} provinces, ${cities.length} cities, ${counties.length} counties, ${towns.length} township-level units in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

// ---- reports through the bulk submission path ---------------------------------------------------
const submissions = ctx.get(SubmissionsService);
const provinceOf = new Map();
for (const c of cities) provinceOf.set(c.id, c.parentId);
const countyCity = new Map(counties.map((c) => [c.id, c.parentId]));
let loadSeconds = 0;
let genSeconds = 0;
let stored = 0;
let failed = 0;
const total = towns.length * YEARS.length;
const BATCH = 1000;
let batch = [];
let batchProvince = null;
const flush = async () => {
  if (batch.length === 0) return;
  const actor = { id: null, username: 'bench', role: 'admin', jurisdictionId: batchProvince, jurisdictionPath: paths.get(batchProvince) };
  const started = performance.now();
  const r = await submissions.bulkSubmit(actor, batch, { publish: true });
  loadSeconds += (performance.now() - started) / 1000;
  stored += r.imported;
  failed += r.failed.length;
  if (r.failed.length) console.error('failed:', r.failed.slice(0, 3));
  batch = [];
};
const enc = new TextEncoder();
let lastLog = performance.now();
for (const t of towns.sort((a, b) => provinceOf.get(countyCity.get(a.parentId)) - provinceOf.get(countyCity.get(b.parentId)))) {
  const province = provinceOf.get(countyCity.get(t.parentId));
  if (province !== batchProvince) {
    await flush();
    batchProvince = province;
  }
  const g0 = performance.now();
  const busy = rand() < 0.15 ? 20 : 2;
  for (const year of YEARS) {
    const report = randomReport(t.id * 10 + year, { organ: `${t.name}人民政府`, year, version: year <= 2020 ? '2019' : '2021', scale: busy });
    batch.push({ jurisdictionId: t.id, year, fileName: `${t.id}-${year}.json`, bytes: enc.encode(JSON.stringify(report)), synthetic: true });
  }
  genSeconds += (performance.now() - g0) / 1000;
  if (batch.length >= BATCH) await flush();
  if (performance.now() - lastLog > 15_000) {
    lastLog = performance.now();
    log(`  ${stored} / ${total} reports stored (${(stored / loadSeconds).toFixed(0)}/s)`);
  }
}
await flush();
const loadRate = stored / loadSeconds;
log(
  `bulk load: ${stored} reports stored and published, ${failed} failed, ${loadSeconds.toFixed(1)} s in the bulk path = ${loadRate.toFixed(0)} reports/s (generating the JSON: ${genSeconds.toFixed(1)} s more)`,
);
await db.query('VACUUM ANALYZE');
await ctx.close();

// ---- the API over HTTP -------------------------------------------------------------------------
const port = await freePort();
const api = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], {
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'error',
    AUTH_SECRET: config.authSecret,
  },
  stdio: 'inherit',
});
const base = `http://127.0.0.1:${port}`;
for (
  let i = 0;
  i < 300 &&
  !(await fetch(`${base}/health`)
    .then((r) => r.ok)
    .catch(() => false));
  i++
)
  await new Promise((r) => setTimeout(r, 200));
const county = counties[Math.floor(counties.length / 2)].id;
const province = provinces[5].id;
const TEN = [
  'applications.received',
  'applications.handled',
  'rate.disclosure',
  'rate.partial',
  'rate.refusal',
  'rate.notHeld',
  'rate.carryForward',
  'reviews.reconsiderations',
  'reviews.litigations',
  'rate.reconsiderationCorrection',
];
const trend = (under) => ({
  query: `query($m: [String!]!, $s: MetricScopeInput, $y: [Int!]) { metrics(metrics: $m, scope: $s, years: $y, groupBy: [year], first: 100) { totalCount edges { node { year metric value numerator denominator } } } }`,
  variables: { m: TEN, s: under ? { under: String(under) } : null, y: YEARS },
});
const questions = [
  ['county 7-year trend, 10 metrics', trend(county)],
  ['province 7-year trend, 10 metrics', trend(province)],
  ['country 7-year trend, 10 metrics', trend(null)],
  [
    'ranking of all township-level units in a province',
    {
      query: `{ ranking(metric: "rate.disclosure", year: 2024, under: "${province}", kinds: [town, township]) { count quartiles { p25 p50 p75 } rows { unit { id } rank value } } }`,
    },
  ],
  [
    'YoY of a county’s township-level units',
    { query: `{ yoy(metric: "applications.received", from: 2024, to: 2025, under: "${county}") { unit { id } from to change relativeChange } }` },
  ],
];
async function time(body) {
  const s = performance.now();
  const r = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const j = await r.json();
  if (j.errors) throw new Error(JSON.stringify(j.errors));
  return performance.now() - s;
}
const pct = (xs, p) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const latency = [];
for (const [label, body] of questions) {
  for (let i = 0; i < 10; i++) await time(body);
  const xs = [];
  for (let i = 0; i < 100; i++) xs.push(await time(body));
  latency.push({ label, p50: pct(xs, 0.5), p95: pct(xs, 0.95) });
  log(`${label}: p50 ${pct(xs, 0.5).toFixed(1)} ms, p95 ${pct(xs, 0.95).toFixed(1)} ms`);
}
const load = await autocannon({
  url: `${base}/graphql`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(trend(county)),
  connections: 50,
  duration: 20,
});
log(
  `county trend under load (autocannon, 50 connections, 20 s): ${load.requests.average.toFixed(0)} req/s, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, ${load.non2xx} non-2xx, ${load.errors} errors`,
);
api.kill('SIGTERM');
await new Promise((r) => api.on('exit', r));
await db.end();
await scratch.drop();
rmSync(work, { recursive: true, force: true });

if (process.argv.includes('--write')) {
  const doc = join(root, 'docs/benchmarks.md');
  const start = '<!-- bench:country:start -->';
  const end = '<!-- bench:country:end -->';
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ${process.env.DATABASE_URL ? 'PostgreSQL server from DATABASE_URL' : 'embedded PostgreSQL 18'}; scale ${SCALE}: ${provinces.length} provinces, ${cities.length} cities, ${counties.length} counties, ${towns.length} township-level units, ${stored} published reports.`,
    '',
    `Bulk load (parse canonical JSON + validate + store + publish + rollups): **${loadRate.toFixed(0)} reports/s** (${loadSeconds.toFixed(1)} s; target ≥ 2,000/s).`,
    '',
    '| question (GraphQL over HTTP, 100 sequential requests) | p50 | p95 |',
    '|---|---:|---:|',
    ...latency.map((l) => `| ${l.label} | ${l.p50.toFixed(1)} ms | ${l.p95.toFixed(1)} ms |`),
    '',
    `County trend under load (autocannon, 50 connections, 20 s): **${load.requests.average.toFixed(0)} requests/s**, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms.`,
  ].join('\n');
  const text = readFileSync(doc, 'utf8');
  const body = `${start}\n${table}\n${end}`;
  writeFileSync(
    doc,
    text.includes(start)
      ? text.replace(new RegExp(`${start}[\\s\\S]*${end}`), body)
      : `${text}\n## Analytics at national scale (\`bench/country\`)\n\nCommand: \`npm run bench:country -- --write\`\n\n${body}\n`,
  );
  log('docs/benchmarks.md updated');
}
