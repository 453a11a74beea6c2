import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

const MOUNTED = new Set(['/graphql', '/metrics']);

/** Operation names are chosen by clients: at most this many distinct ones get their own series. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Prometheus metrics of one API process, on its own registry (tests run several APIs in one
 * process). Served at /metrics.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'gongkai_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'gongkai_http_request_duration_seconds',
    help: 'HTTP request time by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly graphqlDuration = new Histogram({
    name: 'gongkai_graphql_operation_duration_seconds',
    help: 'GraphQL operation time by operation name and type',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'gongkai_errors_total',
    help: 'Errors answered, by code (UNAUTHENTICATED, BAD_INPUT, UNREADABLE_REPORT, …) and API',
    labelNames: ['code', 'api'] as const,
    registers: [this.registry],
  });
  readonly parseDuration = new Histogram({
    name: 'gongkai_parse_duration_seconds',
    help: 'Report parsing time by format and outcome (ok, unreadable, limit)',
    labelNames: ['format', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly cache = new Counter({
    name: 'gongkai_analytics_cache_total',
    help: 'GraphQL queries answered from the published-response cache (hit) or executed (executed)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly unitSlices = this.events(
    'gongkai_unit_slices_total',
    'Rankings and YoY cut from a country-wide slice (cut) or read for their scope while it was not ready (scoped); slices read (read) or not (failed)',
  );
  readonly scopeSlices = this.events(
    'gongkai_scope_slices_total',
    'Trends cut from a slice of every scope rollups (cut) or read for their scope while it was not ready (scoped); slices read (read) or not (failed)',
  );
  readonly compiledQueries = this.events(
    'gongkai_graphql_compiled_total',
    'Query documents compiled for repeated runs (compiled), or left to graphql-js for a string literal that cannot become a variable (literal) or because they could not be compiled (failed)',
  );
  readonly unitSliceReads = new Gauge({
    name: 'gongkai_unit_slice_reads',
    help: 'Country-wide slice reads (by unit or by scope) under way or waiting their turn (at most 1 + 8)',
    registers: [this.registry],
  });
  private readonly names = new Set<string>();

  /** A counter labelled only by `event` (the slices' and the compiled queries'). */
  private events(name: string, help: string): Counter<'event'> {
    return new Counter({ name, help, labelNames: ['event'] as const, registers: [this.registry] });
  }

  constructor(db?: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'gongkai_' });
    new Gauge({
      name: 'gongkai_db_pool_connections',
      help: 'Database pool connections: total, idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = (db?.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } } | undefined)?.master;
        if (!pool) return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }

  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_NAMES) return 'other';
    this.names.add(name);
    return name;
  }

  /** Counts and times every request, by the route that answered it. */
  httpMiddleware() {
    return (req: IncomingMessage & { route?: { path?: string }; baseUrl?: string; originalUrl?: string }, res: ServerResponse, next: () => void) => {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        // Controllers' routes by their pattern; the mounted GraphQL and metrics endpoints by path.
        const path = (req.originalUrl ?? req.url ?? '').split('?')[0] as string;
        const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : MOUNTED.has(path) ? path : res.statusCode === 404 ? 'unmatched' : 'static';
        const method = req.method ?? 'GET';
        this.httpRequests.inc({ method, route, status: String(res.statusCode) });
        this.httpDuration.observe({ method, route }, Number(process.hrtime.bigint() - started) / 1e9);
      });
      next();
    };
  }

  /** GraphQL: time by operation, errors by code, and whether the answer came from the cache. */
  graphqlPlugin(): ApolloServerPlugin {
    const metrics = this;
    return {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        let executed = false;
        return {
          async executionDidStart() {
            executed = true;
          },
          async willSendResponse(rc) {
            const body = rc.response.body;
            const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
            for (const e of errors) metrics.errors.inc({ code: String(e.extensions?.code ?? 'INTERNAL'), api: 'graphql' });
            if (!rc.operation) return;
            const type = rc.operation.operation;
            metrics.graphqlDuration.observe({ operation: metrics.operationLabel(rc.operationName), type }, Number(process.hrtime.bigint() - started) / 1e9);
            if (type === 'query' && errors.length === 0) metrics.cache.inc({ result: executed ? 'executed' : 'hit' });
          },
        };
      },
    };
  }

  /** A question answered before Apollo from the published answers: counted as the plugin counts a hit. */
  publishedHit(operation: string | null, seconds: number): void {
    this.graphqlDuration.observe({ operation: this.operationLabel(operation), type: 'query' }, seconds);
    this.cache.inc({ result: 'hit' });
  }

  /** `/metrics`, behind `Authorization: Bearer <METRICS_TOKEN>` when that is set. */
  handler(token: string | null) {
    return async (req: IncomingMessage, res: ServerResponse) => {
      if (token) {
        const given = Buffer.from(String(req.headers.authorization ?? ''));
        const wanted = Buffer.from(`Bearer ${token}`);
        if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
          res
            .writeHead(401, { 'content-type': 'application/json' })
            .end(JSON.stringify({ code: 'UNAUTHENTICATED', message: 'metrics need the METRICS_TOKEN' }));
          return;
        }
      }
      res.writeHead(200, { 'content-type': this.registry.contentType }).end(await this.registry.metrics());
    };
  }
}
