#!/usr/bin/env node
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS, MAX_COMPLEXITY, MAX_PRICED_REPEATS, ROOT_COST } from '@gongkai/api';
import { buildWorstOperation, pricedFieldQueries } from '../../test/support/worst-operation.mjs';

/** What is printed is also what --write records in docs/benchmarks.md. */
const out = [];
const say = (line) => {
  out.push(line);
  console.log(line);
};

import { startApiProcess } from '../lib/api-process.mjs';
import { scratchDatabase } from '../lib/db.mjs';

const root = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'gongkai-bench-worst-'));
chmodSync(work, 0o755);
const scratch = await scratchDatabase(work, 'gongkai_worst');
const {
  base,
  proc: api,
  stop: stopApi,
} = await startApiProcess(
  { DATABASE_URL: scratch.url, SEED_DEMO: 'true', LOG_LEVEL: 'warn', NODE_ENV: 'production', GONGKAI_DATA_DIR: work },
  { ready: '/health/ready', stdio: ['ignore', 'inherit', 'inherit'] },
);
try {
  let token = null;
  const gql = async (query) => {
    const t = performance.now();
    const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const r = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query }) });
    const body = await r.json();
    return { ms: performance.now() - t, status: r.status, body };
  };
  const county = (await gql('{ jurisdiction(code: "411330") { id } }')).body.data.jurisdiction.id;
  // A logged-in viewer may ask for more than an anonymous client (submissionStatus, auditTrail).
  const viewer = DEMO_USERS.find((u) => u.role === 'viewer');
  token = (await gql(`mutation { login(username: "${viewer.username}", password: "${viewer.password}") { token } }`)).body.data.login.token;
  const fields = pricedFieldQueries(county);

  // Each field asked for the first time (fresh aliases defeat the response cache), 5 at once so
  // the request's own overhead is shared, less a request that does nothing; per field.
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const timeOf = async (selection, k = MAX_PRICED_REPEATS) => {
    const xs = [];
    for (let i = 0; i < 11; i++) {
      const tag = Math.random().toString(36).slice(2, 8);
      const r = await gql(`{ ${Array.from({ length: k }, (_, j) => `q${j}_${tag}: ${selection}`).join(' ')} }`);
      if (r.body.errors) throw new Error(`${selection}: ${JSON.stringify(r.body.errors)}`);
      xs.push(r.ms);
    }
    return median(xs);
  };
  const baseline = await timeOf('metricsVersion');
  say(`Measured ${new Date().toISOString().slice(0, 10)}.\n`);
  say(`baseline request (5× metricsVersion): ${baseline.toFixed(1)} ms · load average ${loadavg()[0].toFixed(2)}\n`);
  say('| root field | one, first asked (5 per request, median of 11, less baseline, ÷ 5) | price (units) | ms per 1,000 units |');
  say('|---|---|---|---|');
  const measured = {};
  for (const [name, selection] of Object.entries(fields)) {
    const ms = Math.max(0.1, ((await timeOf(selection).catch(() => Number.NaN)) - baseline) / MAX_PRICED_REPEATS);
    if (Number.isNaN(ms)) {
      say(`| ${name} | refused to a viewer | ${ROOT_COST[name]} | |`);
      continue;
    }
    measured[name] = ms;
    say(`| ${name} | ${ms.toFixed(1)} ms | ${ROOT_COST[name]} | ${((ms / ROOT_COST[name]) * 1000).toFixed(0)} |`);
  }

  const bomb = `{ ${Array.from({ length: 1600 }, (_, i) => `a${i}: dataQuality(under: "${county}", year: 2024) { anomalies { kind } }`).join(' ')} }`;
  const refused = await gql(bomb);
  say(`\nissue 10's bomb (1,600 aliases of dataQuality): HTTP ${refused.status}, ${refused.body.errors?.[0]?.extensions?.code} in ${refused.ms.toFixed(0)} ms`);

  const worst = await buildWorstOperation(gql, fields, measured);
  say(`worst allowed operation: ${worst.summary} (limit ${MAX_COMPLEXITY}, at most ${MAX_PRICED_REPEATS} of one priced field)`);

  const pid = api.pid;
  const hwm = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const rows = [];
  for (let round = 0; round < 3; round++) {
    // Fresh aliases every round: nothing comes from the cache.
    const ops = Array.from({ length: 4 }, (_, k) => worst.query.replace(/\bw(\d+)_\w+:/g, (_, i) => `w${i}_${round}${k}x:`));
    let done = false;
    const worstProbe = { live: 0, ready: 0 };
    const probe = async (path, key) => {
      while (!done) {
        const t = performance.now();
        await fetch(`${base}${path}`).catch(() => {});
        worstProbe[key] = Math.max(worstProbe[key], performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const probes = [probe('/health/live', 'live'), probe('/health/ready', 'ready')];
    const t = performance.now();
    const results = await Promise.all(ops.map((q) => gql(q)));
    const wall = performance.now() - t;
    done = true;
    await Promise.all(probes);
    if (results.some((r) => r.body.errors)) throw new Error(JSON.stringify(results.find((r) => r.body.errors).body.errors).slice(0, 300));
    rows.push({ wall, one: Math.max(...results.map((r) => r.ms)), ...worstProbe });
  }
  say('\n| run | 4 worst operations at once | slowest of the 4 | /health/live worst | /health/ready worst |');
  say('|---|---|---|---|---|');
  for (const [i, r] of rows.entries())
    say(`| ${i + 1} | ${r.wall.toFixed(0)} ms | ${r.one.toFixed(0)} ms | ${r.live.toFixed(0)} ms | ${r.ready.toFixed(0)} ms |`);
  say(`\nAPI peak RSS: ${hwm().toFixed(0)} MB · ${cpus().length} cores (${cpus()[0]?.model.trim()}) · node ${process.version}`);
  if (process.argv.includes('--write')) {
    const file = join(root, 'docs/benchmarks.md');
    const doc = readFileSync(file, 'utf8');
    const [start, end] = ['<!-- bench:api:start -->', '<!-- bench:api:end -->'];
    if (!doc.includes(start)) throw new Error(`${file} has no ${start} section`);
    writeFileSync(file, doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${out.join('\n').trim()}\n${end}`));
    console.log(`wrote ${file}`);
  }
} finally {
  await stopApi();
  await scratch.drop();
  rmSync(work, { recursive: true, force: true });
}
