import { describe, expect, it } from 'vitest';
import { stackedOption } from './option.js';

describe('stackedOption', () => {
  const input = {
    categories: ['2023', '2024'],
    series: [
      { key: 'a', name: '予以公开', values: [3, 0] },
      { key: 'b', name: '不予公开', values: [1, null] },
    ],
    valueName: '件数（件）',
    categoryName: '年度',
    description: '办理结果构成',
  };

  it('stacks every series on one stack, counts as given', () => {
    const o = stackedOption(input) as any;
    expect(o.series.every((s: any) => s.stack === 'total' && s.type === 'bar')).toBe(true);
    expect(o.series[0].data).toEqual([3, 0]);
    expect(o.series[1].data).toEqual([1, null]);
    expect(o.xAxis.data).toEqual(['2023', '2024']);
  });

  it('turns counts into shares of each bar, 0 where the bar is empty', () => {
    const o = stackedOption({ ...input, share: true }) as any;
    expect(o.series[0].data).toEqual([0.75, 0]);
    expect(o.series[1].data).toEqual([0.25, null]);
    expect(o.yAxis.max).toBe(1);
  });

  it('lays bars horizontally on request', () => {
    const o = stackedOption({ ...input, horizontal: true }) as any;
    expect(o.yAxis.type).toBe('category');
    expect(o.xAxis.type).toBe('value');
  });

  it('names both axes, the value axis with its unit', () => {
    const o = stackedOption(input) as any;
    expect(o.yAxis.name).toBe('件数（件）');
    expect(o.xAxis.name).toBe('年度');
    expect(stackedOption({ ...input, horizontal: true }) as any).toMatchObject({ xAxis: { name: '件数（件）' }, yAxis: { name: '年度' } });
  });

  it('wraps the legend instead of paging it, and starts the plot below it', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ key: `k${i}`, name: `其他处理情况第${i}项`, values: [1, 2] }));
    const few = stackedOption(input) as any;
    const o = stackedOption({ ...input, series: many }) as any;
    expect(o.legend.type).toBe('plain');
    expect(o.grid.top).toBeGreaterThan(few.grid.top + 40);
  });
});
