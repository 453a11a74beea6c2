import { Controller, Get, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';

@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** 200 with the database state when it answers; 503 when it does not. */
  @Get()
  async health(@Res() res: Response) {
    const started = performance.now();
    try {
      const [{ version }] = await this.db.query('SELECT version()');
      const pending = await this.db.showMigrations();
      res.status(200).json({
        status: 'ok',
        database: { state: 'up', latencyMs: Math.round(performance.now() - started), server: String(version).split(' on ')[0], pendingMigrations: pending },
      });
    } catch (e) {
      res.status(503).json({ status: 'error', database: { state: 'down', error: String((e as Error).message).slice(0, 200) } });
    }
  }
}
