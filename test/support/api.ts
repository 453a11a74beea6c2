import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppConfig, type RunningServer, startServer } from '@gongkai/api';
import { createTestDatabase } from './db.js';

/** mkdtemp makes 0700 folders; the embedded server's postgres user must be able to reach them. */
export function traversableTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

export interface TestApi {
  server: RunningServer;
  url: string;
  databaseUrl: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: null,
    dataDir: traversableTempDir('gongkai-api-'),
    authSecret: 'test-secret-test-secret-test-secret-0123456789',
    tokenTtlHours: 1,
    publicRead: true,
    maxUploadBytes: 2 * 1024 * 1024,
    seedDemo: false,
    logLevel: 'error',
    webDir: null,
    parse: { size: 2, timeoutMs: 20_000, memoryMb: 1024 },
    slowQueryMs: 0,
    metricsToken: null,
    listenDataVersion: true,
    // Every query runs compiled from its first asking, so the suite checks the compiled path
    // (mutations still run in graphql-js; compiled-queries.test.ts compares the two paths).
    compileQueriesAfter: 1,
    ...overrides,
  };
}

/** A real API over HTTP on a fresh database (the same one when `databaseUrl` is passed). */
export async function startTestApi(overrides: Partial<AppConfig> = {}, options: Parameters<typeof startServer>[1] = {}): Promise<TestApi> {
  const db = overrides.databaseUrl ? null : await createTestDatabase();
  const server = await startServer(testConfig({ databaseUrl: overrides.databaseUrl ?? db?.url, ...overrides }), options);
  const gql: TestApi['gql'] = async (query, variables = {}, token = null) => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return res.json() as never;
  };
  return {
    server,
    url: server.url,
    databaseUrl: server.databaseUrl,
    gql,
    async login(username, password) {
      const r = await gql<{ login: { token: string } }>('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
        u: username,
        p: password,
      });
      if (!r.data) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors)}`);
      return r.data.login.token;
    },
    async close() {
      await server.close();
      await db?.drop();
    },
  };
}
