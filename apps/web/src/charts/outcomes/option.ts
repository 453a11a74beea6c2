import type { EChartsCoreOption } from 'echarts/core';
import { baseOption, formatNumber } from '../base.js';

export interface StackInput {
  categories: readonly string[];
  series: readonly { key: string; name: string; values: readonly (number | null)[] }[];
  /** Show each bar as shares of its total. */
  share?: boolean;
  horizontal?: boolean;
  description: string;
}

/** Stacked bars: outcomes of applications per year (or any parts of a whole). */
export function stackedOption(input: StackInput): EChartsCoreOption {
  const totals = input.categories.map((_, i) => input.series.reduce((s, x) => s + (x.values[i] ?? 0), 0));
  const data = (values: readonly (number | null)[]) =>
    values.map((v, i) => (v === null ? null : input.share ? (totals[i] ? v / (totals[i] as number) : 0) : v));
  const cat = { type: 'category', data: [...input.categories] };
  const val = {
    type: 'value',
    ...(input.share ? { max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } } : { minInterval: 1 }),
  };
  return {
    ...baseOption(input.description),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => formatNumber(v, input.share) },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: input.horizontal ? val : cat,
    yAxis: input.horizontal ? cat : val,
    series: input.series.map((s) => ({ id: s.key, name: s.name, type: 'bar', stack: 'total', data: data(s.values), emphasis: { focus: 'series' } })),
  };
}
