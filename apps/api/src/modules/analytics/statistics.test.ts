import type { MetricValue } from '@gongkai/report-template';
import { describe, expect, it } from 'vitest';
import type { Group } from './metrics-sql.js';
import { longRows, lowerBound, quartiles, rank, yoyRows } from './statistics.js';

const value = (v: number | null): MetricValue => ({ value: v, numerator: v ?? 0, denominator: null, smallSample: false, low: null, high: null });
const group = (g: Partial<Group> & { v?: Record<string, number | null> }): Group => ({
  year: g.year ?? null,
  unitId: g.unitId ?? null,
  parentId: g.parentId ?? null,
  kind: g.kind ?? null,
  reports: g.reports ?? 1,
  values: new Map(Object.entries(g.v ?? {}).map(([k, v]) => [k, value(v)])),
});

describe('quartiles', () => {
  it('interpolates between order statistics (R type 7)', () => {
    expect(quartiles([1, 2, 6])).toEqual({ p25: 1.5, p50: 2, p75: 4 });
    expect(quartiles([1, 2, 3, 4])).toEqual({ p25: 1.75, p50: 2.5, p75: 3.25 });
    expect(quartiles([7])).toEqual({ p25: 7, p50: 7, p75: 7 });
    expect(quartiles([])).toEqual({ p25: null, p50: null, p75: null });
  });
});

describe('lowerBound', () => {
  it('counts the values strictly below', () => {
    expect(lowerBound([1, 2, 2, 2, 5], 2)).toBe(1);
    expect(lowerBound([1, 2, 2, 2, 5], 3)).toBe(4);
    expect(lowerBound([1, 2, 2, 2, 5], 0)).toBe(0);
    expect(lowerBound([1, 2, 2, 2, 5], 9)).toBe(5);
    expect(lowerBound([], 1)).toBe(0);
  });
});

describe('rank', () => {
  const rows = [
    { unitId: 3, value: 0.5 },
    { unitId: 1, value: 0.9 },
    { unitId: 4, value: null },
    { unitId: 2, value: 0.5 },
    { unitId: 5, value: 0.1 },
  ];

  it('ranks largest first, ties sharing the best rank and ordered by unit, unvalued last', () => {
    const r = rank(rows, false);
    expect(r.rows.map((x) => [x.row.unitId, x.rank])).toEqual([
      [1, 1],
      [2, 2],
      [3, 2],
      [5, 4],
      [4, null],
    ]);
    expect(r.count).toBe(4);
    expect(r.quartiles.p25).toBeCloseTo(0.4);
    expect(r.quartiles.p50).toBeCloseTo(0.5);
    expect(r.quartiles.p75).toBeCloseTo(0.6);
  });

  it('gives each valued row the share of the others strictly below it', () => {
    const r = rank(rows, false);
    expect(Object.fromEntries(r.rows.map((x) => [x.row.unitId, x.percentile]))).toEqual({ 1: 1, 2: 1 / 3, 3: 1 / 3, 5: 0, 4: null });
  });

  it('ranks smallest first when ascending, and a lone value at the top percentile', () => {
    expect(rank(rows, true).rows.map((x) => x.row.unitId)).toEqual([5, 2, 3, 1, 4]);
    expect(rank([{ unitId: 9, value: 3 }], false).rows[0]).toMatchObject({ rank: 1, percentile: 1 });
  });

  it('hands back the rows themselves, not copies', () => {
    expect(rank(rows, false).rows.map((x) => x.row)).toEqual(expect.arrayContaining(rows));
    expect(rank(rows, false).rows.every((x) => rows.includes(x.row))).toBe(true);
  });
});

describe('yoyRows', () => {
  it('pairs two years per unit, largest rise first, relative change only from a non-zero start', () => {
    const groups = [
      group({ unitId: 1, year: 2024, v: { m: 10 } }),
      group({ unitId: 1, year: 2025, v: { m: 15 } }),
      group({ unitId: 2, year: 2024, v: { m: 0 } }),
      group({ unitId: 2, year: 2025, v: { m: 8 } }),
      group({ unitId: 3, year: 2025, v: { m: 4 } }),
      group({ unitId: 4, year: 2024, v: { m: 20 } }),
      group({ unitId: 4, year: 2025, v: { m: 2 } }),
    ];
    expect(yoyRows(groups, 'm', 2024, 2025)).toEqual([
      { unitId: 2, from: 0, to: 8, change: 8, relativeChange: null },
      { unitId: 1, from: 10, to: 15, change: 5, relativeChange: 0.5 },
      { unitId: 4, from: 20, to: 2, change: -18, relativeChange: -0.9 },
      { unitId: 3, from: null, to: 4, change: null, relativeChange: null },
    ]);
  });
});

describe('longRows', () => {
  const groups = () => [
    group({ year: 2024, unitId: 2, v: { a: 1, b: null } }),
    group({ year: 2023, unitId: 1, v: { a: 3, b: 2 } }),
    group({ year: 2024, unitId: 1, v: { a: 3, b: 5 } }),
  ];

  it('orders groups by year then unit, one row per group × metric', () => {
    const rows = longRows(groups(), ['a', 'b'], null);
    expect(rows.map((r) => `${r.year}/${r.unitId}/${r.metric}`)).toEqual(['2023/1/a', '2023/1/b', '2024/1/a', '2024/1/b', '2024/2/a', '2024/2/b']);
    expect(rows[0]).toMatchObject({ metric: 'a', value: 3, numerator: 3, reports: 1 });
  });

  it('orders by a metric, nulls last in either direction, ties by group', () => {
    expect(longRows(groups(), ['b'], { metric: 'b', direction: 'DESC' }).map((r) => r.value)).toEqual([5, 2, null]);
    expect(longRows(groups(), ['b'], { metric: 'b', direction: 'ASC' }).map((r) => r.value)).toEqual([2, 5, null]);
    expect(longRows(groups(), ['a'], { metric: 'a', direction: 'DESC' }).map((r) => `${r.year}/${r.unitId}`)).toEqual(['2023/1', '2024/1', '2024/2']);
  });
});
