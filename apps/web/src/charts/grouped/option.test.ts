import { describe, expect, it } from 'vitest';
import { deltaLabel, groupedOption } from './option.js';

describe('groupedOption', () => {
  const o = groupedOption({
    units: ['淮源镇', '月河镇', '吴城镇'],
    from: { year: 2024, values: [10, 5, null] },
    to: { year: 2025, values: [12, 2, 4] },
    valueName: '件',
    categoryName: '单位',
    description: '新收申请数',
  }) as any;

  it('draws the two years as two bar series over the units', () => {
    expect(o.xAxis.data).toEqual(['淮源镇', '月河镇', '吴城镇']);
    expect(o.series.slice(0, 2).map((s: any) => s.name)).toEqual(['2024', '2025']);
    expect(o.legend.data).toEqual(['2024', '2025']);
    expect(o.series[1].data).toEqual([12, 2, 4]);
  });

  it('writes the change above the taller of the two bars, never on a bar; — where a year is missing', () => {
    const change = o.series.find((s: any) => s.id === 'change');
    expect(change.data).toEqual([12, 5, 4]);
    expect(change.label.position).toBe('top');
    expect(change.labelLayout.hideOverlap).toBe(true);
    expect([0, 1, 2].map((i) => change.label.formatter({ dataIndex: i }))).toEqual(['+2', '−3', '—']);
  });

  it('stands labels upright when many units share the width, with room above the plot', () => {
    const units = Array.from({ length: 20 }, (_, i) => `单位${i}`);
    const many = groupedOption({
      units,
      from: { year: 2024, values: units.map(() => 0.2) },
      to: { year: 2025, values: units.map(() => 0.35) },
      percent: true,
      valueName: '%',
      categoryName: '单位',
      description: '',
    }) as any;
    const change = many.series.find((s: any) => s.id === 'change');
    expect(change.label.rotate).toBe(90);
    expect(many.grid.top).toBeGreaterThan(o.grid.top);
    expect(many.yAxis.axisLabel.formatter(0.35)).toBe('35%');
    expect(change.label.formatter({ dataIndex: 0 })).toBe('+15.0个百分点');
  });

  it('names both axes', () => {
    expect(o.yAxis.name).toBe('件');
    expect(o.xAxis.name).toBe('单位');
  });

  it('writes rate changes in percentage points', () => {
    expect(deltaLabel(0.2, 0.25, true)).toBe('+5.0个百分点');
    expect(deltaLabel(0.25, 0.2, true, 'en')).toBe('−5.0 pp');
    expect(deltaLabel(3, 3)).toBe('±0');
  });
});
