import pg from 'pg';

/** Where the data_version trigger announces each new counter (migration DataVersionNotify). */
export const DATA_VERSION_CHANNEL = 'gongkai_data_version';

const COUNTER = /^\d{1,19}$/;

/**
 * The data version as this process last heard it, and whether that may be served. Only while the
 * listener is connected and LISTENing does every publication reach it; otherwise `known()` is
 * null and callers read the database. The version only moves forward: notifications, the
 * process's own commits and reads arrive in any order, and an older one is never news.
 */
export class HeardVersion {
  private value: bigint | null = null;
  private listening = false;

  /** A counter seen in a notification, an own commit or a read: kept when newer. */
  advance(counter: string): void {
    if (!COUNTER.test(counter)) return;
    const n = BigInt(counter);
    if (this.value === null || n > this.value) this.value = n;
  }

  /**
   * A (re)connection begins: nothing heard so far counts. What was known before the connection
   * dropped may have been passed by publications nobody heard; from here on only notifications
   * after LISTEN and the read after it make the value.
   */
  connecting(): void {
    this.listening = false;
    this.value = null;
  }

  /** LISTEN is in place and `current` was read after it: from now on every change is heard. */
  listened(current: string): void {
    this.advance(current);
    this.listening = this.value !== null;
  }

  /** The connection is gone: publications may pass unheard. */
  lost(): void {
    this.listening = false;
  }

  get isListening(): boolean {
    return this.listening;
  }

  /** The version to key caches by, or null: read it from the database. */
  known(): string | null {
    return this.listening && this.value !== null ? this.value.toString() : null;
  }
}

export interface ListenerOptions {
  connectionString: string;
  heard: HeardVersion;
  log: { log(message: string): void; warn(message: string): void };
  /** First wait before reconnecting, doubled after each failure up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /**
   * How often the connection reads the version: a connection that died silently (no FIN from a
   * vanished network) fails the read and is replaced instead of leaving the process deaf.
   */
  heartbeatMs?: number;
}

/**
 * One dedicated connection that LISTENs for data version changes and keeps `heard` current. It
 * LISTENs first and reads the version second, so a publication committed in between is either in
 * the read or in a notification. Lost (database restart, pg_terminate_backend, network), it tells
 * `heard` at once and reconnects with backoff.
 */
export class DataVersionListener {
  private client: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private delay: number;
  private started = false;
  private stopped = false;
  /** Connections made (the first included): tests and logs see reconnections. */
  connections = 0;

  constructor(private readonly options: ListenerOptions) {
    this.delay = options.minDelayMs ?? 100;
  }

  /** Connects (once; later calls do nothing). Never throws: failures retry in the background. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    void this.connect();
  }

  /** Closes the connection and stops retrying: nothing is left to hold the process open. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.options.heard.lost();
    if (this.retry) clearTimeout(this.retry);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.retry = this.heartbeat = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    this.retry = null;
    if (this.stopped) return;
    const { heard, log } = this.options;
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: 'gongkai-data-version',
      keepAlive: true,
      connectionTimeoutMillis: 5000,
      query_timeout: 5000,
    });
    this.client = client;
    heard.connecting();
    let failed = false;
    const fail = (e?: Error) => {
      if (failed) return;
      failed = true;
      heard.lost();
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.heartbeat = null;
      if (this.client === client) this.client = null;
      client.end().catch(() => {});
      if (this.stopped) return;
      log.warn(
        `DATA_VERSION_LISTEN_LOST: data version listener disconnected (${e?.message ?? 'connection ended'}); reading the version per request, reconnecting in ${this.delay} ms`,
      );
      this.retry = setTimeout(() => void this.connect(), this.delay);
      this.retry.unref();
      this.delay = Math.min(this.delay * 2, this.options.maxDelayMs ?? 10_000);
    };
    client.on('error', fail);
    client.on('end', () => fail());
    client.on('notification', (n) => {
      if (n.channel === DATA_VERSION_CHANNEL && n.payload) heard.advance(n.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${DATA_VERSION_CHANNEL}`);
      const current = await readVersion(client);
      if (failed || this.stopped) return;
      heard.listened(current);
      this.connections++;
      if (this.connections > 1) log.log(`data version listener reconnected (version ${current})`);
      this.delay = this.options.minDelayMs ?? 100;
      this.heartbeat = setInterval(() => {
        readVersion(client).then((v) => heard.advance(v), fail);
      }, this.options.heartbeatMs ?? 30_000);
      this.heartbeat.unref();
    } catch (e) {
      fail(e as Error);
    }
  }
}

async function readVersion(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ published: string }>('SELECT published FROM data_version WHERE id = 1');
  return rows[0]?.published ?? '0';
}
