import type { EChartsCoreOption } from 'echarts/core';
import { baseOption, formatNumber, percentAxisLabel, topLegend, valueAxisName } from '../base.js';

export interface StackInput {
  categories: readonly string[];
  series: readonly { key: string; name: string; values: readonly (number | null)[] }[];
  /** Show each bar as shares of its total. */
  share?: boolean;
  horizontal?: boolean;
  /** The value axis's name with its unit (件, or % for shares). */
  valueName: string;
  categoryName: string;
  description: string;
}

/** Stacked bars: outcomes of applications per year (or any parts of a whole). */
export function stackedOption(input: StackInput): EChartsCoreOption {
  const totals = input.categories.map((_, i) => input.series.reduce((s, x) => s + (x.values[i] ?? 0), 0));
  const data = (values: readonly (number | null)[]) =>
    values.map((v, i) => (v === null ? null : input.share ? (totals[i] ? v / (totals[i] as number) : 0) : v));
  const cat = { type: 'category', data: [...input.categories], name: input.categoryName, nameGap: 6 };
  const val = {
    type: 'value',
    ...valueAxisName(input.valueName),
    ...(input.share ? { max: 1, axisLabel: percentAxisLabel } : { minInterval: 1 }),
  };
  const { legend, gridTop } = topLegend(input.series.map((s) => s.name));
  return {
    ...baseOption(input.description),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => formatNumber(v, input.share) },
    legend,
    grid: { left: 8, right: 40, top: gridTop, bottom: 8, containLabel: true },
    xAxis: input.horizontal ? val : cat,
    yAxis: input.horizontal ? cat : val,
    series: input.series.map((s) => ({ id: s.key, name: s.name, type: 'bar', stack: 'total', data: data(s.values), emphasis: { focus: 'series' } })),
  };
}
