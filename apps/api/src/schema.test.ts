import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { dropPassThroughResolvers } from './common/compiled-queries.js';
import { ConfigError, loadConfig } from './config/config.js';
import { buildApiSchema, buildSchemaSdl } from './schema.js';

describe('schema.gql', () => {
  it('is what the resolvers build (run `npm run schema:generate` after changing them)', async () => {
    expect(readFileSync(join(import.meta.dirname, '../../../schema.gql'), 'utf8')).toBe(await buildSchemaSdl());
  });
  it("Nest's pass-through field resolvers are still recognised, and dropped (ADR 0010)", async () => {
    const schema = await buildApiSchema();
    const roots = new Set([schema.getQueryType(), schema.getMutationType()]);
    const fields = Object.values(schema.getTypeMap())
      .filter((t) => isObjectType(t) && !t.name.startsWith('__') && !roots.has(t))
      .flatMap((t) => (isObjectType(t) ? Object.values(t.getFields()) : []));
    expect(fields.length).toBeGreaterThan(100);
    // Nothing but Nest's pass-through is on these fields until the resolvers are attached at start.
    expect(dropPassThroughResolvers(schema)).toBe(fields.length);
    expect(fields.filter((f) => f.resolve)).toEqual([]);
    expect(dropPassThroughResolvers(schema)).toBe(0);
  });
});

describe('configuration', () => {
  const dir = { GONGKAI_DATA_DIR: '/tmp/gongkai-config-test' };
  it('defaults: port 3000, embedded database, public reading on', () => {
    const c = loadConfig({ ...dir });
    expect(c).toMatchObject({ port: 3000, databaseUrl: null, publicRead: true, seedDemo: true, maxUploadBytes: 20 * 1024 * 1024, listenDataVersion: true });
    expect(loadConfig({ ...dir, DATA_VERSION_LISTEN: 'off' }).listenDataVersion).toBe(false);
    expect(c.compileQueriesAfter).toBe(2);
    expect(loadConfig({ ...dir, GRAPHQL_COMPILE_AFTER: '0' }).compileQueriesAfter).toBe(0);
    expect(c.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ ...dir }).authSecret).toBe(c.authSecret);
  });
  it('every bad value is reported at once, by name', () => {
    try {
      loadConfig({
        ...dir,
        PORT: '99999',
        DATABASE_URL: 'mysql://x',
        PUBLIC_READ: 'perhaps',
        MAX_UPLOAD_MB: '-1',
        AUTH_SECRET: 'short',
        LOG_LEVEL: 'loud',
        TOKEN_TTL_HOURS: 'abc',
        PARSE_WORKERS: '0',
        PARSE_TIMEOUT_MS: '1e9',
        PARSE_MEMORY_MB: 'lots',
        SLOW_QUERY_MS: '-5',
        METRICS_TOKEN: 'short',
        DATA_VERSION_LISTEN: 'sometimes',
        GRAPHQL_COMPILE_AFTER: '-1',
      });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      for (const name of [
        'PORT',
        'DATABASE_URL',
        'PUBLIC_READ',
        'MAX_UPLOAD_MB',
        'AUTH_SECRET',
        'LOG_LEVEL',
        'TOKEN_TTL_HOURS',
        'PARSE_WORKERS',
        'PARSE_TIMEOUT_MS',
        'PARSE_MEMORY_MB',
        'SLOW_QUERY_MS',
        'METRICS_TOKEN',
        'DATA_VERSION_LISTEN',
        'GRAPHQL_COMPILE_AFTER',
      ])
        expect(problems).toContain(name);
    }
  });
  it('a data folder that cannot be made is a configuration error naming it, at once (no spinning under /proc)', () => {
    expect(() => loadConfig({ GONGKAI_DATA_DIR: '/proc/gongkai-x' })).toThrow(/GONGKAI_DATA_DIR.*\/proc\/gongkai-x/);
  });
  it('.env.example documents every variable the API reads', () => {
    const example = readFileSync(join(import.meta.dirname, '../../../.env.example'), 'utf8');
    const source = ['./config/config.ts', './parsing/settings.ts'].map((f) => readFileSync(join(import.meta.dirname, f), 'utf8')).join('\n');
    const read = [...source.matchAll(/env(?:\.|\[')([A-Z_]+)/g), ...source.matchAll(/\('([A-Z_]+)'/g)].map((m) => m[1]);
    for (const name of new Set(read)) expect(example).toMatch(new RegExp(`^#?\\s*${name}=`, 'm'));
  });
});
