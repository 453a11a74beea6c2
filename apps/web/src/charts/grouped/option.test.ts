import { describe, expect, it } from 'vitest';
import { deltaLabel, groupedOption } from './option.js';

describe('groupedOption', () => {
  const o = groupedOption({
    units: ['淮源镇', '月河镇', '吴城镇'],
    from: { year: 2024, values: [10, 5, null] },
    to: { year: 2025, values: [12, 2, 4] },
    description: '新收申请数',
  }) as any;

  it('draws the two years as two bar series over the units', () => {
    expect(o.xAxis.data).toEqual(['淮源镇', '月河镇', '吴城镇']);
    expect(o.series.map((s: any) => s.name)).toEqual(['2024', '2025']);
    expect(o.series[1].data).toEqual([12, 2, 4]);
  });

  it('labels the later bar with the change, — where a year is missing', () => {
    const fmt = o.series[1].label.formatter;
    expect([0, 1, 2].map((i) => fmt({ dataIndex: i }))).toEqual(['+2', '−3', '—']);
  });

  it('writes rate changes in percentage points', () => {
    expect(deltaLabel(0.2, 0.25, true)).toBe('+5.0pt');
    expect(deltaLabel(3, 3)).toBe('±0');
  });
});
