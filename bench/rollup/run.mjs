#!/usr/bin/env node
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { SubmissionsService } from '@gongkai/api';
import { randomReport } from '@gongkai/report-render';
import { startApiProcess } from '../lib/api-process.mjs';
import { benchApp, geography } from '../lib/db.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const COUNTIES = Number(arg('counties', '8'));
const YEARS = [2024, 2025];
const root = new URL('../../', import.meta.url).pathname;
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);

const { work, scratch, databaseUrl, config, ctx, db } = await benchApp('rollup');

// ---- geography: a province, one city, its counties and their units ----------------------------
const SYL = '安宁平和华东西南北中山河江湖海阳新兴隆昌盛德清源泉林石桥';
const { rand, between, name, insertLevel } = geography(db, 13, SYL);
const [province] = await insertLevel([{ name: '河南省', kind: 'province', code: '410000', parentId: null }]);
const [city] = await insertLevel([{ name: '南阳市', kind: 'city', code: '411300', parentId: province.id }]);
const counties = await insertLevel(Array.from({ length: COUNTIES }, (_, i) => ({ name: `${name(2)}县${i}`, kind: 'county', parentId: city.id })));
const DEPTS = ['教育局', '民政局', '财政局', '自然资源局', '住房和城乡建设局', '卫生健康委员会'];
const units = await insertLevel([
  { name: '南阳市人民政府', kind: 'government', parentId: city.id },
  ...counties.flatMap((c) => [
    ...Array.from({ length: between(12, 18) }, (_, i) => ({
      name: `${name(2)}${i % 4 === 0 ? '乡' : '镇'}${i}`,
      kind: i % 4 === 0 ? 'township' : 'town',
      parentId: c.id,
    })),
    ...DEPTS.map((d) => ({ name: `${c.name}${d}`, kind: 'department', parentId: c.id })),
    { name: `${c.name}人民政府`, kind: 'government', parentId: c.id },
  ]),
]);
await db.query(
  `WITH RECURSIVE t(id, path) AS (SELECT id, id::text FROM jurisdiction WHERE "parentId" IS NULL UNION ALL SELECT j.id, t.path || '.' || j.id FROM jurisdiction j JOIN t ON j."parentId" = t.id) UPDATE jurisdiction j SET path = t.path FROM t WHERE t.id = j.id`,
);
const cityPath = (await db.query('SELECT path FROM jurisdiction WHERE id = $1', [city.id])).rows[0].path;

// ---- reports: every unit both years except about one in twenty for 2025 (missing) -------------
const enc = new TextEncoder();
const organ = (u) => (u.kind === 'town' || u.kind === 'township' ? `${u.name}人民政府` : u.name);
const items = [];
for (const u of units)
  for (const year of YEARS) {
    if (year === 2025 && rand() < 0.05) continue;
    const report = randomReport(u.id * 10 + year, { organ: organ(u), year, version: '2021', scale: u.kind === 'government' ? 20 : 3 });
    items.push({ jurisdictionId: u.id, year, fileName: `${u.id}-${year}.json`, bytes: enc.encode(JSON.stringify(report)), synthetic: true });
  }
const actor = { id: null, username: 'bench', role: 'admin', jurisdictionId: province.id, jurisdictionPath: String(province.id) };
const submissions = ctx.get(SubmissionsService);
let stored = 0;
for (let i = 0; i < items.length; i += 1000) {
  const r = await submissions.storeBulk(actor, await submissions.prepareBulk(actor, items.slice(i, i + 1000), { publish: true }));
  stored += r.imported;
  if (r.failed.length) console.error('failed:', r.failed.slice(0, 3));
}
log(`city ${city.name}: ${counties.length} counties, ${units.length} reporting units, ${stored} published reports (2024–2025)`);
await db.query('VACUUM ANALYZE');
await ctx.close();

// ---- the API over HTTP ------------------------------------------------------------------------
const { base, stop: stopApi } = await startApiProcess({ DATABASE_URL: databaseUrl, SEED_DEMO: 'false', LOG_LEVEL: 'error', AUTH_SECRET: config.authSecret });

const FULL = `query($s: ID!, $y: Int!, $o: Boolean, $k: String!) { rollupReport(scope: $s, year: $y, includeOwnOffice: $o) {
  dataVersion data included { unit { id name } state versionId } missing { unit { id name } state } yoy { metric value previous change }
  checks { rule message units { unit { name } message } } prose docxUrl csvUrl frozen { id }
  contributions(key: $k) { value contributions { unit { id } value } } } }`;
