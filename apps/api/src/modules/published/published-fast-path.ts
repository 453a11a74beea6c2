import type { NextFunction, Request, Response } from 'express';
import { answerKey, MAX_KEY, type PublishedAnswers } from './published-response-cache.js';

/** What Apollo answers a single result with when the client accepts JSON in the plain ways. */
const JSON_TYPE = 'application/json; charset=utf-8';
/** Accept headers for which Apollo's negotiation gives JSON_TYPE; any other is left to Apollo. */
const PLAIN_ACCEPT = new Set(['*/*', 'application/json']);
/** Apollo's CSRF prevention lets a GET without a content type through only with one of these. */
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

export interface PlainQuestion {
  query: string;
  operationName: string | null;
  variables: Record<string, unknown> | null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v);
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] as string).trim().toLowerCase();
}

/**
 * The question of a request that Apollo would read and answer exactly as the published response
 * cache does, or null when the request must go to Apollo: any credentials (Apollo authenticates
 * them first, so a bad token gets its error), batching (an array body), `extensions` (persisted
 * queries), an Accept header other than the plain JSON ones, a GET that Apollo's CSRF prevention
 * would refuse, or anything malformed (Apollo says what is wrong).
 */
export function plainQuestion(req: Request): PlainQuestion | null {
  const h = req.headers;
  if (h.authorization !== undefined) return null;
  if (h.accept !== undefined && !PLAIN_ACCEPT.has(h.accept.trim())) return null;
  const type = h['content-type'];
  if (req.method === 'POST') {
    if (type === undefined || mediaType(type) !== 'application/json') return null;
    const body: unknown = req.body;
    if (!isRecord(body) || body.extensions != null) return null;
    const { query, operationName, variables } = body;
    if (typeof query !== 'string') return null;
    if (operationName != null && typeof operationName !== 'string') return null;
    if (variables != null && !isRecord(variables)) return null;
    return { query, operationName: operationName ?? null, variables: variables ?? null };
  }
  if (req.method === 'GET') {
    if (type !== undefined && mediaType(type) !== 'application/json') return null;
    if (type === undefined && !PREFLIGHT_HEADERS.some((name) => (h[name]?.length ?? 0) > 0)) return null;
    const at = req.url.indexOf('?');
    if (at < 0) return null;
    const params = new URLSearchParams(req.url.slice(at + 1));
    const queries = params.getAll('query');
    const names = params.getAll('operationName');
    const vars = params.getAll('variables');
    if (queries.length !== 1 || names.length > 1 || vars.length > 1 || params.has('extensions')) return null;
    let variables: unknown = null;
    if (vars.length === 1) {
      try {
        variables = JSON.parse(vars[0] as string);
      } catch {
        return null;
      }
      if (!isRecord(variables)) return null;
    }
    return { query: queries[0] as string, operationName: names[0] ?? null, variables: variables as Record<string, unknown> | null };
  }
  return null;
}

/**
 * Answers a repeated published-only question before Apollo (mounted on /graphql after the body
 * parser, the request logger and the metrics): a hit costs a map lookup and a write, not Apollo's
 * request pipeline, parsing, validation and plugins. Only requests without credentials (see
 * plainQuestion), only while the data version is known in memory (ADR 0006; otherwise Apollo and
 * its per-request read decide), and only answers the plugin kept for that very version: the same
 * bytes Apollo would send, keyed the same way. Everything else goes on to Apollo untouched.
 */
export function publishedFastPath(options: {
  enabled: boolean;
  answers: PublishedAnswers;
  /** The data version known in memory, or null when it must be read (then nothing is served here). */
  knownVersion: () => string | null;
  /** Told of every answer served here (metrics), with the operation's name and the time taken. */
  onHit?: (operation: string | null, seconds: number) => void;
}) {
  const { answers, knownVersion, onHit } = options;
  return (req: Request, res: Response, next: NextFunction) => {
    if (!options.enabled || req.path !== '/') return next();
    const started = process.hrtime.bigint();
    const version = knownVersion();
    if (version === null) return next();
    const q = plainQuestion(req);
    if (!q) return next();
    const key = answerKey(q.query, q.operationName, q.variables);
    if (key.length > MAX_KEY) return next();
    const hit = answers.get(key, version);
    if (!hit) return next();
    // The kept bytes as they are, with the ETag Express's send would give them, computed once
    // per answer: send hashed the whole body again for every hit (and copied it).
    const etagOf = req.app?.get('etag fn') as ((body: Buffer) => string | undefined) | undefined;
    if (etagOf) hit.etag ??= etagOf(hit.body);
    if (hit.etag) res.setHeader('ETag', hit.etag);
    if (req.fresh) {
      res.status(304).end(); // a GET whose If-None-Match names this answer, as send answers it
    } else {
      res.status(200);
      res.setHeader('content-type', JSON_TYPE);
      res.setHeader('content-length', String(hit.body.length));
      res.end(hit.body);
    }
    onHit?.(hit.operation, Number(process.hrtime.bigint() - started) / 1e9);
  };
}
