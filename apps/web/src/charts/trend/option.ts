import type { EChartsCoreOption } from 'echarts/core';
import { baseOption, formatNumber, percentAxisLabel, topLegend, valueAxisName } from '../base.js';

export interface TrendInput {
  years: readonly number[];
  series: readonly { key: string; name: string; values: readonly (number | null)[] }[];
  /** Values are shares (0–1), shown as percentages. */
  percent?: boolean;
  /** The value axis's name with its unit (件, %, 万元). */
  valueName: string;
  /** The category axis's name (年度). */
  categoryName: string;
  description: string;
}

/** Lines over years, one per metric; gaps where a year has no value. */
export function trendOption(input: TrendInput): EChartsCoreOption {
  const fmt = (v: number | null) => formatNumber(v, input.percent);
  const { legend, gridTop } = topLegend(input.series.map((s) => s.name));
  return {
    ...baseOption(input.description),
    tooltip: { trigger: 'axis', valueFormatter: fmt },
    legend,
    grid: { left: 8, right: 40, top: gridTop, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: input.years.map(String), boundaryGap: false, name: input.categoryName, nameGap: 6 },
    yAxis: {
      type: 'value',
      ...valueAxisName(input.valueName),
      minInterval: input.percent ? 0 : 1,
      ...(input.percent ? { max: 1, axisLabel: percentAxisLabel } : {}),
    },
    series: input.series.map((s, i) => ({
      id: s.key,
      name: s.name,
      type: 'line',
      data: s.values,
      connectNulls: false,
      symbol: ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow'][i % 6],
      symbolSize: 7,
    })),
  };
}
