import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmbeddedPostgres } from '@gongkai/api';

/**
 * One PostgreSQL for the whole run: the server named by DATABASE_URL, else an embedded one.
 * Each test file makes its own database on it (test/support/db.ts).
 */
export default async function setup() {
  if (process.env.DATABASE_URL) {
    process.env.GONGKAI_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return () => {};
  }
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-test-pg-'));
  chmodSync(dir, 0o755); // the embedded server runs as the postgres user and must reach it
  const db = await startEmbeddedPostgres(join(dir, 'pg'), await freePort());
  process.env.GONGKAI_TEST_ADMIN_URL = db.adminUrl;
  return async () => {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
