import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traversableTempDir } from '../../../../test/support/api.js';
import { createTestDatabase } from '../../../../test/support/db.js';
import { productEnv, ROOT, ready, type Started, start } from '../../../../test/support/processes.js';
// @ts-expect-error plain ESM shared with bench/api
import { buildWorstOperation, pricedFieldQueries } from '../../../../test/support/worst-operation.mjs';
import { MAX_PRICED_REPEATS, ROOT_COST } from '../common/graphql-limits.js';
import { freePort } from '../server.js';

// The API as its own process (as deployed) on the demo county, so that /health is timed from
// outside the server's event loop.
let api: Started;
let base: string;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let county: string;
let viewer: string;

type Answer = { status: number; body: { data?: Record<string, unknown>; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
const gql = async (query: string, token: string | null = null): Promise<Answer> => {
  const r = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: r.status, body: await r.json() };
};

beforeAll(async () => {
  db = await createTestDatabase();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  api = start(process.execPath, [join(ROOT, 'apps/api/dist/main.js')], {
    ...productEnv(traversableTempDir('gongkai-bomb-'), port, { SEED_DEMO: 'true', NODE_ENV: 'production' }),
    DATABASE_URL: db.url,
  });
  expect(await ready(base), api.output()).toBe(true);
  const found = (await gql('{ jurisdiction(code: "411330") { id } }')).body.data as { jurisdiction: { id: string } };
  county = found.jurisdiction.id;
  const login = await gql('mutation { login(username: "viewer", password: "gongkai-viewer") { token } }');
  viewer = (login.body.data as { login: { token: string } }).login.token;
}, 180_000);

afterAll(async () => {
  api?.child.kill('SIGTERM');
  await api?.exit;
  await db?.drop();
});

describe('alias bombs', () => {
  it("issue 10's bomb — 1,600 aliases of dataQuality, under the old cost cap — is refused before it runs", async () => {
    const bomb = `{ ${Array.from({ length: 1600 }, (_, i) => `a${i}: dataQuality(under: "${county}", year: 2024) { anomalies { kind } }`).join(' ')} }`;
    const r = await gql(bomb);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('TOO_COMPLEX');
    expect(r.body.data ?? null).toBeNull();
  });

  it('the same priced root field more than the allowed number of times in one operation is refused, whatever its cost', async () => {
    const ok = `{ ${Array.from({ length: MAX_PRICED_REPEATS }, (_, i) => `a${i}: yoy(metric: "applications.received", from: 2023, to: 2024, under: "${county}") { change }`).join(' ')} }`;
    expect((await gql(ok)).body.errors).toBeUndefined();
    const tooMany = ok.replace(/ }$/, ` x: yoy(metric: "applications.received", from: 2023, to: 2024, under: "${county}") { change } }`);
    const r = await gql(tooMany);
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_COMPLEX', field: 'yoy', count: MAX_PRICED_REPEATS + 1, maxRepeats: MAX_PRICED_REPEATS });
    // Fragments do not hide repeats.
    const viaFragment = `{ ...F ...F2 } fragment F on Query { ${Array.from({ length: 3 }, (_, i) => `f${i}: ranking(metric: "rate.disclosure", year: 2024, under: "${county}") { count }`).join(' ')} } fragment F2 on Query { ${Array.from({ length: 3 }, (_, i) => `g${i}: ranking(metric: "rate.disclosure", year: 2024, under: "${county}") { count }`).join(' ')} }`;
    expect((await gql(viaFragment)).body.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_COMPLEX', field: 'ranking', count: 6 });
  });

  it('/health answers within 1 s while 4 of the worst allowed operations run at once, anonymous and as a viewer', async () => {
    for (const token of [null, viewer]) {
      const fields = pricedFieldQueries(county);
      const worst = await buildWorstOperation((q: string) => gql(q, token), fields, ROOT_COST);
      // The bomb is as big as the limits allow: at least the priced fields an anonymous client may use.
      expect(worst.counts.dataQuality).toBe(MAX_PRICED_REPEATS);
      const ops = Array.from({ length: 4 }, (_, k) => worst.query.replace(/\bw(\d+)_x:/g, (_m: string, i: string) => `w${i}_${k}${token ? 'v' : 'a'}:`));
      let done = false;
      const probes: { path: string; ms: number; status: number }[] = [];
      const probe = async (path: string) => {
        while (!done) {
          const t = performance.now();
          const status = await fetch(`${base}${path}`).then(
            (r) => r.status,
            () => 0,
          );
          probes.push({ path, ms: performance.now() - t, status });
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      const probing = Promise.all([probe('/health/live'), probe('/health/ready'), probe('/health')]);
      const results = await Promise.all(ops.map((q) => gql(q, token)));
      done = true;
      await probing;
      for (const r of results) expect(r.body.errors, JSON.stringify(r.body.errors)?.slice(0, 300)).toBeUndefined();
      expect(probes.length).toBeGreaterThan(3);
      for (const p of probes) {
        expect(p.status, p.path).toBe(200);
        expect(p.ms, `${p.path} took ${p.ms.toFixed(0)} ms during the bomb`).toBeLessThan(1000);
      }
    }
  }, 120_000);
});
