import { describe, expect, it } from 'vitest';
import { heatmapOption } from './option.js';

describe('heatmapOption', () => {
  const o = heatmapOption({
    units: ['淮源镇', '月河镇'],
    years: [2023, 2024],
    values: [
      [1, 7],
      [null, 3],
    ],
    description: '单位 × 年度',
  }) as any;

  it('places each unit × year as [yearIndex, unitIndex, value]', () => {
    expect(o.series[0].data).toEqual([
      [0, 0, 1],
      [1, 0, 7],
      [0, 1, null],
      [1, 1, 3],
    ]);
    expect(o.yAxis.data).toEqual(['淮源镇', '月河镇']);
    expect(o.xAxis.data).toEqual(['2023', '2024']);
  });

  it('scales colour to the largest value and prints every value', () => {
    expect(o.visualMap.max).toBe(7);
    expect(o.series[0].label.formatter({ value: [0, 1, null] })).toBe('—');
    expect(o.series[0].label.formatter({ value: [1, 0, 7] })).toBe('7');
  });

  it('keeps a 0–1 scale for rates', () => {
    const r = heatmapOption({ units: ['a'], years: [2024], values: [[0.5]], percent: true, description: '' }) as any;
    expect(r.visualMap.max).toBe(1);
    expect(r.series[0].label.formatter({ value: [0, 0, 0.5] })).toBe('50.0%');
  });
});
