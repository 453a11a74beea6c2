import type { EChartsCoreOption } from 'echarts/core';
import { baseOption, formatNumber } from '../base.js';

export interface TrendInput {
  years: readonly number[];
  series: readonly { key: string; name: string; values: readonly (number | null)[] }[];
  /** Values are shares (0–1), shown as percentages. */
  percent?: boolean;
  description: string;
}

/** Lines over years, one per metric; gaps where a year has no value. */
export function trendOption(input: TrendInput): EChartsCoreOption {
  const fmt = (v: number | null) => formatNumber(v, input.percent);
  return {
    ...baseOption(input.description),
    tooltip: { trigger: 'axis', valueFormatter: fmt },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: input.years.map(String), boundaryGap: false },
    yAxis: {
      type: 'value',
      minInterval: input.percent ? 0 : 1,
      ...(input.percent ? { max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } } : {}),
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
