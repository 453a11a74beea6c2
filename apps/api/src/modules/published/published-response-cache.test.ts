import { describe, expect, it } from 'vitest';
import { stringifyResult } from './published-response-cache.js';

describe('stringifyResult', () => {
  it('writes compact JSON, errors and extensions included', () => {
    expect(stringifyResult({ data: { yoy: [{ change: 1 }] } })).toBe('{"data":{"yoy":[{"change":1}]}}');
    const withErrors = { data: null, errors: [{ message: 'no', locations: [], path: ['a'] }] };
    expect(JSON.parse(stringifyResult(withErrors))).toEqual(withErrors);
    expect(stringifyResult({ data: { a: 1 }, extensions: { cost: 2 } })).toBe('{"data":{"a":1},"extensions":{"cost":2}}');
  });
});
