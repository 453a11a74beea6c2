import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@gongkai/api';
import { createTestDatabase } from './db.js';
/** mkdtemp makes 0700 folders; the embedded server's postgres user must be able to reach them. */
export function traversableTempDir(prefix) {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    chmodSync(dir, 0o755);
    return dir;
}
export function testConfig(overrides = {}) {
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
        ...overrides,
    };
}
/** A real API over HTTP on a fresh database (the same one when `databaseUrl` is passed). */
export async function startTestApi(overrides = {}) {
    const db = overrides.databaseUrl ? null : await createTestDatabase();
    const server = await startServer(testConfig({ databaseUrl: overrides.databaseUrl ?? db?.url, ...overrides }));
    const gql = async (query, variables = {}, token = null) => {
        const res = await fetch(`${server.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify({ query, variables }),
        });
        return res.json();
    };
    return {
        server,
        url: server.url,
        databaseUrl: server.databaseUrl,
        gql,
        async login(username, password) {
            const r = await gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
                u: username,
                p: password,
            });
            if (!r.data)
                throw new Error(`login ${username} failed: ${JSON.stringify(r.errors)}`);
            return r.data.login.token;
        },
        async close() {
            await server.close();
            await db?.drop();
        },
    };
}
//# sourceMappingURL=api.js.map