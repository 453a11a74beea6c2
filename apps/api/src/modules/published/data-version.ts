import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** Marks published data as changed, inside the publishing transaction (see DataVersion). */
export async function bumpDataVersion(m: EntityManager): Promise<void> {
  await m.query('INSERT INTO data_version (id, published) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET published = data_version.published + 1');
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

/** The process's one reader of the data version: analytics caches and the response cache share its reads. */
@Injectable()
export class DataVersionService {
  private readonly reader: DataVersionReader;

  constructor(@InjectDataSource() db: DataSource) {
    this.reader = new DataVersionReader(() => currentDataVersion(db.manager));
  }

  /** The published-data version as of now (see DataVersionReader). */
  current(): Promise<string> {
    return this.reader.current();
  }
}
