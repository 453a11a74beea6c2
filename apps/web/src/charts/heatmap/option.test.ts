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
    missingLabel: '未报送',
    categoryName: '年度',
    unitName: '单位',
    valueName: '件',
    description: '单位 × 年度',
  }) as any;

  it('places each unit × year as [yearIndex, unitIndex, value]', () => {
    expect(o.series[0].data).toEqual([
      [0, 0, 1],
      [1, 0, 7],
      [1, 1, 3],
    ]);
    expect(o.yAxis.data).toEqual(['淮源镇', '月河镇']);
    expect(o.xAxis.data).toEqual(['2023', '2024']);
  });

  it('scales colour to the largest value and prints every value', () => {
    expect(o.visualMap.max).toBe(7);
    expect(o.series[0].label.formatter({ value: [1, 0, 7] })).toBe('7');
  });

  it('keeps a 0–1 scale for rates', () => {
    const r = heatmapOption({
      units: ['a'],
      years: [2024],
      values: [[0.5]],
      percent: true,
      missingLabel: '未报送',
      categoryName: '年度',
      unitName: '单位',
      valueName: '%',
      description: '',
    }) as any;
    expect(r.visualMap.max).toBe(1);
    expect(r.series[0].label.formatter({ value: [0, 0, 0.5] })).toBe('50.0%');
  });

  it('shows a missing report as a hatched 未报送 cell outside the colour scale, never as 0', () => {
    const missing = o.series.find((s: any) => s.id === 'missing');
    expect(missing.data).toEqual([[0, 1, 0]]);
    expect(missing.label.formatter()).toBe('未报送');
    expect(missing.itemStyle.decal).toBeTruthy();
    expect(o.visualMap.seriesIndex).toBe(0);
    expect(o.series[0].data.some((d: any) => d[0] === 0 && d[1] === 1)).toBe(false);
    expect(o.tooltip.formatter({ seriesId: 'missing', value: [0, 1, 0] })).toContain('未报送');
  });

  it('names both axes and the colour scale unit', () => {
    expect(o.xAxis.name).toBe('年度');
    expect(o.yAxis.name).toBe('单位');
    expect(o.visualMap.text).toEqual(['件', '']);
  });

  it('a filed report without a value (a rate of no cases) prints — and is not called missing', () => {
    const f = heatmapOption({
      units: ['a'],
      years: [2023, 2024],
      values: [[null, null]],
      filed: [[true, false]],
      missingLabel: '未报送',
      categoryName: '',
      unitName: '',
      valueName: '%',
      description: '',
    }) as any;
    expect(f.series.find((x: any) => x.id === 'empty').data).toEqual([[0, 0, 0]]);
    expect(f.series.find((x: any) => x.id === 'missing').data).toEqual([[1, 0, 0]]);
  });
});
