import 'reflect-metadata';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { AppModule } from './app.module.js';
import { ExpressServerAdapter } from './common/express-http.js';
import { HttpErrorFilter } from './common/http-exception.filter.js';
import { restInputGuard, verifyJsonDepth } from './common/input-guard.js';
import { securityHeaders } from './common/security-headers.js';
import type { AppConfig } from './config/config.js';
import { createDataSource } from './database/data-source.js';
import { type EmbeddedDb, startEmbeddedPostgres } from './database/embedded.js';
import { DemoService } from './modules/demo/demo.service.js';
import { DataVersionService } from './modules/published/data-version.js';
import { publishedFastPath } from './modules/published/published-fast-path.js';
import { PublishedAnswers } from './modules/published/published-response-cache.js';
import { graphiqlPage } from './modules/web/web.controller.js';
import { createLogger, httpLogging, NestPinoLogger } from './observability/logger.js';
import { Metrics } from './observability/metrics.js';

export interface RunningServer {
  app: INestApplication;
  url: string;
  databaseUrl: string;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Migrations run once per database, even when several API processes start together. */
export async function migrate(databaseUrl: string): Promise<number> {
  const ds = createDataSource(databaseUrl);
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock(7349001)');
    const ran = await ds.runMigrations({ transaction: 'each' });
    await ds.query('SELECT pg_advisory_unlock(7349001)');
    return ran.length;
  } finally {
    await ds.destroy();
  }
}

/** Starts the API (and an embedded PostgreSQL when no DATABASE_URL is given). */
export async function startServer(config: AppConfig, options: { logStream?: NodeJS.WritableStream } = {}): Promise<RunningServer> {
  // JSON lines on stdout, with the request id on every line of a request's work.
  const pino = createLogger(config.logLevel, options.logStream);
  const nestLogger = new NestPinoLogger(pino);
  Logger.overrideLogger(nestLogger);
  const log = new Logger('Gongkai');
  let embedded: EmbeddedDb | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const started = performance.now();
    embedded = await startEmbeddedPostgres(join(config.dataDir, 'pg'), await freePort(), (m) => log.warn(m));
    databaseUrl = embedded.url;
    log.log(`embedded PostgreSQL ready in ${Math.round(performance.now() - started)} ms (data in ${join(config.dataDir, 'pg')})`);
  }
  try {
    const ran = await migrate(databaseUrl);
    if (ran > 0) log.log(`ran ${ran} migration(s)`);
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl, pino), new ExpressServerAdapter(), {
      bodyParser: false,
      logger: nestLogger,
    });
    const metrics = app.get(Metrics);
    app.use(httpLogging(pino));
    app.use(metrics.httpMiddleware());
    app.use(securityHeaders());
    app.use('/metrics', metrics.handler(config.metricsToken));
    // A GraphQL upload is base64 in JSON: 4/3 of the file, plus the rest of the request.
    const limit = Math.ceil((config.maxUploadBytes * 4) / 3) + 1024 * 1024;
    const fileLimit = formatMb(config.maxUploadBytes);
    app.use(restInputGuard);
    app.use('/api/reports', express.raw({ type: () => true, limit: config.maxUploadBytes }));
    app.use(express.json({ limit, verify: verifyJsonDepth }));
    // Body-parser refusals happen before any route: answer them in GraphQL's shape, with a code.
    app.use((err: { status?: number; type?: string; message?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (!err) return next();
      const tooLarge = err.status === 413 || err.type === 'entity.too.large';
      // The limit people know is the file's (MAX_UPLOAD_MB), not the base64 body's.
      const message = tooLarge
        ? `请求过大：报告文件上限 ${fileLimit} MB (request too large: report files up to ${fileLimit} MB)`
        : err.type === 'entity.too.deep'
          ? (err.message ?? 'JSON nested too deep')
          : '请求体不是有效的 JSON (malformed JSON body)';
      const code = tooLarge ? 'TOO_LARGE' : 'BAD_INPUT';
      metrics.errors.inc({ code, api: 'http' });
      res.status(tooLarge ? 413 : 400).json({ code, message, errors: [{ message, extensions: { code } }] });
    });
    // Repeated published-only questions without credentials, answered before Apollo (ADR 0007).
    const dataVersion = app.get(DataVersionService);
    app.use(
      '/graphql',
      publishedFastPath({
        enabled: config.publicRead,
        answers: app.get(PublishedAnswers),
        knownVersion: () => dataVersion.known(),
        onHit: (operation, seconds) => metrics.publishedHit(operation, seconds),
      }),
    );
    app.useGlobalFilters(new HttpErrorFilter((code) => metrics.errors.inc({ code, api: 'rest' })));
    app.disable('x-powered-by');
    app.set('trust proxy', 'loopback');
    app.use('/graphql', graphiqlPage(config.webDir));
    if (config.webDir) app.useStaticAssets(config.webDir, { index: false, maxAge: '1h' });
    await app.init();
    if (config.seedDemo) await seedOnce(app, databaseUrl);
    await app.listen(config.port, config.host);
    const address = app.getHttpServer().address() as { port: number };
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${address.port}`;
    let closing: Promise<void> | null = null;
    return {
      app,
      url,
      databaseUrl,
      close: () =>
        (closing ??= (async () => {
          await app.close();
          await embedded?.stop();
        })()),
    };
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
}

/** 20 → "20", 0.5 → "0.5". */
function formatMb(bytes: number): string {
  return String(Math.round((bytes / 1048576) * 10) / 10);
}

async function seedOnce(app: INestApplication, databaseUrl: string) {
  const ds = createDataSource(databaseUrl);
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock(7349002)');
    await app.get(DemoService).seedIfEmpty();
    await ds.query('SELECT pg_advisory_unlock(7349002)');
  } finally {
    await ds.destroy();
  }
}
