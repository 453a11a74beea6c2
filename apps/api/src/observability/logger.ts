import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { type Logger as Pino, pino } from 'pino';
import type { Logger as TypeOrmLogger } from 'typeorm';
import type { AppConfig } from '../config/config.js';

/**
 * Structured logs: one JSON object per line on stdout, each line of a request's work carrying its
 * request id (`reqId`, also sent back as `X-Request-Id`). nestjs-pino would do this but needs
 * Node ≥ 22 (5.x) or Nest ≤ 11 (4.x); this is the same thing in a page, on pino.
 */
export const requestContext = new AsyncLocalStorage<{ reqId: string }>();

const PINO_LEVEL: Record<AppConfig['logLevel'], string> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug' };

export function createLogger(level: AppConfig['logLevel'], destination: NodeJS.WritableStream | number = 1): Pino {
  return pino(
    {
      level: PINO_LEVEL[level],
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const ctx = requestContext.getStore();
        return ctx ? { reqId: ctx.reqId } : {};
      },
      // Never log credentials or uploaded files.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'password', 'token'], censor: '[redacted]' },
    },
    typeof destination === 'number' ? pino.destination({ dest: destination, sync: true }) : destination,
  );
}

/** A client's own request id is kept when it is short and plain; otherwise a new one. */
const CLIENT_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The URL as sent (Express strips mount paths from req.url). */
function urlOf(req: IncomingMessage): string {
  return ((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '').slice(0, 300);
}

/** Health probes every few seconds would drown the log. */
const quiet = (url: string) => url.startsWith('/health/') || url === '/metrics';

/**
 * Access log (one line per request, when it ends) and the request id for everything in between.
 * Our own rather than pino-http's: that one serialises two child loggers per request whether or
 * not the line is ever written (~0.25 ms of a ~1 ms cached answer). Here nothing is built unless
 * the line's level is on.
 */
export function httpLogging(logger: Pino) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const given = req.headers['x-request-id'];
    const reqId = typeof given === 'string' && CLIENT_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', reqId);
    (req as IncomingMessage & { id: string }).id = reqId;
    const started = Date.now();
    const done = (err?: Error) => {
      res.removeListener('close', done);
      res.removeListener('finish', done);
      res.removeListener('error', done);
      const status = res.statusCode;
      const failed = err ?? (status >= 500 ? new Error(`failed with status code ${status}`) : undefined);
      const level = failed ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const url = urlOf(req);
      if (!err && quiet(url)) return;
      const responseTime = Date.now() - started;
      const line = {
        reqId,
        req: { method: req.method, url, remoteAddress: req.socket?.remoteAddress },
        res: { statusCode: status },
        responseTime,
        // A 5xx answer is not an exception: no made-up stack on the access line.
        ...(err ? { err } : {}),
      };
      logger[level](line, failed ? `${req.method} ${url} ${status}` : `${req.method} ${url} ${status} ${Math.round(responseTime)}ms`);
    };
    res.on('close', done);
    res.on('finish', done);
    res.on('error', done);
    requestContext.run({ reqId }, next);
  };
}

/** Start-up chatter of the framework (every route mapped, every module loaded): debug, not info. */
const NOISY = new Set(['RoutesResolver', 'RouterExplorer', 'InstanceLoader', 'NestFactory', 'NestApplication', 'GraphQLModule', 'RouterResponseController']);

/** Nest's logger interface on pino; Nest passes the context (class name) as the last argument. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Pino) {}

  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, params: unknown[]) {
    const context = typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined;
    const effective = level === 'info' && context && NOISY.has(context) ? 'debug' : level;
    if (message instanceof Error) this.logger[effective]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[effective]({ context, ...message });
    else {
      // Nest's error(message, stack, context): keep the stack as a field.
      const stack = level === 'error' && params.length >= 2 && typeof params[0] === 'string' ? (params[0] as string) : undefined;
      this.logger[effective]({ context, ...(stack ? { stack } : {}) }, String(message));
    }
  }

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, params);
  }
}

/** TypeORM's logger: slow queries (over SLOW_QUERY_MS) as warnings with their time and text. */
export class TypeOrmPinoLogger implements TypeOrmLogger {
  constructor(private readonly logger: Pino) {}

  logQuery() {}
  logQueryError(error: string | Error, query: string) {
    this.logger.debug({ context: 'Database', query: query.slice(0, 500), err: String(error) }, 'query failed');
  }
  logQuerySlow(time: number, query: string, parameters?: unknown[]) {
    this.logger.warn(
      { context: 'Database', durationMs: time, query: query.replace(/\s+/g, ' ').slice(0, 1000), parameters: parameters?.length ?? 0 },
      `slow query: ${time} ms`,
    );
  }
  logSchemaBuild() {}
  logMigration(message: string) {
    this.logger.info({ context: 'Migrations' }, message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown) {
    this.logger[level === 'warn' ? 'warn' : 'debug']({ context: 'Database' }, String(message));
  }
}
