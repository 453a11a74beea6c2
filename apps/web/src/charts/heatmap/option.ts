import type { EChartsCoreOption } from 'echarts/core';
import { baseOption, formatNumber } from '../base.js';

export interface HeatmapInput {
  units: readonly string[];
  years: readonly number[];
  /** values[unit][year]; null where no published report. */
  values: readonly (readonly (number | null)[])[];
  percent?: boolean;
  description: string;
}

/** Unit × year heatmap; every cell also prints its value, so colour is not the only cue. */
export function heatmapOption(input: HeatmapInput): EChartsCoreOption {
  const data: [number, number, number | null][] = [];
  let max = 0;
  input.values.forEach((row, u) => {
    row.forEach((v, y) => {
      data.push([y, u, v]);
      if (v !== null && v > max) max = v;
    });
  });
  const base = baseOption(input.description);
  return {
    ...base,
    // Every cell prints its value, so hatching would only hide the numbers.
    aria: { ...(base.aria as object), decal: { show: false } },
    tooltip: {
      formatter: (p: { value: [number, number, number | null] }) =>
        `${input.units[p.value[1]]} · ${input.years[p.value[0]]}<br/>${formatNumber(p.value[2], input.percent)}`,
    },
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: input.years.map(String), splitArea: { show: true } },
    yAxis: { type: 'category', data: [...input.units], inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max: input.percent ? 1 : Math.max(1, max),
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] },
      formatter: (v: number) => formatNumber(v, input.percent),
    },
    series: [
      {
        id: 'cells',
        type: 'heatmap',
        data,
        label: { show: true, fontSize: 11, formatter: (p: { value: [number, number, number | null] }) => formatNumber(p.value[2], input.percent) },
        emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } },
      },
    ],
  };
}
