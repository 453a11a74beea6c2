import { describe, expect, it } from 'vitest';
import { multiplesOption } from './option.js';

describe('multiplesOption', () => {
  const panels = ['a', 'b', 'c', 'd', 'e'].map((name, i) => ({ name, values: [i, i * 2, null] }));
  const o = multiplesOption({ years: [2023, 2024, 2025], panels, columns: 2, description: '' }) as any;

  it('makes one grid, axis pair, title and series per panel', () => {
    expect(o.grid).toHaveLength(5);
    expect(o.xAxis).toHaveLength(5);
    expect(o.title.map((t: any) => t.text)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(o.series.map((s: any) => [s.xAxisIndex, s.yAxisIndex])).toEqual([0, 1, 2, 3, 4].map((i) => [i, i]));
  });

  it('shares one y scale so panels compare', () => {
    expect(new Set(o.yAxis.map((y: any) => y.max))).toEqual(new Set([8]));
  });

  it('lays panels out in rows of `columns`', () => {
    expect(o.grid[0].left).toBe(o.grid[2].left);
    expect(o.grid[0].top).not.toBe(o.grid[2].top);
  });
});
