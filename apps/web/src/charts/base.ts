import type { EChartsCoreOption } from 'echarts/core';

/** Colour-blind-safe palette (Okabe–Ito); decals make colour never the only cue. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", system-ui, sans-serif';

/** What every chart shares: accessible description, decal patterns, font, palette. */
export function baseOption(description: string): EChartsCoreOption {
  return {
    color: PALETTE,
    textStyle: { fontFamily: FONT },
    aria: { enabled: true, label: { description }, decal: { show: true } },
    animation: false,
  };
}

export function formatNumber(v: number | null | undefined, percent = false, lang: 'zh' | 'en' = 'zh'): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (percent) return `${(v * 100).toFixed(1)}%`;
  return Number.isInteger(v) ? v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB') : v.toFixed(1);
}

/** A change between two values: rates in percentage points, counts in their own unit. One notation for bars, cards and tables. */
export function formatChange(d: number | null | undefined, rate = false, lang: 'zh' | 'en' = 'zh'): string {
  if (d === null || d === undefined || Number.isNaN(d)) return '—';
  const size = rate ? `${(Math.abs(d) * 100).toFixed(1)}${lang === 'zh' ? '个百分点' : ' pp'}` : formatNumber(Math.abs(d), false, lang);
  return d > 0 ? `+${size}` : d < 0 ? `−${size}` : '±0';
}

/** Percent axis labels: 0.25 → 25%. */
export const percentAxisLabel = { formatter: (v: number) => `${Math.round(v * 100)}%` };

/** Rough width in px of a legend item at 12 px: CJK characters are twice as wide as Latin ones. */
function itemWidth(name: string): number {
  let w = 0;
  for (const ch of name) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 12 : 7;
  return w + 25 + 10;
}

/**
 * How many lines a plain (wrapping) legend takes in a chart this wide. Legends wrap rather than
 * page, so no category is ever hidden; the plot starts below the last line.
 */
export function legendLines(names: readonly string[], width = 440): number {
  let lines = 1;
  let x = 0;
  for (const n of names) {
    const w = itemWidth(n);
    if (x > 0 && x + w > width) {
      lines++;
      x = 0;
    }
    x += w;
  }
  return names.length ? lines : 0;
}

/** A wrapping legend at the top, and the grid's top edge below it and the axis name. */
export function topLegend(names: readonly string[]): { legend: object; gridTop: number } {
  const lines = legendLines(names);
  return { legend: { type: 'plain', top: 0, left: 0, right: 0, itemGap: 10 }, gridTop: lines * 22 + 30 };
}

/** Value-axis name in the chart's unit, placed above the axis. */
export function valueAxisName(name: string): object {
  return { name, nameLocation: 'end', nameGap: 10, nameTextStyle: { align: 'left', fontSize: 12 } };
}
