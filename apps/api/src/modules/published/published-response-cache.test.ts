import { describe, expect, it } from 'vitest';
import { stringifyResult } from './published-response-cache.js';

describe('stringifyResult', () => {
  it('writes compact JSON, errors and extensions included', () => {
    expect(stringifyResult({ data: { yoy: [{ change: 1 }] } })).toBe('{"data":{"yoy":[{"change":1}]}}');
    const withErrors = { data: null, errors: [{ message: 'no', locations: [], path: ['a'] }] };
    expect(JSON.parse(stringifyResult(withErrors))).toEqual(withErrors);
    expect(stringifyResult({ data: { a: 1 }, extensions: { cost: 2 } })).toBe('{"data":{"a":1},"extensions":{"cost":2}}');
  });

  it('lets go of the answer once written, which nothing reads after it (ADR 0012)', () => {
    const data: Record<string, unknown> = { ranking: { rows: [{ rank: 1 }] } };
    expect(stringifyResult({ data })).toBe('{"data":{"ranking":{"rows":[{"rank":1}]}}}');
    expect(data).toEqual({});
    const frozen = Object.freeze({ a: 1 });
    expect(stringifyResult({ data: frozen })).toBe('{"data":{"a":1}}');
    expect(frozen).toEqual({ a: 1 });
  });
});
