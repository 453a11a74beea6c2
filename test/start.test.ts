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
