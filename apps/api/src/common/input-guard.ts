import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { type DocumentNode, visit } from 'graphql';
import { AppError, type ErrorCode, HTTP_STATUS } from './errors.js';

/**
 * What every request is checked for before anything reads it, in one place for both transports:
 * NUL characters (PostgreSQL cannot store them in text or jsonb, so they used to end as INTERNAL)
 * and JSON nested deeper than any real request (it overflowed the stack in GraphQL's walkers).
 */

/** Deeper than any real variables object (the deepest input type nests 3 levels). */
export const MAX_JSON_DEPTH = 32;

const NUL_MESSAGE = '输入含 NUL 空字符 (\\0)，请删除后重试 (NUL character in input)';

/**
 * True when JSON text nests arrays/objects deeper than `max`. A byte scan without parsing, so a
 * 10,000-level body is refused before JSON.parse or any recursive walker sees it.
 */
export function jsonTooDeep(text: Uint8Array | string, max = MAX_JSON_DEPTH): boolean {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The path of the first string (or key) holding a NUL in a parsed JSON value; iterative. */
export function findNul(value: unknown, root = '$'): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (v.includes('\0')) return path;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k.includes('\0')) return path;
        stack.push([x, `${path}.${k}`]);
      }
    }
  }
  return null;
}

/**
 * A string literal can hold a NUL only through a raw one (block strings take it) or a `\u`
 * escape: a source with neither is not walked (the walk allocated ~8 kB per new document).
 */
function nulInDocument(document: DocumentNode, source: string | undefined): boolean {
  if (source !== undefined && !source.includes('\0') && !source.includes('\\u')) return false;
  let found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes('\0')) found = true;
    },
  });
  return found;
}

/**
 * GraphQL: refuses a NUL in any variable or string literal (every string argument, whichever
 * field) with BAD_INPUT before anything runs. Deep variables never get here: the body parser
 * and `restInputGuard` refuse them first.
 */
export function inputGuardPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, source }) {
          const at = findNul(request.variables ?? {}, '$variables');
          if (at) throw new AppError('BAD_INPUT', `${NUL_MESSAGE}: ${at}`, { at });
          if (nulInDocument(document, source)) throw new AppError('BAD_INPUT', `${NUL_MESSAGE}: query`);
        },
      };
    },
  };
}

/**
 * Request-level GraphQL errors (nothing executed) get the HTTP status of their code: Apollo
 * answers 500 for any error a plugin throws, which made TOO_COMPLEX look like a server fault.
 */
export function httpStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || response.http.status !== 500) return;
          const result = response.body.singleResult;
          const code = result.errors?.[0]?.extensions?.code as ErrorCode | undefined;
          if (result.data === undefined && code && code !== 'INTERNAL' && HTTP_STATUS[code]) response.http.status = HTTP_STATUS[code];
        },
      };
    },
  };
}

function refuse(res: Response, message: string) {
  res.status(400).json({ code: 'BAD_INPUT', message, errors: [{ message, extensions: { code: 'BAD_INPUT' } }] });
}

/**
 * Every HTTP request: a NUL in the URL (`%00` in a query parameter or path) is refused, and so
 * are GET /graphql variables nested too deep. JSON bodies are checked by the body parser.
 */
export function restInputGuard(req: Request, res: Response, next: NextFunction) {
  if (/%00/i.test(req.url)) return refuse(res, `${NUL_MESSAGE}: URL`);
  if (req.method === 'GET' && req.path === '/graphql') {
    const q = req.query as Record<string, unknown>;
    for (const name of ['variables', 'extensions']) {
      const v = q[name];
      if (typeof v === 'string' && jsonTooDeep(v)) return refuse(res, `${name} 嵌套超过 ${MAX_JSON_DEPTH} 层 (JSON nested too deep)`);
    }
  }
  next();
}

/** For express.json's `verify`: a body nested too deep is refused before it is parsed. */
export function verifyJsonDepth(_req: unknown, _res: unknown, buf: Buffer) {
  if (jsonTooDeep(buf)) {
    throw Object.assign(new Error(`请求 JSON 嵌套超过 ${MAX_JSON_DEPTH} 层 (JSON nested too deep)`), { status: 400, type: 'entity.too.deep' });
  }
}
