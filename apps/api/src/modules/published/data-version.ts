import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { DataVersionListener, HeardVersion } from './data-version-listener.js';

/** Counters bumped in a transaction still open, told to the process when it commits. */
const uncommitted = new WeakMap<QueryRunner, string>();
/** Each data source's heard version (tests run several apps, on several databases, in one process). */
const heardBy = new WeakMap<DataSource, HeardVersion>();

/** Marks published data as changed, inside the publishing transaction (see DataVersion). */
export async function bumpDataVersion(m: EntityManager): Promise<void> {
  const rows: { published: string }[] = await m.query(
    'INSERT INTO data_version (id, published) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET published = data_version.published + 1 RETURNING published',
  );
  const counter = rows[0]?.published;
  if (counter === undefined) return;
  // This process reads its own writes before the notification comes back: the counter counts once committed.
  if (m.queryRunner?.isTransactionActive) uncommitted.set(m.queryRunner, counter);
  else heardBy.get(m.connection)?.advance(counter);
}

/** Moves the heard version to the process's own publications as their transactions commit. */
class OwnCommits implements EntitySubscriberInterface {
  constructor(private readonly heard: HeardVersion) {}

  afterTransactionCommit(e: TransactionCommitEvent): void {
    if (e.queryRunner.isTransactionActive) return; // a savepoint released: the transaction goes on
    const counter = uncommitted.get(e.queryRunner);
    uncommitted.delete(e.queryRunner);
    if (counter !== undefined) this.heard.advance(counter);
  }

  afterTransactionRollback(e: TransactionRollbackEvent): void {
    // Even a rollback to a savepoint forgets the counter: it may have been bumped inside it, and
    // a counter that never committed would be reused by the next publication. The notification
    // of what did commit still arrives.
    uncommitted.delete(e.queryRunner);
  }
}

/** The current published-data version (0 before anything was published). */
export async function currentDataVersion(m: EntityManager): Promise<string> {
  const rows: { published: string }[] = await m.query('SELECT published FROM data_version WHERE id = 1');
  return rows[0]?.published ?? '0';
}

/**
 * Reads the data version once for all requests that arrive together. A read is sent only after
 * every request sharing it has arrived (it waits for setImmediate, after the poll phase), so each
 * request still sees every publication committed before it came in — a request never joins a read
 * that was already on its way.
 */
export class DataVersionReader {
  private waiting: Promise<string> | null = null;

  constructor(private readonly read: () => Promise<string>) {}

  current(): Promise<string> {
    if (this.waiting) return this.waiting;
    const p = new Promise<string>((resolve, reject) => {
      setImmediate(() => {
        this.waiting = null; // later arrivals start a new read
        this.read().then(resolve, reject);
      });
    });
    this.waiting = p;
    return p;
  }
}

/**
 * The version for cache keys: the heard one while the listener is connected, else a read. A cache
 * entry keyed by version v was computed from a snapshot at least as new as v (v had committed
 * before anyone here knew it), and once v+1 is heard no v entry is served again. The one window
 * is a publication by another process whose notification is still on its way (milliseconds).
 */
export class CacheVersion {
  constructor(
    private readonly heard: HeardVersion | null,
    private readonly reader: DataVersionReader,
    private readonly wanted: () => void = () => {},
  ) {}

  current(): Promise<string> {
    const known = this.heard?.known();
    if (known != null) return Promise.resolve(known);
    this.wanted();
    return this.reader.current();
  }
}

/**
 * The process's one source of the data version for caches (analytics and the response cache).
 * With DATA_VERSION_LISTEN (the default) it is kept in memory by LISTEN/NOTIFY and a repeated
 * question needs no database round trip; the listener connects when the version is first asked
 * for, so scripts that never ask open no connection. Paths that compare versions for correctness
 * (the roll-up freeze's CONFLICT check) read `currentDataVersion` inside their transaction.
 */
@Injectable()
export class DataVersionService implements OnModuleDestroy {
  private readonly listener: DataVersionListener | null = null;
  private readonly heard: HeardVersion | null = null;
  private readonly source: CacheVersion;

  constructor(@InjectDataSource() db: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    const reader = new DataVersionReader(() => currentDataVersion(db.manager));
    const url = (db.options as { url?: string }).url;
    if (config.listenDataVersion && url) {
      const heard = new HeardVersion();
      this.heard = heard;
      this.listener = new DataVersionListener({ connectionString: url, heard, log: new Logger('DataVersion') });
      heardBy.set(db, heard);
      db.subscribers.push(new OwnCommits(heard));
    }
    this.source = new CacheVersion(this.heard, reader, () => this.listener?.start());
  }

  /** The published-data version for cache keys (see CacheVersion). */
  current(): Promise<string> {
    return this.source.current();
  }

  /** Whether the version is served from memory now (tests, and to tell a deployment's state). */
  get listening(): boolean {
    return this.heard?.isListening ?? false;
  }

  /** The version heard, or null when not listening. */
  known(): string | null {
    return this.heard?.known() ?? null;
  }

  /** Connections the listener made: more than one means it reconnected. */
  get listenerConnections(): number {
    return this.listener?.connections ?? 0;
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
  }
}
