import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/db.js';
import { createDataSource } from '../database/data-source.js';
import { MIGRATIONS } from '../database/migrations/index.js';

let db: { url: string; drop(): Promise<void> };
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const tables = async (url: string) => {
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    return (await ds.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).map(
      (r: { table_name: string }) => r.table_name,
    );
  } finally {
    await ds.destroy();
  }
};

describe('migrations', () => {
  it('run up, match the entities exactly, run down to nothing, and up again', async () => {
    const ds = createDataSource(db.url);
    await ds.initialize();
    try {
      expect((await ds.runMigrations()).length).toBe(MIGRATIONS.length);
      // Nothing left for the schema builder to do: the committed migrations are the entities.
      expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
    } finally {
      await ds.destroy();
    }
    expect(await tables(db.url)).toEqual(['migrations']);
    const again = createDataSource(db.url);
    await again.initialize();
    await again.runMigrations();
    await again.destroy();
    expect(await tables(db.url)).toEqual([
      'api_token',
      'app_user',
      'audit_log',
      'data_version',
      'figures_rollup',
      'finding',
      'jurisdiction',
      'migrations',
      'report',
      'report_figures',
      'report_version',
      'revoked_token',
      'rollup_snapshot',
      'unit_population',
    ]);
  });
});
