import type { EChartsCoreOption } from 'echarts/core';
import { baseOption, formatChange, formatNumber, percentAxisLabel, topLegend, valueAxisName } from '../base.js';

export interface GroupedInput {
  units: readonly string[];
  from: { year: number; values: readonly (number | null)[] };
  to: { year: number; values: readonly (number | null)[] };
  percent?: boolean;
  valueName: string;
  categoryName: string;
  lang?: 'zh' | 'en';
  description: string;
}

/** The change from one year to the other: +12 / −3 / +5.0个百分点 / —. */
export function deltaLabel(from: number | null, to: number | null, percent = false, lang: 'zh' | 'en' = 'zh'): string {
  if (from === null || to === null) return '—';
  return formatChange(to - from, percent, lang);
}

/**
 * Grouped bars of units in two years. Each unit's change is written above the taller of its two
 * bars (an invisible series at that height carries the label), so no label sits on a bar; with
 * many units the labels stand upright.
 */
export function groupedOption(input: GroupedInput): EChartsCoreOption {
  const lang = input.lang ?? 'zh';
  const labels = input.units.map((_, i) => deltaLabel(input.from.values[i] ?? null, input.to.values[i] ?? null, input.percent, lang));
  const tops = input.units.map((_, i) => {
    const a = input.from.values[i] ?? null;
    const b = input.to.values[i] ?? null;
    return a === null && b === null ? null : Math.max(a ?? 0, b ?? 0);
  });
  const upright = input.units.length > 8;
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const { legend, gridTop } = topLegend([String(input.from.year), String(input.to.year)]);
  const fmt = (v: number | null | undefined) => formatNumber(v ?? null, input.percent, lang);
  return {
    ...baseOption(input.description),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const i = ps[0]?.dataIndex ?? 0;
        return `${input.units[i]}<br/>${input.from.year}: ${fmt(input.from.values[i])}<br/>${input.to.year}: ${fmt(input.to.values[i])}<br/>${labels[i]}`;
      },
    },
    legend: { ...legend, data: [String(input.from.year), String(input.to.year)] },
    // Room above the plot for upright labels over the tallest bars.
    grid: { left: 8, right: 40, top: gridTop + (upright ? Math.min(90, longest * 8) : 14), bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: [...input.units],
      name: input.categoryName,
      nameLocation: 'middle',
      nameGap: upright ? 60 : 28,
      axisLabel: { interval: 0, rotate: upright ? 40 : 0 },
    },
    yAxis: { type: 'value', ...valueAxisName(input.valueName), ...(input.percent ? { axisLabel: percentAxisLabel } : { minInterval: 1 }) },
    series: [
      { id: 'from', name: String(input.from.year), type: 'bar', data: [...input.from.values] },
      { id: 'to', name: String(input.to.year), type: 'bar', data: [...input.to.values] },
      {
        id: 'change',
        name: 'change',
        type: 'line',
        data: tops,
        silent: true,
        symbol: 'circle',
        symbolSize: 1,
        // Transparent colour, not opacity 0: a label inherits its element's opacity.
        itemStyle: { color: 'transparent' },
        lineStyle: { color: 'transparent' },
        tooltip: { show: false },
        label: {
          show: true,
          position: 'top',
          distance: 4,
          fontSize: 11,
          color: '#222',
          ...(upright ? { rotate: 90, align: 'left', verticalAlign: 'middle' } : {}),
          formatter: (p: { dataIndex: number }) => labels[p.dataIndex] ?? '',
        },
        labelLayout: { hideOverlap: true },
      },
    ],
  };
}
