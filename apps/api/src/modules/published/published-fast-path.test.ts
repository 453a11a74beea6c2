import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { plainQuestion, publishedFastPath } from './published-fast-path.js';
import { answerKey, PublishedAnswers } from './published-response-cache.js';

const Q = '{ metricsVersion }';
const req = (r: { method?: string; headers?: Record<string, string>; body?: unknown; url?: string; path?: string }) =>
  ({ method: 'POST', headers: { 'content-type': 'application/json' }, url: '/', path: '/', ...r }) as unknown as Request;
const get = (search: string, headers: Record<string, string> = { 'apollo-require-preflight': 'true' }) =>
  req({ method: 'GET', headers, url: `/?${search}`, body: {} });

describe('plainQuestion: which requests the fast path may answer', () => {
  it('a POST without credentials, as Apollo reads it', () => {
    expect(plainQuestion(req({ body: { query: Q } }))).toEqual({ query: Q, operationName: null, variables: null });
    expect(plainQuestion(req({ body: { query: Q, operationName: 'A', variables: { a: 1 } } }))).toEqual({ query: Q, operationName: 'A', variables: { a: 1 } });
    expect(plainQuestion(req({ headers: { 'content-type': 'application/json; charset=utf-8', accept: '*/*' }, body: { query: Q } }))).not.toBeNull();
  });
  it('anything with credentials, even empty, goes to Apollo (a bad token gets its error)', () => {
    for (const authorization of ['Bearer x', 'garbage', ''])
      expect(plainQuestion(req({ headers: { 'content-type': 'application/json', authorization }, body: { query: Q } }))).toBeNull();
  });
  it('batches, persisted queries, odd shapes and other content types go to Apollo', () => {
    expect(plainQuestion(req({ body: [{ query: Q }] }))).toBeNull();
    expect(plainQuestion(req({ body: { query: Q, extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } } }))).toBeNull();
    expect(plainQuestion(req({ body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } } }))).toBeNull();
    expect(plainQuestion(req({ body: { query: Q, variables: '{}' } }))).toBeNull();
    expect(plainQuestion(req({ body: { query: Q, operationName: 3 } }))).toBeNull();
    expect(plainQuestion(req({ headers: { 'content-type': 'text/plain' }, body: { query: Q } }))).toBeNull();
    expect(plainQuestion(req({ headers: {}, body: { query: Q } }))).toBeNull();
    expect(plainQuestion(req({ method: 'PUT', body: { query: Q } }))).toBeNull();
  });
  it('an Accept header other than the plain JSON ones is negotiated by Apollo', () => {
    expect(plainQuestion(req({ headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: { query: Q } }))).toBeNull();
    expect(plainQuestion(req({ headers: { 'content-type': 'application/json', accept: 'text/html' }, body: { query: Q } }))).toBeNull();
  });
  it('a GET as Apollo reads it, and only when its CSRF prevention would let it through', () => {
    const search = `query=${encodeURIComponent(Q)}&variables=${encodeURIComponent('{"a":1}')}&operationName=A`;
    expect(plainQuestion(get(search))).toEqual({ query: Q, operationName: 'A', variables: { a: 1 } });
    expect(plainQuestion(get(search, { 'x-apollo-operation-name': 'A' }))).not.toBeNull();
    expect(plainQuestion(get(search, { 'content-type': 'application/json' }))).not.toBeNull();
    expect(plainQuestion(get(search, {}))).toBeNull(); // Apollo refuses it as a possible CSRF
    expect(plainQuestion(get(search, { 'apollo-require-preflight': '' }))).toBeNull();
    expect(plainQuestion(get(search, { 'content-type': 'text/plain', 'apollo-require-preflight': 'true' }))).toBeNull(); // 415
    expect(plainQuestion(get(`${search}&query=x`))).toBeNull();
    expect(plainQuestion(get(`${search}&extensions=%7B%7D`))).toBeNull();
    expect(plainQuestion(get(`query=${encodeURIComponent(Q)}&variables=nope`))).toBeNull();
    expect(plainQuestion(get(`query=${encodeURIComponent(Q)}&variables=%5B%5D`))).toBeNull();
    expect(plainQuestion(get('operationName=A'))).toBeNull();
  });
});

describe('publishedFastPath', () => {
  const answers = new PublishedAnswers();
  answers.set(answerKey(Q, null, null), { version: '7', body: Buffer.from('{"data":{"metricsVersion":"v"}}'), operation: null });
  const run = (r: Request, known: string | null, enabled = true) => {
    const sent: { status?: number; headers: Record<string, string>; body?: string; passed: boolean; hits: number } = { headers: {}, passed: false, hits: 0 };
    const res = {
      status(s: number) {
        sent.status = s;
        return res;
      },
      setHeader(k: string, v: string) {
        sent.headers[k] = v;
      },
      end(b: Buffer) {
        sent.body = b.toString();
      },
    } as unknown as Response;
    const next = (() => {
      sent.passed = true;
    }) as NextFunction;
    publishedFastPath({ enabled, answers, knownVersion: () => known, onHit: () => sent.hits++ })(r, res, next);
    return sent;
  };
  it('answers a kept question for the version known, with what Apollo would send', () => {
    const s = run(req({ body: { query: Q } }), '7');
    expect(s).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': '31' },
      body: '{"data":{"metricsVersion":"v"}}',
      passed: false,
      hits: 1,
    });
  });
  it('passes everything else on: another version, no version known, disabled, credentials, another path', () => {
    expect(run(req({ body: { query: Q } }), '8').passed).toBe(true);
    expect(run(req({ body: { query: Q } }), null).passed).toBe(true);
    expect(run(req({ body: { query: Q } }), '7', false).passed).toBe(true);
    expect(run(req({ headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: { query: Q } }), '7').passed).toBe(true);
    expect(run(req({ path: '/x', body: { query: Q } }), '7').passed).toBe(true);
    expect(run(req({ body: { query: Q, variables: {} } }), '7').passed).toBe(true); // another key
  });
});

describe('PublishedAnswers', () => {
  it('serves an answer only for its version, and forgets the least recently used', () => {
    const a = new PublishedAnswers(2);
    const answer = (text: string) => ({ version: '1', body: Buffer.from(text), operation: null });
    a.set('a', answer('1'));
    a.set('b', answer('2'));
    expect(a.get('a', '2')).toBeUndefined();
    expect(a.get('a', '1')?.body.toString()).toBe('1'); // a is now the most recently used
    a.set('c', answer('3'));
    expect([a.size, a.get('b', '1'), a.get('a', '1')?.body.toString(), a.get('c', '1')?.body.toString()]).toEqual([2, undefined, '1', '3']);
  });
});
