import type { EChartsCoreOption } from 'echarts/core';
import { baseOption, formatNumber } from '../base.js';

export interface HeatmapInput {
  units: readonly string[];
  years: readonly number[];
  /** values[unit][year]; null where there is no value. */
  values: readonly (readonly (number | null)[])[];
  /** filed[unit][year]: a published report exists. A null value of a filed report (a rate of 0 cases) prints —; of no report, 未报送. Default: null means not filed. */
  filed?: readonly (readonly boolean[])[];
  percent?: boolean;
  /** Printed in a cell with no report (未报送): a missing report is never a 0. */
  missingLabel: string;
  categoryName: string;
  unitName: string;
  /** The colour scale's unit (件, %). */
  valueName: string;
  description: string;
}

const HATCH = { symbol: 'rect', symbolSize: 1, rotation: Math.PI / 4, dashArrayX: [1, 0], dashArrayY: [2, 4], color: 'rgba(0,0,0,0.14)' };

/**
 * Unit × year heatmap; every cell prints its value, so colour is not the only cue. Cells with no
 * report are a second, hatched grey series labelled 未报送, outside the colour scale.
 */
export function heatmapOption(input: HeatmapInput): EChartsCoreOption {
  const data: [number, number, number][] = [];
  const missing: [number, number, number][] = [];
  const empty: [number, number, number][] = [];
  let max = 0;
  input.values.forEach((row, u) => {
    row.forEach((v, y) => {
      if (v === null) (input.filed?.[u]?.[y] ? empty : missing).push([y, u, 0]);
      else {
        data.push([y, u, v]);
        if (v > max) max = v;
      }
    });
  });
  const base = baseOption(input.description);
  return {
    ...base,
    // Every cell prints its value, so hatching would only hide the numbers.
    aria: { ...(base.aria as object), decal: { show: false } },
    tooltip: {
      formatter: (p: { seriesId: string; value: [number, number, number] }) =>
        `${input.units[p.value[1]]} · ${input.years[p.value[0]]}<br/>${p.seriesId === 'missing' ? input.missingLabel : p.seriesId === 'empty' ? '—' : formatNumber(p.value[2], input.percent)}`,
    },
    grid: { left: 8, right: 16, top: 24, bottom: 84, containLabel: true },
    xAxis: { type: 'category', data: input.years.map(String), splitArea: { show: true }, name: input.categoryName, nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'category', data: [...input.units], inverse: true, splitArea: { show: true }, name: input.unitName, nameLocation: 'start', nameGap: 8 },
    visualMap: {
      seriesIndex: 0,
      min: 0,
      max: input.percent ? 1 : Math.max(1, max),
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      text: [input.valueName, ''],
      inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] },
      formatter: (v: number) => formatNumber(v, input.percent),
    },
    series: [
      {
        id: 'cells',
        type: 'heatmap',
        data,
        label: { show: true, fontSize: 11, formatter: (p: { value: [number, number, number] }) => formatNumber(p.value[2], input.percent) },
        emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } },
      },
      {
        id: 'missing',
        name: input.missingLabel,
        type: 'heatmap',
        data: missing,
        itemStyle: { color: '#eeeeee', decal: HATCH },
        label: { show: true, fontSize: 10, color: '#333', formatter: () => input.missingLabel },
        emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } },
      },
      {
        id: 'empty',
        type: 'heatmap',
        data: empty,
        itemStyle: { color: '#f7f7f7' },
        label: { show: true, fontSize: 11, color: '#333', formatter: () => '—' },
      },
    ],
  };
}
