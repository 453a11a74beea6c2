import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_COUNTY, DEMO_USERS, FIGURE_COLUMNS, freePort, startEmbeddedPostgres } from '@gongkai/api';
import { randomReport, renderReport } from '@gongkai/report-render';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traversableTempDir } from './support/api.js';
import { productEnv, ROOT, ready, type Started, start } from './support/processes.js';

/**
 * Crash safety: the process that writes is killed (kill -9) at a random moment while it stores a
 * batch of ~50 reports, over and over — alternately `gongkai ingest` of a folder and the API taking
 * uploads and publications over HTTP. After each kill the data must be whole: no half-written
 * version, rollups equal to a recomputation from the published figures, every acknowledged
 * upload (and publication) present. FAULT_RUNS sets how many kills (default 20).
 */
const RUNS = Number(process.env.FAULT_RUNS ?? 20);
const TOWNS = DEMO_COUNTY.towns.slice(0, 10) as readonly string[];
const YEARS = [2013, 2014, 2015, 2016, 2017];
const COLS = Object.values(FIGURE_COLUMNS);

let data: string;
let files: string;
/** A seeded random stream, so a failing run can be repeated with the same FAULT_SEED. */
let seed = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

beforeAll(async () => {
  data = traversableTempDir('gongkai-fault-');
  files = join(data, 'reports');
  // The demo county, loaded once by the product itself: published reports and their rollups.
  const port = await freePort();
  const api = start(process.execPath, [join(ROOT, 'apps/api/dist/main.js')], productEnv(data, port, { SEED_DEMO: 'true' }));
  expect(await ready(`http://127.0.0.1:${port}`, 240_000), api.output()).toBe(true);
  api.child.kill('SIGTERM');
  expect((await api.exit).code).toBe(0);
}, 300_000);

afterAll(() => rmSync(data, { recursive: true, force: true }));

/** 50 reports (10 towns × 5 years), new content each run so that every file makes a new version. */
function writeBatch(run: number): Map<string, { unit: string; year: number; sha256: string; bytes: Uint8Array }> {
  rmSync(files, { recursive: true, force: true });
  mkdirSync(files);
  const out = new Map<string, { unit: string; year: number; sha256: string; bytes: Uint8Array }>();
  for (const [t, unit] of TOWNS.entries())
    for (const year of YEARS) {
      const bytes = renderReport(randomReport(run * 1000 + t * 10 + year, { organ: `${unit}人民政府`, year, version: '2021' }), 'html');
      const name = `${unit}-${year}-r${run}.html`;
      writeFileSync(join(files, name), bytes);
      out.set(join(files, name), { unit, year, sha256: createHash('sha256').update(bytes).digest('hex'), bytes });
    }
  return out;
}

type Ack = { unit: string; year: number; sha256: string; version?: number; publishedVersionId?: number };

/** `gongkai ingest` of the folder, killed after `afterMs`. Acknowledged: the NDJSON lines it printed. */
async function ingestRun(batch: ReturnType<typeof writeBatch>, afterMs: number): Promise<Ack[]> {
  const run = start(
    process.execPath,
    [join(ROOT, 'apps/cli/bin/gongkai.js'), 'ingest', files, '--county', '桐柏县', '--json'],
    productEnv(data, await freePort()),
  );
  const timer = setTimeout(() => run.child.kill('SIGKILL'), afterMs);
  await run.exit;
  clearTimeout(timer);
  const acks: Ack[] = [];
  for (const line of run.output().split('\n')) {
    if (!line.startsWith('{"source"')) continue;
    let r: { source: string; status: string; version?: number };
    try {
      r = JSON.parse(line);
    } catch {
      continue; // the last line may be cut by the kill
    }
    expect(['imported', 'unchanged'], line).toContain(r.status);
    const f = batch.get(r.source);
    if (f) acks.push({ unit: f.unit, year: f.year, sha256: f.sha256, version: r.version });
  }
  return acks;
}

/** The API takes the batch as uploads and publishes each; killed `afterMs` after it is ready. */
async function apiRun(batch: ReturnType<typeof writeBatch>, afterMs: number): Promise<Ack[]> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api: Started = start(process.execPath, [join(ROOT, 'apps/api/dist/main.js')], productEnv(data, port));
  expect(await ready(base), api.output()).toBe(true);
  const admin = DEMO_USERS.find((u) => u.role === 'admin') as (typeof DEMO_USERS)[number];
  const gql = async (query: string, token?: string) =>
    (
      await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      })
    ).json();
  const token = (await gql(`mutation { login(username: "${admin.username}", password: "${admin.password}") { token } }`)).data.login.token as string;
  const units = (await gql('{ jurisdiction(code: "411330") { children { id name } } }')).data.jurisdiction.children as { id: string; name: string }[];
  const acks: Ack[] = [];
  setTimeout(() => api.child.kill('SIGKILL'), afterMs);
  const queue = [...batch.values()];
  const worker = async () => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      try {
        const unitId = units.find((u) => u.name === f.unit)?.id;
        const res = await fetch(`${base}/api/reports?jurisdictionId=${unitId}&year=${f.year}&fileName=r.html`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: f.bytes,
        });
        if (!res.ok) throw new Error(`upload answered ${res.status}`);
        const up = (await res.json()) as { versionId: number; version: number };
        const ack: Ack = { unit: f.unit, year: f.year, sha256: f.sha256, version: up.version };
        acks.push(ack);
        const accepted = await gql(`mutation { acceptReport(versionId: "${up.versionId}") { status } }`, token);
        if (accepted.errors) continue; // e.g. error findings: stays submitted
        const published = await gql(`mutation { publishReport(versionId: "${up.versionId}") { status } }`, token);
        if (published.data?.publishReport?.status === 'published') ack.publishedVersionId = up.versionId;
      } catch {
        return; // the API is gone
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  await api.exit;
  return acks;
}

