// A scratch database for a benchmark: on DATABASE_URL's server when set, else an embedded one.
import { join } from 'node:path';
import { freePort, parsePoolSettings, startEmbeddedPostgres } from '@gongkai/api';
import pg from 'pg';

export async function scratchDatabase(work, prefix) {
  let embedded = null;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres(join(work, 'pg'), await freePort());
    adminUrl = embedded.adminUrl;
  }
  const name = `${prefix}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
      await embedded?.stop();
    },
  };
}

/** The API's configuration for a benchmark's in-process application context on `databaseUrl`. */
export function benchConfig(databaseUrl, work, name) {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl,
    dataDir: work,
    authSecret: `${name}-bench-secret-`.padEnd(38, '0'),
    tokenTtlHours: 1,
    publicRead: true,
    maxUploadBytes: 20 << 20,
    seedDemo: false,
    logLevel: 'error',
    webDir: null,
    parse: parsePoolSettings(process.env).options,
    slowQueryMs: 0,
    metricsToken: null,
  };
}
