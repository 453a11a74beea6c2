import type { EChartsCoreOption } from 'echarts/core';
import { baseOption, FONT, formatNumber } from '../base.js';

export interface MultiplesInput {
  years: readonly number[];
  panels: readonly { name: string; values: readonly (number | null)[] }[];
  columns: number;
  percent?: boolean;
  description: string;
}

/** Small multiples: one small line chart per unit, on a shared y scale so they compare. */
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
      left: pct((i % cols) * w + 3),
      width: pct(w - 6),
      top: pct(Math.floor(i / cols) * h + h * 0.28),
      height: pct(h * 0.5),
      containLabel: false,
    })),
    xAxis: input.panels.map((_, i) => ({ type: 'category', gridIndex: i, data: input.years.map(String), axisLabel: { fontSize: 9, interval: 'auto' } })),
    yAxis: input.panels.map((_, i) => ({
      type: 'value',
      gridIndex: i,
      max: input.percent ? 1 : max,
      splitNumber: 2,
      axisLabel: { show: i % cols === 0, fontSize: 9 },
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
