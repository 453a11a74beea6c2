import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../../test/support/api.js';
import { loginAs, type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { DataVersionService } from '../modules/published/data-version.js';
import { acceptAndPublish, handReport, submitVersion } from './helpers.js';

/** Polls `probe` until it returns true, for at most `ms`; the test fails with `what` otherwise. */
async function eventually(what: string, probe: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

let a: TestApi; // publishes
let b: TestApi; // a second API process on the same database, listening
let off: TestApi; // a third, with DATA_VERSION_LISTEN off
let ids: SmallCounty;
let admin: string;
let db: pg.Client;
let granted = 10;

const versionOf = (api: TestApi) => api.server.app.get(DataVersionService);
const Q = 'query($u: ID!) { metrics(metrics: ["applications.received"], scope: { under: $u }, groupBy: [unit]) { edges { node { unit { name } value } } } }';
/** 淮源镇’s published `received` (= granted), asked without logging in: the response cache answers repeats. */
async function asked(api: TestApi): Promise<number | undefined> {
  const r = await api.gql<{ metrics: { edges: { node: { unit: { name: string }; value: number } }[] } }>(Q, { u: String(ids.countyId) });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.metrics.edges.find((e) => e.node.unit.name === '淮源镇')?.node.value;
}
/** Publishes a new 淮源镇 report through `a`; returns its `granted`. */
async function publish(): Promise<number> {
  granted += 1;
  await acceptAndPublish(a, admin, await submitVersion(a, admin, ids.huaiyuan, handReport('淮源镇人民政府', 2023, { granted })));
  return granted;
}
const databaseVersion = async () => String((await db.query('SELECT published FROM data_version WHERE id = 1')).rows[0]?.published ?? '0');
const listenerBackends = async () =>
  (await db.query(`SELECT pid FROM pg_stat_activity WHERE application_name = 'gongkai-data-version' AND datname = current_database()`)).rows.map(
    (r: { pid: number }) => r.pid,
  );

beforeAll(async () => {
  ({ api: a, ids } = await startSmallCounty());
  [admin] = await loginAs(a, 'admin');
  b = await startTestApi({ databaseUrl: a.databaseUrl });
  off = await startTestApi({ databaseUrl: a.databaseUrl, listenDataVersion: false });
  db = new pg.Client({ connectionString: a.databaseUrl });
  await db.connect();
  await publish();
});
afterAll(async () => {
  await db?.end();
  await off?.close();
  await b?.close();
  await a?.close();
});

describe('data version kept in memory by LISTEN/NOTIFY', () => {
  it('connects when first asked, then serves the version from memory', async () => {
    expect(await asked(b)).toBe(granted);
    await eventually('b listens', () => versionOf(b).listening);
    expect(versionOf(b).known()).toBe(await databaseVersion());
    expect(await versionOf(b).current()).toBe(await databaseVersion());
  });

  it('a publication through one process changes the other process’s cached answer', async () => {
    await asked(a); // a's first question starts its listener
    await eventually('a listens', () => versionOf(a).listening);
    expect(await asked(b)).toBe(granted);
    expect(await asked(b)).toBe(granted); // cached in b
    const want = await publish();
    // Read-your-writes in the publishing process: its own commit moved its version.
    expect(versionOf(a).known()).toBe(await databaseVersion());
    expect(await asked(a)).toBe(want);
    // The other process hears of it by notification (no request needed), then answers afresh.
    const v = await databaseVersion();
    await eventually('b hears the new version', () => versionOf(b).known() === v);
    expect(await asked(b)).toBe(want);
  });

  it('a change made by hand in SQL is heard too (the trigger, not the API, notifies)', async () => {
    await db.query('UPDATE data_version SET published = published + 1 WHERE id = 1');
    const v = await databaseVersion();
    await eventually('b hears the SQL change', () => versionOf(b).known() === v);
    await eventually('a hears the SQL change', () => versionOf(a).known() === v);
  });

  it('the listener killed with pg_terminate_backend: answers stay right (read per request), and it reconnects', async () => {
    const before = await listenerBackends();
    expect(before).toHaveLength(2); // a's and b's; `off` has none
    const connections = versionOf(b).listenerConnections;
    // Hold the listeners off: no new connection to this database until we allow it again (the
    // apps' pools keep theirs), so b stays without a listener for as long as the test needs.
    const name = (await db.query('SELECT current_database() AS name')).rows[0].name as string;
    const server = new pg.Client({ connectionString: process.env.GONGKAI_TEST_ADMIN_URL }); // a database cannot close itself
    await server.connect();
    await server.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    try {
      await db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [
        'gongkai-data-version',
      ]);
      await eventually('b notices its listener is gone', () => !versionOf(b).listening);
      const want = await publish();
      expect(versionOf(b).known()).toBeNull();
      expect(await asked(b)).toBe(want); // at once: the version was read for the request
      expect(versionOf(b).listening).toBe(false);
    } finally {
      await server.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await server.end();
    }
    await eventually('b reconnects', () => versionOf(b).listening && versionOf(b).listenerConnections === connections + 1);
    await eventually('a reconnects', () => versionOf(a).listening);
    const after = await listenerBackends();
    expect(after).toHaveLength(2);
    expect(after.filter((pid) => before.includes(pid))).toEqual([]);
    expect(versionOf(b).known()).toBe(await databaseVersion());
    // The new connection hears publications.
    const want = await publish();
    const v = await databaseVersion();
    await eventually('b hears on its new connection', () => versionOf(b).known() === v);
    expect(await asked(b)).toBe(want);
  });

  it('switched off: no listener, every request reads the version (as before)', async () => {
    expect(await asked(off)).toBe(granted);
    expect(await asked(off)).toBe(granted);
    expect(versionOf(off).listening).toBe(false);
    expect(versionOf(off).listenerConnections).toBe(0);
    expect(versionOf(off).known()).toBeNull();
    expect(await listenerBackends()).toHaveLength(2);
    const want = await publish();
    expect(await asked(off)).toBe(want); // at once: it read the version
  });

  it('closing an app closes its listener', async () => {
    expect(await listenerBackends()).toHaveLength(2);
    await b.close();
    await eventually('b’s listener connection is gone', async () => (await listenerBackends()).length === 1);
    expect(versionOf(b).listening).toBe(false);
  });
});