/** Everything that must hold after a crash, checked on the database itself. */
async function verify(acks: Ack[]) {
  const db = await startEmbeddedPostgres(join(data, 'pg'), await freePort());
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    const one = async (sql: string, params: unknown[] = []) => (await c.query(sql, params)).rows;
    // No half-written version: each has its figures; version numbers run 1..n with n = versionCount;
    // current and published versions belong to their report and are what they say.
    expect(await one('SELECT v.id FROM report_version v LEFT JOIN report_figures f ON f."versionId" = v.id WHERE f."versionId" IS NULL')).toEqual([]);
    expect(
      await one(
        'SELECT r.id FROM report r LEFT JOIN report_version v ON v."reportId" = r.id GROUP BY r.id HAVING r."versionCount" <> count(v.id) OR count(v.id) <> coalesce(max(v.version), 0) OR count(DISTINCT v.version) <> count(v.id)',
      ),
    ).toEqual([]);
    expect(
      await one(
        `SELECT r.id FROM report r LEFT JOIN report_version cur ON cur.id = r."currentVersionId" LEFT JOIN report_version pub ON pub.id = r."publishedVersionId"
         WHERE (r."currentVersionId" IS NOT NULL AND (cur."reportId" IS DISTINCT FROM r.id OR cur.version <> r."versionCount"))
            OR (r."publishedVersionId" IS NOT NULL AND (pub."reportId" IS DISTINCT FROM r.id OR pub.status <> 'published'))`,
      ),
    ).toEqual([]);
    // Rollups equal a recomputation from the published figures.
    const diffs = await one(
      `WITH fresh AS (
         SELECT a.id AS "scopeId", r.year, j.kind, count(*)::int AS reports, ${COLS.map((col) => `coalesce(sum(f."${col}"), 0)::float8 AS "${col}"`).join(', ')}
         FROM report r JOIN report_figures f ON f."versionId" = r."publishedVersionId" JOIN jurisdiction j ON j.id = r."jurisdictionId"
         CROSS JOIN LATERAL (SELECT 0 AS id UNION ALL SELECT x::int FROM unnest((string_to_array(j.path, '.'))[1:array_length(string_to_array(j.path, '.'), 1) - 1]) AS x) a
         GROUP BY a.id, r.year, j.kind)
       SELECT coalesce(k."scopeId", s."scopeId") AS scope, coalesce(k.year, s.year) AS year, coalesce(k.kind, s.kind) AS kind
       FROM fresh k FULL JOIN figures_rollup s ON s."scopeId" = k."scopeId" AND s.year = k.year AND s.kind = k.kind
       WHERE coalesce(k.reports, 0) <> coalesce(s.reports, 0)
          ${COLS.map((col) => `OR abs(coalesce(k."${col}", 0) - coalesce(s."${col}", 0)) > 1e-6`).join(' ')}`,
    );
    expect(diffs).toEqual([]);
    // Every acknowledged upload is there, byte for byte; every acknowledged publication holds.
    for (const a of acks) {
      const rows = await one(
        'SELECT v.id, v.version, v.sha256, v.status, r."publishedVersionId" FROM report_version v JOIN report r ON r.id = v."reportId" JOIN jurisdiction j ON j.id = r."jurisdictionId" WHERE j.name = $1 AND r.year = $2 AND v.sha256 = $3',
        [a.unit, a.year, a.sha256],
      );
      expect(rows, `${a.unit} ${a.year}`).toHaveLength(1);
      if (a.version !== undefined) expect(rows[0].version).toBe(a.version);
      if (a.publishedVersionId !== undefined) expect(rows[0].publishedVersionId).toBe(a.publishedVersionId);
    }
    return Number((await one('SELECT count(*)::int AS n FROM report_version'))[0].n);
  } finally {
    await c.end();
    await db.stop();
  }
}

describe(`kill -9 at random points during bulk ingestion (${RUNS} runs)`, () => {
  it('leaves no half-written version, rollups equal to a recomputation, and every acknowledged upload present', async () => {
    const startSeed = seed;
    let acked = 0;
    let before = await verify([]);
    for (let run = 1; run <= RUNS; run++) {
      const batch = writeBatch(run);
      // Start-up takes a few seconds: kills land in start-up, mid-batch and (sometimes) after it.
      const viaCli = run % 2 === 1;
      const killAt = viaCli ? 300 + random() * 3_500 : random() * 2_500;
      const acks = viaCli ? await ingestRun(batch, killAt) : await apiRun(batch, killAt);
      const after = await verify(acks);
      const published = acks.filter((a) => a.publishedVersionId !== undefined).length;
      console.log(
        `run ${run}: ${viaCli ? 'gongkai ingest' : 'API uploads'} killed at ${Math.round(killAt)} ms: ${acks.length} acknowledged${viaCli ? '' : ` (${published} published)`}, ${after - before} versions stored`,
      );
      expect(after, `run ${run} (seed ${startSeed})`).toBeGreaterThanOrEqual(before + acks.length);
      before = after;
      acked += acks.length;
    }
    // The kills did land while work was under way, not only before or after it.
    expect(acked).toBeGreaterThan(0);
    expect(acked).toBeLessThan(RUNS * 50);
    expect(readdirSync(files).length).toBe(50);
    expect(readFileSync(join(data, 'pg-credentials.json'), 'utf8')).toMatch(/superuser/);
  }, 1_800_000);
});
