import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmbeddedPostgres } from '@gongkai/api';

type Shared = { users: number; ready: Promise<{ adminUrl: string; stop(): Promise<void> }> };
// The db and browser projects each run this setup; they share one server through the process.
const KEY = Symbol.for('gongkai.test.postgres');
const registry = globalThis as unknown as Record<symbol, Shared | undefined>;

/**
 * One PostgreSQL for the whole run: the server named by DATABASE_URL, else an embedded one.
 * Each test file makes its own database on it (test/support/db.ts).
 */
export default async function setup() {
  if (process.env.DATABASE_URL) {
    process.env.GONGKAI_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return () => {};
  }
  let shared = registry[KEY];
  if (!shared) {
    shared = registry[KEY] = { users: 0, ready: start() };
  }
  shared.users++;
  process.env.GONGKAI_TEST_ADMIN_URL = (await shared.ready).adminUrl;
  return async () => {
    const s = registry[KEY];
    if (!s || --s.users > 0) return;
    registry[KEY] = undefined;
    await (await s.ready).stop();
  };
}

async function start() {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-test-pg-'));
  chmodSync(dir, 0o755); // the embedded server runs as the postgres user and must reach it
  const db = await startEmbeddedPostgres(join(dir, 'pg'), await freePort());
  return {
    adminUrl: db.adminUrl,
    async stop() {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
