import { describe, expect, it } from 'vitest';
import { trendOption } from './option.js';

describe('trendOption', () => {
  const opt = trendOption({
    years: [2021, 2022, 2023],
    series: [
      { key: 'applications.received', name: '新收申请数', values: [5, null, 9] },
      { key: 'applications.handled', name: '办结申请数', values: [4, 6, 8] },
    ],
    valueName: '件数（件）',
    categoryName: '年度',
    description: '申请受理与办结',
  }) as Record<string, any>;

  it('puts years on the x axis and one line per metric, gaps kept', () => {
    expect(opt.xAxis.data).toEqual(['2021', '2022', '2023']);
    expect(opt.series.map((s: any) => [s.id, s.name, s.type])).toEqual([
      ['applications.received', '新收申请数', 'line'],
      ['applications.handled', '办结申请数', 'line'],
    ]);
    expect(opt.series[0].data).toEqual([5, null, 9]);
    expect(opt.series[0].connectNulls).toBe(false);
  });

  it('is accessible: aria description, decals, distinct symbols', () => {
    expect(opt.aria).toMatchObject({ enabled: true, label: { description: '申请受理与办结' }, decal: { show: true } });
    expect(opt.series[0].symbol).not.toBe(opt.series[1].symbol);
  });

  it('shows shares as percentages capped at 100 %', () => {
    const p = trendOption({
      years: [2024],
      series: [{ key: 'rate.disclosure', name: 'r', values: [0.25] }],
      percent: true,
      valueName: '比率（%）',
      categoryName: '年度',
      description: '',
    }) as any;
    expect(p.yAxis.max).toBe(1);
    expect(p.yAxis.axisLabel.formatter(0.25)).toBe('25%');
    expect(p.tooltip.valueFormatter(0.1234)).toBe('12.3%');
    expect(p.tooltip.valueFormatter(null)).toBe('—');
  });

  it('names the axes with the unit and wraps the legend', () => {
    expect(opt.yAxis.name).toBe('件数（件）');
    expect(opt.xAxis.name).toBe('年度');
    expect(opt.legend.type).toBe('plain');
  });
});
