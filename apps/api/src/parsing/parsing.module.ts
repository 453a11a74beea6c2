import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ParsePool } from './pool.js';

/** One parse pool per process, closed with the application. */
@Global()
@Module({
  providers: [{ provide: ParsePool, useFactory: (config: AppConfig) => new ParsePool(config.parse), inject: [APP_CONFIG] }],
  exports: [ParsePool],
})
export class ParsingModule {}
