import type { EChartsCoreOption } from 'echarts/core';
import { baseOption, formatNumber } from '../base.js';

export interface GroupedInput {
  units: readonly string[];
  from: { year: number; values: readonly (number | null)[] };
  to: { year: number; values: readonly (number | null)[] };
  percent?: boolean;
  description: string;
}

/** The change from one year to the other, as the label over the later bar: +12 / −3 / —. */
export function deltaLabel(from: number | null, to: number | null, percent = false): string {
  if (from === null || to === null) return '—';
  const d = to - from;
  const text = percent ? `${(Math.abs(d) * 100).toFixed(1)}pt` : formatNumber(Math.abs(d));
  return d > 0 ? `+${text}` : d < 0 ? `−${text}` : '±0';
}

/** Grouped bars of units in two years, the later bar labelled with its change. */
export function groupedOption(input: GroupedInput): EChartsCoreOption {
  const labels = input.units.map((_, i) => deltaLabel(input.from.values[i] ?? null, input.to.values[i] ?? null, input.percent));
  return {
    ...baseOption(input.description),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => formatNumber(v, input.percent) },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: [...input.units], axisLabel: { interval: 0, rotate: input.units.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value', ...(input.percent ? { axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } } : { minInterval: 1 }) },
    series: [
      { id: 'from', name: String(input.from.year), type: 'bar', data: [...input.from.values] },
      {
        id: 'to',
        name: String(input.to.year),
        type: 'bar',
        data: [...input.to.values],
        label: { show: input.units.length <= 24, position: 'top', fontSize: 11, formatter: (p: { dataIndex: number }) => labels[p.dataIndex] ?? '' },
      },
    ],
  };
}
