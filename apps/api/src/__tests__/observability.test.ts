import { PassThrough } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, traversableTempDir } from '../../../../test/support/api.js';
import { loginAs, type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { startEmbeddedPostgres } from '../database/embedded.js';
import { freePort } from '../server.js';
import { reportFile, SUBMIT } from './helpers.js';

/** A log stream kept in memory: one parsed JSON object per line. */
function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d) => (text += d));
  return {
    stream,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    raw: () => text,
  };
}

describe('logs, metrics and audit (debug level, slow queries over 1 ms)', () => {
  let api: TestApi;
  let ids: SmallCounty;
  let admin: string;
  let clerk: string;
  const log = capture();
  beforeAll(async () => {
    ({ api, ids } = await startSmallCounty({ logLevel: 'debug', slowQueryMs: 1, metricsToken: 'metrics-token-0123456789' }, { logStream: log.stream }));
    [admin, clerk] = await loginAs(api, 'admin', 'huaiyuan');
  });
  afterAll(() => api?.close());

  const submit = (year: number, token = clerk, requestId?: string) =>
    fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(requestId ? { 'x-request-id': requestId } : {}) },
      body: JSON.stringify({
        query: SUBMIT,
        variables: { input: { jurisdictionId: String(ids.huaiyuan), fileName: `${year}.html`, contentBase64: reportFile('淮源镇人民政府', year).base64 } },
      }),
    });

  it('every line is JSON; a request id comes back in X-Request-Id and is on every line of that request', async () => {
    expect((await (await submit(2024)).json()).errors).toBeUndefined();
    // A query of this request must be slow, whatever the machine: hold a lock it waits on.
    const locker = new pg.Client({ connectionString: api.databaseUrl });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE report_version IN ACCESS EXCLUSIVE MODE');
    const pending = submit(2023, clerk, 'probe-2023');
    await new Promise((r) => setTimeout(r, 50));
    await locker.query('COMMIT');
    await locker.end();
    const res = await pending;
    expect(res.headers.get('x-request-id')).toBe('probe-2023');
    expect((await res.json()).errors).toBeUndefined();
    const generated = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ metricsVersion }"}',
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // A client's id that is not plain is replaced.
    const odd = await fetch(`${api.url}/health`, { headers: { 'x-request-id': 'not plain <script>' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
    const lines = log.lines();
    for (const l of lines) {
      expect(typeof l.level).toBe('string');
      expect(typeof l.time).toBe('string');
      expect(typeof l.msg === 'string' || l.msg === undefined).toBe(true);
    }
    const ofProbe = lines.filter((l) => l.reqId === 'probe-2023');
    // The access line and the lines written while the request ran.
    const access = ofProbe.find((l) => String(l.msg).startsWith('POST /graphql 200'));
    expect(access).toMatchObject({ level: 'info', req: { method: 'POST', url: '/graphql' }, res: { statusCode: 200 } });
    expect(typeof access?.responseTime).toBe('number');
    // Health probes stay out of the access log.
    expect(lines.some((l) => String(l.msg).startsWith('GET /health/'))).toBe(false);
    expect(lines.some((l) => String(l.msg).startsWith('GET /health 200'))).toBe(true);
    expect(ofProbe.some((l) => l.context === 'Database' && /slow query/.test(String(l.msg)))).toBe(true);
    const slow = ofProbe.find((l) => /slow query/.test(String(l.msg)));
    expect(slow).toMatchObject({ level: 'warn', context: 'Database' });
    expect(typeof slow?.durationMs).toBe('number');
    // The upload itself never reaches the log.
    expect(log.raw()).not.toContain(reportFile('淮源镇人民政府', 2023).base64.slice(0, 40));
    expect(log.raw()).not.toContain(clerk);
  });

  it('/metrics: requests, GraphQL latency by operation, errors by code, parse time by format, cache hits, database pool', async () => {
    const q = 'query TrendForTest { metrics(metrics: ["applications.received"], scope: { under: "1" }, groupBy: [year]) { totalCount } }';
    for (let i = 0; i < 3; i++) await api.gql(q.replace('"1"', `"${ids.countyId}"`));
    await api.gql('query Refused { submissionStatus(countyId: "1", year: 2024) { state } }');
    await fetch(`${api.url}/api/reports?jurisdictionId=${ids.huaiyuan}&fileName=x.txt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}` },
      body: '   ',
    });

    expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
    const res = await fetch(`${api.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
    expect(value(/^gongkai_http_requests_total\{method="POST",route="\/graphql",status="200"\} (\d+)/m)).toBeGreaterThanOrEqual(4);
    expect(value(/^gongkai_graphql_operation_duration_seconds_count\{operation="TrendForTest",type="query"\} (\d+)/m)).toBe(3);
    expect(value(/^gongkai_errors_total\{code="UNAUTHENTICATED",api="graphql"\} (\d+)/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^gongkai_errors_total\{code="UNREADABLE_REPORT",api="rest"\} (\d+)/m)).toBe(1);
    expect(value(/^gongkai_parse_duration_seconds_count\{format="html",outcome="ok"\} (\d+)/m)).toBeGreaterThanOrEqual(2);
    expect(value(/^gongkai_parse_duration_seconds_count\{format="text",outcome="unreadable"\} (\d+)/m)).toBe(1);
    expect(value(/^gongkai_analytics_cache_total\{result="hit"\} (\d+)/m)).toBeGreaterThanOrEqual(2);
    expect(value(/^gongkai_db_pool_connections\{state="total"\} (\d+)/m)).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^gongkai_db_pool_connections\{state="waiting"\} \d+/m);
    expect(text).toMatch(/^gongkai_process_resident_memory_bytes \d+/m);
  });

  it('the audit log records population imports and refused attempts: who, what, why', async () => {
    const ok = await api.gql<{ importPopulation: number }>(
      'mutation($c: String!) { importPopulation(csv: $c) }',
      { c: 'unit,year,population\n淮源镇,2023,41000\n' },
      admin,
    );
    expect(ok.data?.importPopulation).toBe(1);
    const refused = await api.gql('mutation($c: String!) { importPopulation(csv: $c) }', { c: 'unit,year,population\n淮源镇,2023,-5\n' }, admin);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    const yuehe = await api.login('yuehe', 'pw-yuehe');
    // A clerk of 月河镇 submitting for 淮源镇.
    const denied = await submit(2022, yuehe);
    expect((await denied.json()).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const c = new pg.Client({ connectionString: api.databaseUrl });
    await c.connect();
    try {
      const rows = (
        await c.query(
          "SELECT actor, action, entity, \"entityId\", details FROM audit_log WHERE action LIKE 'population.%' OR action LIKE '%.refused' ORDER BY id",
        )
      ).rows;
      expect(rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actor: 'admin', action: 'population.import', details: { rows: 1 } }),
          expect.objectContaining({
            actor: 'admin',
            action: 'population.import.refused',
            details: expect.objectContaining({ code: 'BAD_INPUT', reason: expect.stringMatching(/人口/) }),
          }),
          expect.objectContaining({
            actor: 'yuehe',
            action: 'report.submit.refused',
            entity: 'jurisdiction',
            entityId: String(ids.huaiyuan),
            details: expect.objectContaining({ code: 'FORBIDDEN', fileName: '2022.html', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
          }),
        ]),
      );
    } finally {
      await c.end();
    }
  });
});

describe('log level and health', () => {
  it("the framework's route mapping at start-up stays out of the default level", async () => {
    const log = capture();
    const api = await startTestApi({ logLevel: 'log' }, { logStream: log.stream });
    try {
      await fetch(`${api.url}/health`);
    } finally {
      await api.close();
    }
    expect(log.raw()).not.toMatch(/Mapped \{/);
    expect(log.raw()).not.toMatch(/RoutesResolver|InstanceLoader/);
    expect(log.lines().length).toBeGreaterThan(0);
  });

  it('/health/ready answers 503 while the database is down and 200 when it is back; /health/live stays 200', async () => {
    const dir = traversableTempDir('gongkai-ready-');
    const port = await freePort();
    let db = await startEmbeddedPostgres(`${dir}/pg`, port);
    const api = await startTestApi({ databaseUrl: db.url });
    try {
      expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);
      await db.stop();
      const down = await fetch(`${api.url}/health/ready`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'unavailable', database: { state: 'down' } });
      expect((await fetch(`${api.url}/health`)).status).toBe(503);
      expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
      db = await startEmbeddedPostgres(`${dir}/pg`, port);
      let back = 0;
      for (let i = 0; i < 50 && back !== 200; i++) {
        back = (await fetch(`${api.url}/health/ready`)).status;
        if (back !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(back).toBe(200);
    } finally {
      await api.close();
      await db.stop();
    }
  });
});
