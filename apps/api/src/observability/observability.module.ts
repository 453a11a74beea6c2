import { type DynamicModule, Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Logger as Pino } from 'pino';
import type { DataSource } from 'typeorm';
import { Metrics } from './metrics.js';

export const PINO = Symbol('PINO');

/** The process's logger and metrics, for any service that reports what it does. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(logger: Pino): DynamicModule {
    return {
      module: ObservabilityModule,
      providers: [
        { provide: PINO, useValue: logger },
        { provide: Metrics, useFactory: (db: DataSource) => new Metrics(db), inject: [getDataSourceToken()] },
      ],
      exports: [PINO, Metrics],
    };
  }
}
