import type { EChartsCoreOption } from 'echarts/core';
import { baseOption, FONT, formatNumber, percentAxisLabel } from '../base.js';

export interface MultiplesInput {
  years: readonly number[];
  panels: readonly { name: string; values: readonly (number | null)[] }[];
  columns: number;
  percent?: boolean;
  /**
   * Each panel on its own y scale: for series of very different sizes (行政许可 in thousands beside
   * 规章 near 0), which a shared scale would flatten. Units of one metric share a scale to compare.
   */
  independent?: boolean;
  /** The unit of the values (件, %), named on the first panel of each row. */
  valueName: string;
  description: string;
}

/** Small multiples: one small line chart per unit (or metric), on a shared y scale unless told otherwise. */
export function multiplesOption(input: MultiplesInput): EChartsCoreOption {
  const cols = Math.max(1, input.columns);
  const rows = Math.max(1, Math.ceil(input.panels.length / cols));
  const w = 100 / cols;
  const h = 100 / rows;
  const max = Math.max(1, ...input.panels.flatMap((p) => p.values.filter((v): v is number => v !== null)));
  const pct = (n: number) => `${n}%`;
  return {
    ...baseOption(input.description),
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => formatNumber(v, input.percent) },
    title: input.panels.map((p, i) => ({
      text: p.name,
      left: pct((i % cols) * w + 1),
      top: pct(Math.floor(i / cols) * h),
      textStyle: { fontSize: 12, fontWeight: 'normal', fontFamily: FONT },
    })),
    grid: input.panels.map((_, i) => ({
      left: pct((i % cols) * w + (input.independent ? 7 : 3)),
      width: pct(w - (input.independent ? 10 : 6)),
      top: pct(Math.floor(i / cols) * h + h * 0.28),
      height: pct(h * 0.5),
      containLabel: false,
    })),
    xAxis: input.panels.map((_, i) => ({ type: 'category', gridIndex: i, data: input.years.map(String), axisLabel: { fontSize: 9, interval: 'auto' } })),
    yAxis: input.panels.map((_, i) => ({
      type: 'value',
      gridIndex: i,
      max: input.percent ? 1 : input.independent ? undefined : max,
      minInterval: input.percent ? 0 : 1,
      splitNumber: 2,
      name: input.independent || i % cols === 0 ? input.valueName : '',
      nameGap: 4,
      nameTextStyle: { fontSize: 9, align: 'right' },
      axisLabel: { show: input.independent || i % cols === 0, fontSize: 9, ...(input.percent ? percentAxisLabel : {}) },
    })),
    series: input.panels.map((p, i) => ({
      id: `u${i}`,
      name: p.name,
      type: 'line',
      xAxisIndex: i,
      yAxisIndex: i,
      data: [...p.values],
      symbolSize: 4,
      areaStyle: { opacity: 0.15 },
    })),
  };
}
