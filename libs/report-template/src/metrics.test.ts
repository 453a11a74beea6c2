import { describe, expect, it } from 'vitest';
import { cellPaths, DERIVED_METRICS, evaluateMetric, METRICS, wilson } from './index.js';

describe('metric dictionary', () => {
  it('every canonical cell is a base metric, and every formula names known cells', () => {
    for (const p of cellPaths('2021')) expect(METRICS.get(p)?.kind).toBe('sum');
    const cells = new Set([...cellPaths('2021'), ...cellPaths('2019')]);
    for (const m of DERIVED_METRICS)
      for (const k of [...m.numerator, ...(m.denominator ?? [])]) expect([m.key, cells.has(k) || k === 'population']).toEqual([m.key, true]);
  });

  it('Wilson interval matches the textbook value and is null on n = 0', () => {
    const ci = wilson(8, 10);
    expect(ci?.low).toBeCloseTo(0.4902, 4);
    expect(ci?.high).toBeCloseTo(0.9433, 4);
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(0, 5)?.low).toBe(0);
  });

  it('rates: value, numerator, denominator, small sample, null on a zero denominator', () => {
    const rate = METRICS.get('rate.disclosure');
    if (!rate) throw new Error('missing');
    const sums = (k: string) => ({ 'applications.granted.total': 3, 'applications.processedTotal.total': 12 })[k] ?? 0;
    expect(evaluateMetric(rate, sums)).toMatchObject({ value: 0.25, numerator: 3, denominator: 12, smallSample: true });
    expect(evaluateMetric(rate, () => 0)).toMatchObject({ value: null, denominator: 0, low: null });
    const sum = METRICS.get('applications.denied');
    if (!sum) throw new Error('missing');
    expect(evaluateMetric(sum, (k) => (k.startsWith('applications.denied.') ? 2 : 0)).value).toBe(16);
  });
});
