// A scratch database for a benchmark: on DATABASE_URL's server when set, else an embedded one.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { CoreModule, freePort, migrate, parsePoolSettings, startEmbeddedPostgres } from '@gongkai/api';
import { rng } from '@gongkai/report-render';
import { NestFactory } from '@nestjs/core';
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
    listenDataVersion: true,
  };
}

/**
 * A benchmark's API in process on a fresh, migrated scratch database: its work folder, the
 * Nest application context, a pg client, and the scratch database to drop at the end.
 */
export async function benchApp(name) {
  const work = mkdtempSync(join(tmpdir(), `gongkai-${name}-`));
  chmodSync(work, 0o755);
  const scratch = await scratchDatabase(work, `gongkai_${name}`);
  const databaseUrl = scratch.url;
  await migrate(databaseUrl);
  const config = benchConfig(databaseUrl, work, name);
  const ctx = await NestFactory.createApplicationContext(CoreModule.forRoot(config, databaseUrl), { logger: ['error'] });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  return { work, scratch, databaseUrl, config, ctx, db };
}

/** Made-up place names and level-by-level inserts of jurisdictions, drawn from `seed`. */
export function geography(db, seed, syllables) {
  const rand = rng(seed);
  return {
    rand,
    between: (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)),
    name: (n) => Array.from({ length: n }, () => syllables[Math.floor(rand() * syllables.length)]).join(''),
    async insertLevel(rows) {
      const out = await db.query(
        `INSERT INTO jurisdiction (name, kind, code, "parentId") SELECT name, kind, code, "parentId" FROM json_populate_recordset(NULL::jurisdiction, $1::json) RETURNING id, "parentId", kind, name`,
        [JSON.stringify(rows)],
      );
      return out.rows;
    },
  };
}