const KEYS = ['applications.newReceived.total', 'applications.granted.total', 'applications.processedTotal.total', 'reviews.reconsideration.total'];
let checked = null;
async function timeGql(variables) {
  const s = performance.now();
  const r = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: FULL, variables }),
  });
  const j = await r.json();
  if (j.errors) throw new Error(JSON.stringify(j.errors).slice(0, 500));
  checked ??= j.data.rollupReport;
  return performance.now() - s;
}
async function timeGet(path) {
  const s = performance.now();
  const r = await fetch(`${base}${path}`);
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  await r.arrayBuffer();
  return performance.now() - s;
}
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const stats = (xs) => ({ p50: pct(xs, 0.5), p95: pct(xs, 0.95) });
const cityVars = (i) => ({ s: String(city.id), y: 2025, o: i % 2 === 0, k: KEYS[i % KEYS.length] });
for (let i = 0; i < 10; i++) await timeGql(cityVars(i));
const gql = [];
for (let i = 0; i < 100; i++) gql.push(await timeGql(cityVars(i)));
const countyTimes = [];
for (let i = 0; i < 100; i++) countyTimes.push(await timeGql({ s: String(counties[i % counties.length].id), y: 2025, o: true, k: KEYS[i % KEYS.length] }));
const docx = [];
for (let i = 0; i < 30; i++) docx.push(await timeGet(`/api/rollup.docx?scope=${city.id}&year=2025&includeOwnOffice=true`));
const city95 = stats(gql);
const county95 = stats(countyTimes);
const docx95 = stats(docx);
// The roll-up must be the sum: compare one cell with the database, summed directly.
const direct = await db.query(
  `SELECT sum(f.a_new_received_total)::int AS n FROM report r JOIN report_figures f ON f."versionId" = r."publishedVersionId" JOIN jurisdiction j ON j.id = r."jurisdictionId" WHERE j.path LIKE $1 AND r.year = 2025`,
  [`${cityPath}.%`],
);
const agree = checked.data.applications.newReceived.total === direct.rows[0].n;
log(
  `city roll-up (${checked.included.length} units included, ${checked.missing.length} missing): p50 ${city95.p50.toFixed(1)} / p95 ${city95.p95.toFixed(1)} ms (target p95 ≤ 200 ms); sum agrees with the database: ${agree}`,
);
log(`county roll-up: p50 ${county95.p50.toFixed(1)} / p95 ${county95.p95.toFixed(1)} ms`);
log(`city .docx download: p50 ${docx95.p50.toFixed(1)} / p95 ${docx95.p95.toFixed(1)} ms`);
await stopApi();
await db.end();
await scratch.drop();
rmSync(work, { recursive: true, force: true });
if (!agree) process.exitCode = 1;

if (process.argv.includes('--write')) {
  const doc = join(root, 'docs/benchmarks.md');
  const start = '<!-- bench:rollup:start -->';
  const end = '<!-- bench:rollup:end -->';
  const ms = (s) => `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} ms`;
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ${process.env.DATABASE_URL ? 'PostgreSQL server from DATABASE_URL' : 'embedded PostgreSQL 18'}: one city of ${counties.length} counties, ${units.length} reporting units, ${stored} published reports; ${checked.included.length} units in the city's 2025 roll-up, ${checked.missing.length} missing.`,
    '',
    '| request (over HTTP, sequential) | p50 / p95 |',
    '|---|---:|',
    `| \`rollupReport\` of the city, 2025: data, units, YoY, checks, prose and one cell's contributions (100 requests, own office in and out alternately) | **${ms(city95)}** (target p95 ≤ 200 ms) |`,
    `| the same for each county in turn (100 requests) | ${ms(county95)} |`,
    `| \`GET /api/rollup.docx\` of the city (30 requests) | ${ms(docx95)} |`,
    '',
    `The city's 本年新收·总计 equals the sum over report_figures done directly in SQL: ${agree ? 'yes' : '**no**'}.`,
  ].join('\n');
  const text = readFileSync(doc, 'utf8');
  const body = `${start}\n${table}\n${end}`;
  writeFileSync(
    doc,
    text.includes(start)
      ? text.replace(new RegExp(`${start}[\\s\\S]*${end}`), body)
      : `${text}\n## City roll-up (\`bench/rollup\`)\n\nCommand: \`npm run bench:rollup -- --write\` (\`--counties N\`, default 8). Every request compiles the roll-up afresh from the rollups kept at publication (it is not cached); the unit list and one cell's contributions come from the unit tables.\n\n${body}\n`,
  );
  log('docs/benchmarks.md updated');
}
