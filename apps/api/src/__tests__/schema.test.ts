import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config.js';
import { buildSchemaSdl } from '../schema.js';

describe('schema.gql', () => {
  it('is what the resolvers build (run `npm run schema:generate` after changing them)', async () => {
    expect(readFileSync(join(import.meta.dirname, '../../../../schema.gql'), 'utf8')).toBe(await buildSchemaSdl());
  });
});

describe('configuration', () => {
  const dir = { GONGKAI_DATA_DIR: '/tmp/gongkai-config-test' };
  it('defaults: port 3000, embedded database, public reading on', () => {
    const c = loadConfig({ ...dir });
    expect(c).toMatchObject({ port: 3000, databaseUrl: null, publicRead: true, seedDemo: true, maxUploadBytes: 20 * 1024 * 1024 });
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
      });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'PUBLIC_READ', 'MAX_UPLOAD_MB', 'AUTH_SECRET', 'LOG_LEVEL', 'TOKEN_TTL_HOURS'])
        expect(problems).toContain(name);
    }
  });
  it('.env.example documents every variable the API reads', () => {
    const example = readFileSync(join(import.meta.dirname, '../../../../.env.example'), 'utf8');
    const source = readFileSync(join(import.meta.dirname, '../config/config.ts'), 'utf8');
    const read = [...source.matchAll(/env(?:\.|\[')([A-Z_]+)/g), ...source.matchAll(/\('([A-Z_]+)'/g)].map((m) => m[1]);
    for (const name of new Set(read)) expect(example).toMatch(new RegExp(`^#?\\s*${name}=`, 'm'));
  });
});
