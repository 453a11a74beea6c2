import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, testConfig } from '../../../../test/support/api.js';
import { type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { freePort } from '../server.js';
import { reportFile, SUBMIT } from './helpers.js';

const main = join(import.meta.dirname, '../../dist/main.js');
let api: TestApi;
let ids: SmallCounty;
let second: ChildProcess;
let secondUrl: string;
let token: string;

beforeAll(async () => {
  ({ api, ids } = await startSmallCounty());
  token = await api.login('huaiyuan', 'pw-huaiyuan');
  // A second API process on the same database, as a deployment with two replicas.
  const port = await freePort();
  second = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      DATABASE_URL: api.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_SECRET: testConfig().authSecret,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'error',
      GONGKAI_DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-2nd-')),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  secondUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`${secondUrl}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(async () => {
  second?.kill('SIGTERM');
  await api?.close();
});

async function submitTo(base: string, base64: string, fileName: string) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: SUBMIT, variables: { input: { jurisdictionId: String(ids.huaiyuan), fileName, contentBase64: base64 } } }),
  });
  return (await res.json()) as { data?: { submitReport: { created: boolean; report: { version: { version: number } } } }; errors?: unknown[] };
}

describe('two API processes, one database', () => {
  it('simultaneous submissions for one report get consecutive versions, none lost or doubled', async () => {
    const files = Array.from({ length: 16 }, (_, i) => reportFile('淮源镇人民政府', 2023, 500 + i).base64);
    const results = await Promise.all(files.map((f, i) => submitTo(i % 2 ? secondUrl : api.url, f, `r${i}.html`)));
    expect(results.map((r) => r.errors)).toEqual(Array(16).fill(undefined));
    const versions = results.map((r) => r.data?.submitReport.report.version.version).sort((a, b) => (a as number) - (b as number));
    expect(versions).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const stored = await api.gql<{ report: { versionCount: number; versions: { version: number }[] } }>(
      `{ report(jurisdictionId: "${ids.huaiyuan}", year: 2023) { versionCount versions { version } } }`,
      {},
      token,
    );
    expect(stored.data?.report.versionCount).toBe(16);
    expect(stored.data?.report.versions.map((v) => v.version)).toEqual(Array.from({ length: 16 }, (_, i) => 16 - i));
  });

  it('the same file sent to both at once is stored once', async () => {
    const f = reportFile('淮源镇人民政府', 2022, 900).base64;
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => submitTo(i % 2 ? secondUrl : api.url, f, 'same.html')));
    expect(results.filter((r) => r.data?.submitReport.created).length).toBe(1);
    expect(new Set(results.map((r) => r.data?.submitReport.report.version.version))).toEqual(new Set([1]));
  });

  it('a publication through one process changes the other process’s (cached) aggregates within moments', async () => {
    const admin = await api.login('admin', 'pw-admin');
    const q = { query: `{ metrics(metrics: ["applications.received"], scope: { under: "${ids.countyId}" }, years: [2019]) { edges { node { value } } } }` };
    const ask = async (base: string) => {
      const r = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(q) });
      return ((await r.json()) as { data: { metrics: { edges: { node: { value: number } }[] } } }).data.metrics.edges[0]?.node.value;
    };
    expect(await ask(api.url)).toBe(0);
    expect(await ask(api.url)).toBe(0); // now cached in the first process
    const f = reportFile('淮源镇人民政府', 2019, 4242);
    const s = await submitTo(secondUrl, f.base64, '2019.html');
    const versionId = (s.data?.submitReport.report as unknown as { version: { id: string } } | undefined)?.version.id as string;
    for (const m of ['acceptReport', 'publishReport']) {
      await fetch(`${secondUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query: `mutation { ${m}(versionId: "${versionId}") { status } }` }),
      });
    }
    const want = (f.report.applications as { newReceived: { total: number } }).newReceived.total;
    // The first process hears of the publication by NOTIFY, milliseconds after the commit (ADR 0006).
    const until = Date.now() + 10_000;
    let got = await ask(api.url);
    while (got !== want && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 10));
      got = await ask(api.url);
    }
    expect(got).toBe(want);
  });
});
