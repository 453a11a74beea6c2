import { Controller, Get, Injectable, type OnApplicationShutdown, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import pg from 'pg';
import type { DataSource } from 'typeorm';

export interface DatabaseState {
  state: 'up' | 'down';
  latencyMs?: number;
  server?: string;
  pendingMigrations?: boolean;
  error?: string;
}

/**
 * Health checks use their own connection, not the application's pool: under load (an analytics
 * burst queues hundreds of queries there) a readiness probe must still answer in time.
 */
@Injectable()
export class HealthService implements OnApplicationShutdown {
  private pool: pg.Pool | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private connection(): pg.Pool {
    if (this.pool) return this.pool;
    const options = this.db.options as { url?: string };
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: 1,
      connectionTimeoutMillis: 2000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 2000,
      application_name: 'gongkai-health',
    });
    // A connection that breaks while idle (database restarted) must not crash the process.
    this.pool.on('error', () => {});
    return this.pool;
  }

  async database(): Promise<DatabaseState> {
    const started = performance.now();
    try {
      const [version, applied] = await Promise.all([
        this.connection().query<{ version: string }>('SELECT version()'),
        this.connection().query<{ name: string }>('SELECT name FROM migrations'),
      ]);
      const done = new Set(applied.rows.map((r) => r.name));
      const pending = this.db.migrations.some((m) => !done.has(m.name ?? m.constructor.name));
      return {
        state: 'up',
        latencyMs: Math.round(performance.now() - started),
        server: String(version.rows[0]?.version).split(' on ')[0],
        pendingMigrations: pending,
      };
    } catch (e) {
      return { state: 'down', error: String((e as Error).message).slice(0, 200) };
    }
  }

  async onApplicationShutdown() {
    await this.pool?.end();
    this.pool = null;
  }
}

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 with the database state when it answers; 503 when it does not. */
  @Get()
  async overall(@Res() res: Response) {
    const database = await this.health.database();
    res.status(database.state === 'up' ? 200 : 503).json({ status: database.state === 'up' ? 'ok' : 'error', database });
  }

  /** The process is alive and its event loop turns; nothing else is asked (restart it if not). */
  @Get('live')
  live(@Res() res: Response) {
    res.status(200).json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  }

  /** Ready for traffic: the database answers and every migration has run (else 503). */
  @Get('ready')
  async ready(@Res() res: Response) {
    const database = await this.health.database();
    const ready = database.state === 'up' && !database.pendingMigrations;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', database });
  }
}
