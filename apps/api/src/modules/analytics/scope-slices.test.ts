import { describe, expect, it } from 'vitest';
import { ScopeSliceBuilder } from './scope-slices.js';

// Rows as scopeSliceSql gives them: scope and year order, cells a and b as c0 and c1.
const ROWS = [
  { scope: '0', year: 2023, reports: 10, c0: 5, c1: 50 },
  { scope: '0', year: 2024, reports: 12, c0: 6, c1: 60 },
  { scope: '6', year: 2024, reports: 3, c0: 1, c1: 10 },
  { scope: '45', year: 2022, reports: 2, c0: 0.5, c1: 4 },
  { scope: '45', year: 2024, reports: 1, c0: 2, c1: 8 },
];
const build = (batches: Record<string, unknown>[][]) => {
  const b = new ScopeSliceBuilder(['a', 'b']);
  for (const batch of batches) b.add(batch);
  return b.finish();
};

describe('ScopeSlice', () => {
  const slice = build([ROWS.slice(0, 3), ROWS.slice(3)]);

  it('gives a scope its rows by year, with the asked cells in the asked order', () => {
    expect(slice.size).toBe(5);
    expect(slice.rows(45, ['a', 'b'], true)).toEqual([
      { year: 2022, reports: 2, c0: 0.5, c1: 4 },
      { year: 2024, reports: 1, c0: 2, c1: 8 },
    ]);
    // The question's own cell order: its c0 is the slice's b.
    expect(slice.rows(0, ['b'], true)).toEqual([
      { year: 2023, reports: 10, c0: 50 },
      { year: 2024, reports: 12, c0: 60 },
    ]);
  });

  it('sums a scope over its years when the question is not by year; nothing for a scope with nothing published', () => {
    expect(slice.rows(45, ['b', 'a'], false)).toEqual([{ reports: 3, c0: 12, c1: 2.5 }]);
    expect(slice.rows(6, ['a'], false)).toEqual([{ reports: 3, c0: 1 }]);
    expect(slice.rows(99, ['a'], false)).toEqual([]);
    expect(slice.rows(99, ['a'], true)).toEqual([]);
  });

  it('refuses a cell it does not hold, and rows out of scope order', () => {
    expect(() => slice.rows(0, ['z'], true)).toThrow(/no cell z/);
    expect(() => build([[ROWS[0] as Record<string, unknown>, ROWS[2] as Record<string, unknown>, ROWS[1] as Record<string, unknown>]])).toThrow(/scope order/);
  });
});
