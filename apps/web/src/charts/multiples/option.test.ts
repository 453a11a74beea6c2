import { describe, expect, it } from 'vitest';
import { multiplesOption } from './option.js';

describe('multiplesOption', () => {
  const panels = ['a', 'b', 'c', 'd', 'e'].map((name, i) => ({ name, values: [i, i * 2, null] }));
  const o = multiplesOption({ years: [2023, 2024, 2025], panels, columns: 2, valueName: '件', description: '' }) as any;

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

  it('gives each panel its own scale when told (series of very different sizes)', () => {
    const p = multiplesOption({
      years: [2024, 2025],
      panels: [
        { name: '行政许可', values: [3200, 4100] },
        { name: '规章', values: [0, 1] },
      ],
      columns: 2,
      independent: true,
      valueName: '件',
      description: '',
    }) as any;
    expect(p.yAxis.map((y: any) => y.max)).toEqual([undefined, undefined]);
    expect(p.yAxis.every((y: any) => y.axisLabel.show && y.name === '件')).toBe(true);
  });

  it('labels rate axes as percentages and names the unit on the first column', () => {
    const r = multiplesOption({ years: [2025], panels, columns: 2, percent: true, valueName: '%', description: '' }) as any;
    expect(r.yAxis[0].axisLabel.formatter(0.4)).toBe('40%');
    expect(r.yAxis[0].name).toBe('%');
    expect(r.yAxis[1].name).toBe('');
  });
});
