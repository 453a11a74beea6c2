import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@gongkai/api';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** PostgreSQL keeps postmaster.pid while it runs and removes it on a clean shutdown. */
function postgresPid(dataDir: string): number | null {
  const file = join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  it('answers on /, /graphql and /health with an embedded database, and SIGTERM stops everything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-start-'));
    chmodSync(dataDir, 0o755);
    const port = await freePort();
    const env = { ...process.env, PORT: String(port), GONGKAI_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    const child: ChildProcess = spawn(process.execPath, [join(root, 'scripts/start.mjs')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    const base = `http://127.0.0.1:${port}`;
    const started = Date.now();
    let pgPid: number | null = null;
    let health: { status: string; database: { state: string } } | null = null;
    while (Date.now() - started < 120_000 && !health) {
      health = await fetch(`${base}/health`)
        .then((r) => (r.ok ? r.json() : null))
        .catch(() => null);
      if (!health) await new Promise((r) => setTimeout(r, 250));
    }
    try {
      expect(health, output).toMatchObject({ status: 'ok', database: { state: 'up' } });
      const home = await fetch(`${base}/`);
      expect(home.headers.get('content-type')).toContain('text/html');
      expect(await home.text()).toContain('Gongkai');
      const gql = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ jurisdiction(code: "411330") { name } }' }),
      });
      expect(await gql.json()).toEqual({ data: { jurisdiction: { name: '桐柏县' } } });
      pgPid = postgresPid(dataDir);
      expect(pgPid && alive(pgPid)).toBe(true);
      // The API runs with the flags of scripts/api-node-flags.mjs (the young generation it is measured with).
      const { childrenOf } = await import('./support/processes.js');
      // @ts-expect-error plain ESM shared with scripts/start.mjs and the benchmarks
      const { SEMI_SPACE_MB } = await import('../scripts/api-node-flags.mjs');
      const api = childrenOf(child.pid as number).map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'));
      expect(api.find((argv) => argv.some((a) => a.endsWith('apps/api/dist/main.js')))).toContain(`--max-semi-space-size=${SEMI_SPACE_MB}`);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(postgresPid(dataDir)).toBeNull();
    expect(alive(pgPid as number)).toBe(false);
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  }, 180_000);
});

describe('npm start and signals', () => {
  it('SIGTERM to the `npm start` process (npm → sh → start.mjs → API → PostgreSQL) stops them all', async () => {
    const { processesMentioning, productEnv, ready, start, until } = await import('./support/processes.js');
    const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-npm-'));
    chmodSync(dataDir, 0o755);
    const port = await freePort();
    const npm = start('npm', ['start', '--silent'], productEnv(dataDir, port));
    expect(await ready(`http://127.0.0.1:${port}`), npm.output()).toBe(true);
    const ours = () => processesMentioning(dataDir).concat(processesMentioning('scripts/start.mjs').filter((p) => p.cmd.includes(root)));
    expect(processesMentioning(join(dataDir, 'pg')).length).toBeGreaterThan(0);
    npm.child.kill('SIGTERM');
    await npm.exit;
    // npm itself exits at once without passing the signal on; start.mjs notices and stops the rest.
    const gone = await until(() => processesMentioning(join(dataDir, 'pg')).length === 0, 30_000);
    expect(gone, JSON.stringify(ours())).toBe(true);
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
    expect(postgresPid(dataDir)).toBeNull();
  }, 120_000);

  it('kill -9 of the API makes start.mjs exit non-zero (so a supervisor restarts it), and its PostgreSQL stops', async () => {
    const { childrenOf, processesMentioning, productEnv, ready, start, until } = await import('./support/processes.js');
    const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-k9-'));
    chmodSync(dataDir, 0o755);
    const port = await freePort();
    const run = start(process.execPath, [join(root, 'scripts/start.mjs')], productEnv(dataDir, port));
    expect(await ready(`http://127.0.0.1:${port}`), run.output()).toBe(true);
    const [api] = childrenOf(run.child.pid as number);
    expect(api).toBeDefined();
    process.kill(api as number, 'SIGKILL');
    const { code } = await run.exit;
    expect(code).toBe(137);
    expect(await until(() => processesMentioning(join(dataDir, 'pg')).length === 0, 20_000)).toBe(true);
  }, 120_000);
});
